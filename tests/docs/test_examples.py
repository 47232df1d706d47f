"""Every ``python`` code block of the docs and the README runs.

Each block is compiled and executed on its own, in a fresh namespace, with warnings as
errors, so every example must be complete: its imports, its app, its test client. The
process is shared, so an example that touches process-wide state (Django settings, for
one) must leave it usable by the next (``if not settings.configured: ...``).

A block that genuinely cannot run on its own is skipped with an HTML comment on the line
right before its fence, giving the reason::

    <!-- no-run: a settings.py excerpt; the full project is in examples/ -->

Skipped blocks are reported with their reason (``pytest -ra`` lists them), their number
is capped by ``MAX_SKIPPED``, and a ``no-run`` comment that does not sit on a Python
block is an error.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from tests.docs._blocks import Block, fenced_blocks, stray_markers

ROOT = Path(__file__).resolve().parents[2]
DOC_FILES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
BLOCKS = [block for path in DOC_FILES for block in fenced_blocks(path) if block.is_python]
RUNNABLE = [block for block in BLOCKS if block.skip_reason is None]
SKIPPED = [block for block in BLOCKS if block.skip_reason is not None]
MAX_SKIPPED = 5
"""Opting out is for the rare block that cannot stand alone; keep it rare."""


@pytest.mark.parametrize("block", RUNNABLE, ids=[b.label(ROOT) for b in RUNNABLE])
def test_example_runs(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The code block runs to the end, in a fresh namespace, without raising or warning."""
    monkeypatch.chdir(tmp_path)
    # Padding keeps line numbers true to the Markdown file, so tracebacks point into it.
    code = compile("\n" * block.line + block.source, str(block.path), "exec")
    namespace = {"__name__": "docs_example", "__file__": str(block.path)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec(code, namespace)


def test_examples_are_found() -> None:
    """The collector finds the examples (an empty docs tree would make the suite vacuous)."""
    labels = {b.label(ROOT).split(":")[0] for b in RUNNABLE}
    for page in ("README.md", "docs/quickstart.md", "docs/errors.md", "docs/formats.md"):
        assert page in labels, f"no runnable python block found in {page}"


def test_few_blocks_opt_out() -> None:
    """At most MAX_SKIPPED blocks are skipped; the list says which and why."""
    listing = "\n".join(f"  {b.label(ROOT)}: {b.skip_reason}" for b in SKIPPED)
    print(
        f"{len(SKIPPED)} of {len(BLOCKS)} python blocks skipped"
        + (f":\n{listing}" if listing else "")
    )
    assert len(SKIPPED) <= MAX_SKIPPED, f"too many blocks opt out of running:\n{listing}"


def test_no_stray_no_run_markers() -> None:
    """Every no-run comment sits right above a python block (none is left dangling)."""
    stray = {
        path.relative_to(ROOT).as_posix(): lines
        for path in DOC_FILES
        if (lines := stray_markers(path))
    }
    assert not stray, f"no-run comments not directly above a python block: {stray}"


SERVER_START = re.compile(
    r"\b(?:uvicorn|hypercorn|granian)\.run\(|\bapp\.run\(|serve_forever\(|\brunserver\b"
)


def test_no_example_starts_a_server() -> None:
    """Examples build apps and use test clients; none starts a server or binds a port."""
    offenders = [b.label(ROOT) for b in RUNNABLE if SERVER_START.search(b.source)]
    assert not offenders, f"these examples start a server: {offenders}"
