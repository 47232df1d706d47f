"""The pytest examples of docs/testing.md pass when given the plugin's fixtures.

(tests/docs runs every block of the docs; this calls the test functions they define.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from httpfault.client import ProblemRegistry
from httpfault.testing import ErrorAssertions

PAGE = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.M | re.S)
TEST_BLOCKS = [block for block in BLOCKS if "def test_" in block]


def test_the_page_has_a_pytest_example() -> None:
    """The page shows a pytest test using the fixtures (so the test below is not vacuous)."""
    assert TEST_BLOCKS


@pytest.mark.parametrize("block", TEST_BLOCKS)
def test_example_tests_pass(block: str) -> None:
    """Each ``test_*`` function of the page passes with ``httpfault_assert`` and ``problem_registry``."""
    namespace: dict[str, object] = {"__name__": "docs_example"}
    exec(compile(block, PAGE.name, "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert tests
    for test in tests:
        registry = ProblemRegistry()
        test(httpfault_assert=ErrorAssertions(registry), problem_registry=registry)  # type: ignore[operator]
