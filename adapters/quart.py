"""Quart extension: every error a Quart app answers, in httpfault's contract.

``HTTPFault(app)`` (or ``ext = HTTPFault(); ext.init_app(app)``) registers one error
handler for ``Exception`` through Quart's public API, as the Flask extension does. It
answers httpfault errors, werkzeug's ``HTTPException`` family (which Quart raises:
routing 404/405, ``abort()``, malformed JSON from ``get_json()``, ``MAX_CONTENT_LENGTH``),
pydantic ``ValidationError``, ``Config.exception_map`` and any other exception (a safe
500, logged once with its traceback) with the same bytes as :func:`httpfault.render`.
Handlers you register for a more specific class or status, and blueprint handlers,
still win, as they always do in Quart.

Quart's ``get_json()`` answers ``None`` for a body that is not JSON; :func:`read_json`
reads the body the contract's way: 415 for another media type, the malformed-body
status for a body that does not decode.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

try:
    from quart import Quart, Request, Response, request
    from quart.signals import got_request_exception
    from werkzeug.datastructures import Headers
    from werkzeug.exceptions import HTTPException
    from werkzeug.exceptions import InternalServerError as WerkzeugInternalServerError
    from werkzeug.wrappers import Response as WerkzeugResponse
except ImportError as exc:  # pragma: no cover - exercised without Quart installed
    raise ImportError(
        "httpfault.adapters.quart needs Quart: pip install 'httpfault[quart]'"
    ) from exc

from httpfault import Config, HTTPError, UnsupportedMediaType, error_class
from httpfault._handling import handle

from ._asgi.scope import request_info
from ._flask.convert import from_werkzeug, is_undecodable_json
from ._flask.extension import CONFIG_KEY, EXTENSION_KEY, is_unhandled, resolve_config
from ._type_pages import CONTENT_TYPE, TypePage, error_classes, type_pages

__all__ = ["CONFIG_KEY", "EXTENSION_KEY", "HTTPFault", "HTTPFaultState", "read_json"]

_DEFAULT_LOGGER = Config().logger_name


class HTTPFault:
    """The Quart extension. ``HTTPFault(app)``, or ``HTTPFault()`` then ``init_app(app)``.

    *config* applies to every app the extension is initialised on; a per-app
    ``app.config["HTTPFAULT"]`` (a dict of :class:`~httpfault.Config` field names, or a
    ``Config``) is read by :meth:`init_app` and overrides it.

    *serve_types* lists custom problem types (``HTTPError`` subclasses with their own
    ``type``, or a ``ProblemRegistry``): ``GET`` on the path of each type URI answers a
    small HTML page documenting it, on every app the extension is initialised on.
    """

    def __init__(
        self,
        app: Quart | None = None,
        config: Config | None = None,
        *,
        serve_types: Iterable[type[HTTPError]] = (),
    ) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a httpfault.Config, not {type(config).__name__}")
        self.config = config
        self.serve_types = error_classes(serve_types)
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Quart) -> None:
        """Install on *app*: state in ``app.extensions["httpfault"]``, one error handler."""
        config = resolve_config(self.config, app.config.get(CONFIG_KEY))
        pages = type_pages(self.serve_types, config)
        state = HTTPFaultState(app, config, self)
        app.extensions[EXTENSION_KEY] = state
        app.register_error_handler(Exception, state.handle_exception)
        for number, page in enumerate(pages):
            app.add_url_rule(page.path, f"httpfault_problem_type_{number}", _page_view(page),
                             methods=["GET"])  # fmt: skip

    @staticmethod
    def config_for(app: Quart) -> Config:
        """The :class:`~httpfault.Config` installed on *app*."""
        state = app.extensions.get(EXTENSION_KEY)
        if not isinstance(state, HTTPFaultState):
            raise RuntimeError("httpfault is not installed on this app: call HTTPFault(app)")
        return state.config


def _page_view(page: TypePage) -> Callable[[], Awaitable[Response]]:
    """The view answering ``GET`` (and ``HEAD``) on a problem type's page."""

    async def view() -> Response:
        return Response(page.body, content_type=CONTENT_TYPE)

    return view


