"""From anything raised to an ``HTTPError``; ``abort()`` and ``error_class()``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeGuard, cast

from ._classes import REGISTRY, InternalServerError
from ._config import DEFAULT_CONFIG, Config
from ._errors import HTTPError
from ._fields import FieldError, field_errors_from_pydantic

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["abort", "error_class", "from_exception", "validation_error"]


def error_class(status: int) -> type[HTTPError]:
    """Return the class of a registered 4xx/5xx *status*; ``LookupError`` otherwise."""
    try:
        return REGISTRY[status]
    except (KeyError, TypeError):
        raise LookupError(f"{status!r} is not a registered 4xx/5xx HTTP status") from None


def abort(status: int, detail: str | None = None, **kwargs: Any) -> NoReturn:
    """Raise the error of *status*; keyword arguments go to its constructor."""
    raise error_class(status)(detail, **kwargs)


def with_field_errors(status: int, errors: list[FieldError]) -> HTTPError:
    """``error_class(status)(errors=errors)`` for converters that made *errors* themselves.

    Skips the constructor's argument checks when the class keeps ``HTTPError``'s own
    constructor (every registered class but those with header arguments does); the result
    is equal to the constructed one.
    """
    cls = error_class(status)
    if not errors or cls.__init__ is not _INIT:
        return cls(errors=errors)
    for item in errors:
        if item.__class__ is not FieldError:
            return cls(errors=errors)  # the constructor checks each item
    error = _new_error(cls)
    error.detail = None
    error.errors = errors
    error.headers = {}
    error.extensions = {}
    return error


_INIT = HTTPError.__init__
_new_error = BaseException.__new__


def validation_error(exc: ValidationError, config: Config | None = None) -> HTTPError:
    """The error for a pydantic ``ValidationError``: field errors, input never echoed."""
    cfg = config or DEFAULT_CONFIG
    error = with_field_errors(cfg.validation_status, field_errors_from_pydantic(exc))
    error.__cause__ = exc
    return error


def from_exception(exc: BaseException, config: Config | None = None) -> HTTPError:
    """Turn any exception into an :class:`HTTPError`.

    An ``HTTPError`` is returned as it is; a pydantic ``ValidationError`` becomes the
    configured validation status (422) with field errors; then ``config.exception_map``
    is consulted along the exception's MRO; anything else becomes an
    ``InternalServerError`` that keeps the original as ``__cause__``.
    """
    if isinstance(exc, HTTPError):
        return exc
    cfg = config or DEFAULT_CONFIG
    if _is_pydantic_validation_error(exc):
        return validation_error(exc, cfg)  # type: ignore[arg-type]
    if cfg.exception_map:
        for base in exc.__class__.__mro__:
            target = cfg.exception_map.get(base)
            if target is not None:
                if _is_error_class(target):
                    error: object = target()
                else:
                    error = cast("Callable[[BaseException], object]", target)(exc)
                if not isinstance(error, HTTPError):
                    raise TypeError(f"exception_map for {base.__name__} returned {error!r}")
                if error.__cause__ is None:
                    error.__cause__ = exc
                return error
    error = InternalServerError()
    error.__cause__ = exc
    return error


def _is_error_class(target: object) -> TypeGuard[type[HTTPError]]:
    return isinstance(target, type) and issubclass(target, HTTPError)


def _is_pydantic_validation_error(exc: BaseException) -> bool:
    # Nothing can have raised a pydantic error before pydantic_core was imported; once it
    # is, its ValidationError (pydantic's own) is read from the module, not imported again.
    core = sys.modules.get("pydantic_core")
    return core is not None and isinstance(exc, core.ValidationError)
