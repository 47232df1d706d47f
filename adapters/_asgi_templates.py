"""Validation answers kept rendered: the same 422 again, for the cost of a dict lookup.

The same validation errors come back again and again (a required field left out, a
number out of range). Their answer is rendered once per shape of their errors, as a
:class:`~httpfault._template.Template`, and each request's id (and, in the problem
format, its path) is spliced into the bytes: the response is byte for byte what the
general path renders. Not used where every error must reach ``on_error`` hooks, or where
the body is more than rendered (a ``formatter``, ``debug``).
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
from httpfault._render import resolve_request_id, wants_problem
from httpfault._template import Template, make_template

from ._asgi_convert import request_info
from .starlette import ErrorResponse, raw_header

__all__ = ["ValidationAnswers"]

MAX_TEMPLATES = 256
"""Shapes kept at most; past it, the kept ones are dropped and kept anew."""
MAX_TEMPLATE_SIZE = 4096
"""Larger answers are rendered each time, not kept."""

_new_response = ErrorResponse.__new__


class _Prepared:
    """A template with its header lines as ASGI wants them."""

    __slots__ = ("halves", "raw", "rid_at", "rid_name", "status", "template")

    def __init__(self, template: Template) -> None:
        headers = template.headers
        self.template = template
        self.status = template.status
        self.rid_at = template.rid_at
        self.rid_name = raw_header((headers[self.rid_at][0], ""))[0] if self.rid_at >= 0 else b""
        self.raw = [raw_header(line) for line in headers]
        # The JSON format's usual case, a request id and nothing else to splice in.
        self.halves = template.halves

    def response(self, request: RequestInfo, request_id: str | None) -> Response:
        halves = self.halves
        if halves is not None and request.method != "HEAD" and request_id is not None:
            body = halves[0] + request_id.encode("ascii") + halves[1]
        else:
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


class ValidationAnswers:
    """Rendered validation answers of one installed config, by the shape of the errors."""

    def __init__(self, config: Config, logger: logging.Logger, malformed: Collection[str]) -> None:
        self.config = config
        self.logger = logger
        self.malformed = malformed
        self.auto = config.format == "auto"
        self.kept: dict[Any, _Prepared] = {}

    @staticmethod
    def usable(config: Config) -> bool:
        """Whether answers may be kept under *config* (no hooks, formatter or debug)."""
        return not config.on_error and config.formatter is None and not config.debug

    def response(self, details: Sequence[Any], scope: Scope) -> Response | None:
        """The answer to *details* (FastAPI's error dicts) for the request of *scope*.

        ``None`` where the general path must answer: details that are not dicts or hold
        something unhashable, a malformed body, an answer that cannot be templated.
        """
        cfg = self.config
        try:
            shape = details_key(details)
            request = request_info(scope)
            request_id = resolve_request_id(cfg, request)
            key = (shape, self.auto and wants_problem(cfg, request), request_id is None)
            prepared = self.kept.get(key)
        except (AttributeError, TypeError):
            return None
        if prepared is None:
            prepared = self._prepare(shape, request, request_id)
            if prepared is None:
                return None
            if prepared.template.size <= MAX_TEMPLATE_SIZE:
                if len(self.kept) >= MAX_TEMPLATES:
                    self.kept.clear()
                self.kept[key] = prepared
        log = self.logger
        if log.isEnabledFor(cfg.log_level_4xx):
            log_error(self.error(shape), cfg, request, request_id, log)
        return prepared.response(request, request_id)

    def error(self, shape: Sequence[tuple[Any, str, Any]]) -> HTTPError:
        """The validation error of *shape* (see :func:`~httpfault._fields.details_key`)."""
        errors = field_errors_from_details(details_from_key(shape), location_first=True)
        return with_field_errors(self.config.validation_status, errors)

    def _prepare(
        self, shape: Sequence[tuple[Any, str, Any]], request: RequestInfo, request_id: str | None
    ) -> _Prepared | None:
        if any(code in self.malformed for _, _, code in shape):
            return None
        template = make_template(self.error(shape), self.config, request, request_id)
        return None if template is None else _Prepared(template)
