"""Flask-Babel's locale for the current request, where the application selects one.

Read only through Flask-Babel's public functions (``get_babel``, ``get_locale``), and
only when Flask-Babel is already imported: httpfault never imports it itself.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["babel_language"]


def babel_language(app: Any) -> str | None:
    """The language tag of Flask-Babel's locale for this request (``pt-BR``), or ``None``.

    ``None`` where Flask-Babel is not in use by *app* or has no locale selector: the
    ``Accept-Language`` negotiation decides then.
    """
    flask_babel: Any = sys.modules.get("flask_babel")
    if flask_babel is None or "babel" not in getattr(app, "extensions", {}):
        return None
    if flask_babel.get_babel(app).locale_selector is None:
        return None
    locale = flask_babel.get_locale()
    return None if locale is None else str(locale).replace("_", "-")
