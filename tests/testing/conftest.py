"""The kit's own fixtures, loaded here as the ``pytest11`` entry point loads them for users."""

from __future__ import annotations

from httpfault.pytest_plugin import httpfault_assert, problem_registry

__all__ = ["httpfault_assert", "problem_registry"]
