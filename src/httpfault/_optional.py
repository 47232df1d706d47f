"""Optional packages: whether one can be imported, found without importing it."""

from __future__ import annotations

from importlib.util import find_spec

__all__ = ["findable"]


def findable(name: str) -> bool:
    """Whether the top-level package *name* can be imported (it is not imported here)."""
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):  # a finder that refuses it, a broken installation
        return False
