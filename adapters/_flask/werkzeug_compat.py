"""Every use of werkzeug internals by httpfault, in one place, each with why.

Pinned by ``tests/flask/test_compat.py`` on the oldest and newest supported werkzeug.
"""

from __future__ import annotations

from typing import Any

__all__ = ["instance_description"]


def instance_description(exc: BaseException) -> Any:
    """The description set on *exc* itself (not its class), or ``None``.

    ``HTTPException(description=...)`` stores it on the instance: as ``description`` in
    werkzeug 2.x, as ``_description`` behind a property in 3.x. Telling the user's own
    description from the class default needs the instance's own value, which werkzeug
    does not expose by any public name.
    """
    own = exc.__dict__
    return own.get("description", own.get("_description"))
