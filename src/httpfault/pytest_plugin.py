"""The pytest plugin of httpfault (entry point ``pytest11``: ``httpfault``).

Fixtures:

- ``problem_registry``: a fresh :class:`httpfault.client.ProblemRegistry` for the test,
  to register the custom problem types the API under test answers with;
- ``httpfault_assert``: :class:`httpfault.testing.ErrorAssertions` bound to that
  registry: ``httpfault_assert(response, Conflict, code="email_taken")``,
  ``httpfault_assert.conforms(response)``, ``httpfault_assert.parse(response)``.
"""

from __future__ import annotations

import pytest

from .client._registry import ProblemRegistry
from .testing import ErrorAssertions

__all__ = ["httpfault_assert", "problem_registry"]


@pytest.fixture
def problem_registry() -> ProblemRegistry:
    """A fresh, empty registry of custom problem types for this test."""
    return ProblemRegistry()


@pytest.fixture
def httpfault_assert(problem_registry: ProblemRegistry) -> ErrorAssertions:
    """httpfault's response assertions, using this test's ``problem_registry``."""
    return ErrorAssertions(problem_registry)
