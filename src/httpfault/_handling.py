"""What every adapter does with an exception: convert, log once, call hooks, answer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from . import _otel, _sentry
from ._answers import answer, answer_keyed
from ._classes import InternalServerError
from ._config import DEFAULT_CONFIG, Config
from ._convert import error_class, from_exception, with_field_errors
from ._errors import HTTPError
from ._fields import details_from_key, details_key, field_errors_from_details
from ._render import Rendered, request_facts
from ._request import RequestInfo

__all__ = ["handle", "handle_details", "log_error"]


def handle(
    exc: BaseException,
    config: Config | None = None,
    request: RequestInfo | None = None,
    *,
    logger: logging.Logger | None = None,
) -> Rendered:
    """Turn *exc* into a rendered response; log it once and call the ``on_error`` hooks.

    The one path every adapter answers an exception by: converted (:func:`from_exception`),
    given its request id, logged, shown to the hooks, then answered from the config's
    cache of rendered answers or rendered. Never raises: a failing ``exception_map``
    entry gives a 500, a failing hook is logged.
    """
    cfg = config or DEFAULT_CONFIG
    log = logger or cfg.logger
    if isinstance(exc, HTTPError):
        error = exc
    else:
        try:
            error = from_exception(exc, cfg)
        except Exception as mapping_failure:
            log.exception("exception_map could not convert %r", exc)
            error = InternalServerError()
            error.__cause__ = mapping_failure
    span = _otel.current_span() if _otel.AVAILABLE else None
    request_id, trace_id, language = request_facts(cfg, request, span)
    if span is not None:
        _otel.record(span, error, log)
    if _sentry.AVAILABLE and error.status >= 500:
        _sentry.capture(error, request_id, trace_id, log)
    log_error(error, cfg, request, request_id, log, trace_id=trace_id)
    if cfg.on_error:
        _call_hooks(error, cfg, request, log)
    return answer(
        error, cfg, request, request_id, trace_id if cfg.trace_id else None, language=language
    )


def handle_details(
    details: Sequence[Any],
    config: Config | None = None,
    request: RequestInfo | None = None,
    *,
    logger: logging.Logger | None = None,
    cause: BaseException | None = None,
) -> Rendered:
    """:func:`handle` for a validation error given as pydantic-style error dicts.

    FastAPI's ``RequestValidationError.errors()``: the first ``loc`` item names the part
    of the request. Answers the configured validation status with field errors, as
    :func:`handle` would; a repeated shape of details (see
    :func:`~httpfault._fields.details_key`) is answered from the cache without making the
    field errors again. *cause*: the framework's exception the details come from, the
    error's ``__cause__`` (what ``debug`` names and hooks see).
    """
    cfg = config or DEFAULT_CONFIG
    shape = details_key(details) if cfg._cache is not None and request is not None else None
    if shape is None:
        error = with_field_errors(
            cfg.validation_status, field_errors_from_details(details, location_first=True)
        )
        error.__cause__ = cause
        return handle(error, cfg, request, logger=logger)
    assert request is not None
    log = logger or cfg.logger
    status = cfg.validation_status
    made: list[HTTPError] = []

    def make() -> HTTPError:
        if not made:
            errors = field_errors_from_details(details_from_key(shape), location_first=True)
            made.append(with_field_errors(status, errors))
            made[0].__cause__ = cause
        return made[0]

    span = _otel.current_span() if _otel.AVAILABLE else None
    request_id, trace_id, language = request_facts(cfg, request, span)
    if span is not None:
        _otel.record_4xx(span, error_class(status).code, log)
    if cfg.on_error or log.isEnabledFor(cfg.log_level_4xx):
        log_error(make(), cfg, request, request_id, log, trace_id=trace_id)
        if cfg.on_error:
            _call_hooks(made[0], cfg, request, log)
    size = sum(len(message) + sum(_length(part) for part in loc) for loc, message, _ in shape)
    rendered = answer_keyed(
        (status, shape), size, make, config=cfg, request=request, request_id=request_id,
        trace_id=trace_id if cfg.trace_id else None, language=language,
    )  # fmt: skip
    assert rendered is not None  # the config has a cache
    return rendered


def _length(part: str | int) -> int:
    return len(part) if part.__class__ is str else 8


def _call_hooks(
    error: HTTPError, config: Config, request: RequestInfo | None, log: logging.Logger
) -> None:
    for hook in config.on_error:
        try:
            hook(error, request)
        except Exception:
            log.exception("on_error hook %r failed", hook)


def log_error(
    error: HTTPError,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    logger: logging.Logger,
    *,
    trace_id: str | None = None,
) -> None:
    """Log *error* once: 5xx with the original traceback, 4xx at a low level without.

    The record carries ``http_status``, ``error_code``, ``request_id``, ``trace_id``,
    ``http_method`` and ``url_path`` as attributes (``None`` where unknown), for
    formatters that print attributes (JSON formatters, structlog).
    """
    server_side = error.status >= 500
    level = config.log_level_5xx if server_side else config.log_level_4xx
    if not logger.isEnabledFor(level):
        return
    method: str | None = None
    path: str | None = None
    where = "-"
    if request is not None:
        method, path = request.method, request.path
        where = f"{method} {path}"
    args = (where, error, request_id or "-")
    extra = {
        "status_code": error.status, "request_id": request_id, "http_status": error.status,
        "error_code": error.code, "trace_id": trace_id, "http_method": method, "url_path": path,
    }  # fmt: skip
    if logger.__class__ is not logging.Logger:  # a custom logger class: its own log()
        exc = (error.__cause__ or error) if server_side else None
        logger.log(level, _MESSAGE, *args, exc_info=exc, extra=extra)
        return
    # What Logger.log() does, less the walk up the stack for the caller: the caller is
    # this function, whose file, line and name the record gets.
    exc_info = None
    if server_side:
        original = error.__cause__ or error
        exc_info = (original.__class__, original, original.__traceback__)
    path, line, name = _CALLER
    record = logger.makeRecord(
        logger.name, level, path, line, _MESSAGE, args, exc_info, name, extra
    )
    logger.handle(record)


_MESSAGE = "%s -> %s (request_id=%s)"
# The caller the records name: log_error's own code, unwrapped where a decorator wraps it.
_CODE = getattr(log_error, "__wrapped__", log_error).__code__
_CALLER = (_CODE.co_filename, _CODE.co_firstlineno, "log_error")
