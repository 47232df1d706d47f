"""The error an adapter raises when its framework is not installed."""

from __future__ import annotations

__all__ = ["missing_extra"]


def missing_extra(adapter: str, framework: str, extra: str) -> ImportError:
    """``ImportError`` naming what *adapter* needs and the extra that installs it."""
    return ImportError(
        f"httpfault.adapters.{adapter} needs {framework}: pip install 'httpfault[{extra}]'"
    )
