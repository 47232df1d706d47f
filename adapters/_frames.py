"""Where an exception was raised: by the framework itself, or by the application.

Frameworks raise their own HTTP errors with their own wording (``Requested URL /x not
found``, ``Maximum request body size ... exceeded``). That wording is not part of the
contract: an error the framework made answers with the catalogue's sentence, as in every
other framework, while a detail the application gave is kept. The traceback tells the two
apart without reaching into the framework.
"""

from __future__ import annotations

from types import TracebackType

__all__ = ["passed_through", "raised_by"]


def raised_by(exc: BaseException, package: str) -> bool:
    """Whether *exc* was raised by code of *package* (its innermost frame is there)."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    return module.partition(".")[0] == package


def passed_through(exc: BaseException, module: str, function: str) -> bool:
    """Whether *exc* was raised inside *function* of *module* or of a module under it."""
    tb: TracebackType | None = exc.__traceback__
    prefix = module + "."
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == function:
            name = str(frame.f_globals.get("__name__", ""))
            if name == module or name.startswith(prefix):
                return True
        tb = tb.tb_next
    return False
