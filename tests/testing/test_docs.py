"""Every Python example of docs/testing.md runs as written, its test functions included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from httpfault.client import ProblemRegistry
from httpfault.testing import ErrorAssertions

PAGE = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.M | re.S)


def test_the_page_has_examples() -> None:
    """The page shows its examples, one of them a pytest test using the fixtures."""
    assert len(BLOCKS) >= 3
    assert any("def test_" in block for block in BLOCKS)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_example_runs(index: int) -> None:
    """The example runs; a ``test_*`` function in it is called with the plugin's fixtures."""
    namespace: dict[str, object] = {"__name__": "docs_example"}
    exec(compile(BLOCKS[index], f"{PAGE.name}[{index}]", "exec"), namespace)
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value):
            registry = ProblemRegistry()
            value(httpfault_assert=ErrorAssertions(registry), problem_registry=registry)
