"""Answers kept rendered: the same error again, for the cost of a dict lookup.

The same errors come back again and again: a required field left out, ``NotFound("No
such user")``. Their answer is rendered once, as a :class:`~httpfault._template.Template`,
and each request's id (and, in the problem format, its path) is spliced into the bytes:
the response is byte for byte what the general path renders. A plain error (no field
errors, headers or extensions) is kept by what its body shows (status, type, code, title,
instance, detail); a validation error by the shape of its errors, never the submitted
values. Not used where every error must reach ``on_error`` hooks, or where the body is
more than rendered (a ``formatter``, ``debug``).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from typing import Any

from starlette.responses import Response
from starlette.types import Scope

from httpfault import Config, HTTPError, RequestInfo
from httpfault._convert import with_field_errors
from httpfault._fields import details_from_key, details_key, field_errors_from_details
from httpfault._handling import log_error
from httpfault._render import render_with_id, resolve_request_id, wants_problem
from httpfault._template import Template, make_template

from .convert import request_info
from .response import ErrorResponse, raw_header

__all__ = ["KeptAnswers"]

MAX_TEMPLATES = 256
"""Keys of each kind remembered at most; past it, all are dropped and kept anew."""
MAX_TEMPLATE_SIZE = 4096
"""Larger answers are rendered each time, not kept."""

_new_response = ErrorResponse.__new__


class _Prepared:
    """A template with its header lines as ASGI wants them."""

    __slots__ = ("raw", "rid_at", "rid_name", "status", "template")

    def __init__(self, template: Template) -> None:
        headers = template.headers
        self.template = template
        self.status = template.status
        self.rid_at = template.rid_at
        self.rid_name = raw_header((headers[self.rid_at][0], ""))[0] if self.rid_at >= 0 else b""
        self.raw = [raw_header(line) for line in headers]

    def response(self, request: RequestInfo, request_id: str | None) -> Response:
        body = self.template.body(request, request_id)
        raw = self.raw.copy()
        if request_id is not None:
            raw[self.rid_at] = (self.rid_name, request_id.encode("ascii"))
        if request.method != "HEAD":
            raw.append((b"content-length", b"%d" % len(body)))
        response = _new_response(ErrorResponse)
        response.status_code = self.status
        response.background = None
        response.body = body
        response.raw_headers = raw
        return response


class KeptAnswers:
    """Rendered answers of one installed config: plain errors, and validation errors.

    An answer is kept the second time its key is seen, so errors that never repeat (a
    detail naming an id) cost no more than rendering them.
    """

    def __init__(self, config: Config, logger: logging.Logger) -> None:
        self.config = config
        self.logger = logger
        self.auto = config.format == "auto"
        self.kept: dict[Any, object] = {}
        self.plain_kept: dict[Any, object] = {}

    @staticmethod
    def usable(config: Config) -> bool:
        """Whether answers may be kept under *config* (no hooks, formatter or debug)."""
        return not config.on_error and config.formatter is None and not config.debug

    def plain(self, error: HTTPError, scope: Scope) -> Response | None:
        """The answer to *error* for the request of *scope*, if it is a plain error.

        ``None`` where the general path must answer: field errors, headers or extensions,
        a status that is not an int.
        """
        if error.errors or error.headers or error.extensions or error.status.__class__ is not int:
            return None  # (a float status would be a key equal to the int's)
        cfg = self.config
        request = request_info(scope)
        request_id = resolve_request_id(cfg, request)
        # Everything of the error that rendering reads; class attributes included, so
        # that changing one at run time is seen.
        key = (
            error.status, error.type, error.code, error.title, error.instance,
            error.detail, error.expose, error.default_detail,
            self.auto and wants_problem(cfg, request), request_id is None,
        )  # fmt: skip
        try:
            kept = self.plain_kept.get(key)
        except TypeError:  # something unhashable set on the error
            return None
        log_error(error, cfg, request, request_id, self.logger)
        if kept.__class__ is _Prepared:
            return kept.response(request, request_id)
        return self._render(
            self.plain_kept, key, kept, error=error, request=request, request_id=request_id
        )

    def validation(
        self, details: Sequence[Any], scope: Scope, malformed: Collection[str]
    ) -> Response | None:
        """The answer to *details* (FastAPI's error dicts) for the request of *scope*.

        ``None`` where the general path must answer: details that are not dicts or that
        no key stands for exactly (see :func:`~httpfault._fields.details_key`), a type in
        *malformed* (a body that did not parse).
        """
        cfg = self.config
        try:
            shape = details_key(details)
            request = request_info(scope)
            request_id = resolve_request_id(cfg, request)
            key = (shape, self.auto and wants_problem(cfg, request), request_id is None)
            kept = self.kept.get(key)
        except (AttributeError, TypeError):
            return None
        if kept.__class__ is _Prepared:
            log = self.logger
            if log.isEnabledFor(cfg.log_level_4xx):
                log_error(self.error(shape), cfg, request, request_id, log)
            return kept.response(request, request_id)
        if any(code in malformed for _, _, code in shape):
            return None
        error = self.error(shape)
        log_error(error, cfg, request, request_id, self.logger)
        return self._render(
            self.kept, key, kept, error=error, request=request, request_id=request_id
        )

    def error(self, shape: Sequence[tuple[Any, str, Any]]) -> HTTPError:
        """The validation error of *shape* (see :func:`~httpfault._fields.details_key`)."""
        errors = field_errors_from_details(details_from_key(shape), location_first=True)
        return with_field_errors(self.config.validation_status, errors)

    def _render(
        self,
        kept: dict[Any, object],
        key: Any,
        state: object,
        *,
        error: HTTPError,
        request: RequestInfo,
        request_id: str | None,
    ) -> Response:
        # Not kept yet: rendered, and kept the second time (*state* is _SEEN then).
        if state is None:
            _keep(kept, key, _SEEN)
        elif state is _SEEN:
            template = make_template(error, self.config, request, request_id)
            if template is not None:
                prepared = _Prepared(template)
                _keep(kept, key, prepared if template.size <= MAX_TEMPLATE_SIZE else _NEVER)
                return prepared.response(request, request_id)
            _keep(kept, key, _NEVER)  # it does not render: each request logs the fallback
        rendered = render_with_id(error, self.config, request, request_id)
        return ErrorResponse(rendered, head=request.method == "HEAD")


_SEEN = object()
"""A key seen once: its answer is kept if it comes again."""
_NEVER = object()
"""A key whose answer is not kept: too large, or it does not render."""


def _keep(kept: dict[Any, object], key: Any, value: object) -> None:
    if len(kept) >= MAX_TEMPLATES and key not in kept:
        kept.clear()
    kept[key] = value
