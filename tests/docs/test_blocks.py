"""The code-block collector used by the docs tests finds what it must, and only that."""

from __future__ import annotations

from pathlib import Path

from tests.docs._blocks import fenced_blocks, stray_markers

PAGE = """# Page

```python
a = 1
```

```python title="app.py" hl_lines="1"
b = 2
```

=== "Tab"

    ```python
    c = 3
    if c:
        d = 4
    ```

<!-- no-run: needs a database -->
```python
import database
```

````markdown
```python
not_code = "inside a longer fence"
```
````

```pycon
>>> 1
```

<!-- no-run: dangling -->
Text.
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "page.md"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_finds_python_blocks_with_attributes_and_indentation(tmp_path: Path) -> None:
    """Plain, titled and tab-indented python blocks are found and dedented."""
    blocks = [b for b in fenced_blocks(write(tmp_path)) if b.is_python]
    assert [b.source for b in blocks] == [
        "a = 1\n",
        "b = 2\n",
        "c = 3\nif c:\n    d = 4\n",
        "import database\n",
    ]
    assert [b.line for b in blocks] == [3, 7, 13, 20]


def test_no_run_comment_gives_the_reason(tmp_path: Path) -> None:
    """Only the block right below a no-run comment is skipped, with its reason."""
    reasons = [b.skip_reason for b in fenced_blocks(write(tmp_path)) if b.is_python]
    assert reasons == [None, None, None, "needs a database"]


def test_nested_fences_and_other_languages_are_not_python(tmp_path: Path) -> None:
    """A python fence quoted inside a longer fence, and pycon blocks, are not run."""
    blocks = fenced_blocks(write(tmp_path))
    assert [b.info for b in blocks if not b.is_python] == ["markdown", "pycon"]


def test_dangling_no_run_comment_is_reported(tmp_path: Path) -> None:
    """A no-run comment with no python block under it is found."""
    assert stray_markers(write(tmp_path)) == [34]