class HTTPFaultState:
    """What ``init_app`` keeps in ``app.extensions["httpfault"]`` for one app."""

    __slots__ = ("_quiet", "app", "config", "extension", "logger")

    def __init__(self, app: Quart, config: Config, extension: HTTPFault) -> None:
        self.app = app
        self.config = config
        self.extension = extension
        self.logger: logging.Logger = (
            config.logger if config.logger_name != _DEFAULT_LOGGER else app.logger
        )
        # Errors Quart has logged itself (see handle_exception) must not be logged twice;
        # logging.NOTSET is a level no logger ever emits.
        self._quiet = config.replace(log_level_4xx=logging.NOTSET, log_level_5xx=logging.NOTSET)

    async def handle_exception(self, exc: Exception) -> Response | WerkzeugResponse:
        """The error handler registered for ``Exception``: *exc* as a contract response."""
        config = self.config
        target: BaseException = exc
        unhandled = False
        if isinstance(exc, HTTPError):
            pass
        elif isinstance(exc, HTTPException):
            if (
                isinstance(exc, WerkzeugInternalServerError)
                and exc.__traceback__ is None
                and isinstance(exc.original_exception, BaseException)
            ):
                # Made, not raised, by Quart's handle_exception() (for an exception from an
                # after_request function or an error handler), which has sent the signal,
                # applied PROPAGATE_EXCEPTIONS and logged the original with its traceback:
                # answer it, do not log it again.
                config = self._quiet
                target = exc.original_exception
                if isinstance(target, HTTPException):
                    converted = from_werkzeug(target, config)
                    if converted is None:
                        return await self.app.make_response(target)
                    target = converted
            else:
                converted = from_werkzeug(exc, config)
                if converted is None:
                    return await self.app.make_response(exc)
                target = converted
        elif is_undecodable_json(exc):
            target = error_class(config.malformed_body_status)()
            target.__cause__ = exc
        elif is_unhandled(exc, config):
            if self.app.config.get("PROPAGATE_EXCEPTIONS") is True:
                raise exc
            unhandled = True
        info = request_info(request.scope)
        rendered = handle(target, config, info, logger=self.logger)
        if unhandled:
            # After the core has answered (and told error trackers, tagged): listeners
            # that capture the same exception again see it as a duplicate.
            await got_request_exception.send_async(
                self.app,
                _sync_wrapper=self.app.ensure_async,  # type: ignore[arg-type]
                exception=exc,
            )
        response = self.app.response_class(
            rendered.body, rendered.status, Headers(rendered.headers)
        )
        if info.method == "HEAD":
            # No body, and no length of a body that was never rendered.
            del response.headers["Content-Length"]
        return response

    def __repr__(self) -> str:
        return f"HTTPFaultState(app={self.app.name!r}, config={self.config!r})"


def _is_json(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


async def read_json(req: Request | None = None) -> Any:
    """The JSON body of *req* (the current request by default), or the contract's error.

    A content type other than JSON (``application/json`` or ``application/*+json``)
    raises ``UnsupportedMediaType`` (415); a body that does not decode (malformed JSON,
    invalid UTF-8, nesting too deep) raises the configured malformed-body error (400).
    A body larger than ``MAX_CONTENT_LENGTH`` is Quart's 413, as with ``get_json()``.
    """
    current = request if req is None else req
    if not _is_json(current.headers.get("Content-Type", "")):
        raise UnsupportedMediaType()
    body = await current.get_data(as_text=False)
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        state = _state()
        status = state.config.malformed_body_status if state is not None else 400
        raise error_class(status)() from exc


def _state() -> HTTPFaultState | None:
    from quart import current_app

    state = current_app.extensions.get(EXTENSION_KEY) if current_app else None
    return state if isinstance(state, HTTPFaultState) else None
