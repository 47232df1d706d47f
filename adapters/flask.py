"""Flask extension: every error a Flask app answers, in httpfault's contract.

``HTTPFault(app)`` (or ``ext = HTTPFault(); ext.init_app(app)``) registers one error
handler for ``Exception`` through Flask's public API. It answers httpfault errors,
werkzeug's ``HTTPException`` family (routing 404/405, ``abort()``, malformed JSON,
``MAX_CONTENT_LENGTH``...), pydantic ``ValidationError``, ``Config.exception_map`` and
any other exception (a safe 500, logged once with its traceback) with the same bytes
as :func:`httpfault.render`. Handlers you register for a more specific class or status,
and blueprint handlers, still win, as they always do in Flask.

With flask-smorest, ``HTTPFault(app)`` after ``Api(app)`` (and before
``api.register_blueprint``) answers werkzeug's errors in place of flask-smorest's
handler and puts httpfault's error responses into the ``Api``'s OpenAPI document;
``responses(EmailTaken)`` documents a route's own errors (``@blp.doc(responses=...)``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from ._extras import missing_extra

try:
    from flask import Flask, got_request_exception, request
    from werkzeug.exceptions import HTTPException
    from werkzeug.exceptions import InternalServerError as WerkzeugInternalServerError
    from werkzeug.wrappers import Response as WerkzeugResponse
except ImportError as exc:  # pragma: no cover - exercised without Flask installed
    raise missing_extra("flask", "Flask", "flask") from exc

from httpfault import Config, HTTPError, error_class
from httpfault._handling import handle
from httpfault._request import RequestInfo

from ._flask.babel_compat import babel_language
from ._flask.convert import from_werkzeug, is_json_too_deep
from ._flask.extension import CONFIG_KEY, EXTENSION_KEY, is_unhandled, resolve_config
from ._type_pages import CONTENT_TYPE, TypePage, error_classes, type_pages
from ._wsgi.request import request_info

__all__ = [
    "CONFIG_KEY",
    "EXTENSION_KEY",
    "HTTPFault",
    "HTTPFaultState",
    "resolve_config",
    "responses",
]

_DEFAULT_LOGGER = Config().logger_name
_BOTH = Config(format="auto")


class HTTPFault:
    """The Flask extension. ``HTTPFault(app)``, or ``HTTPFault()`` then ``init_app(app)``.

    *config* applies to every app the extension is initialised on; a per-app
    ``app.config["HTTPFAULT"]`` (a dict of :class:`~httpfault.Config` field names, or a
    ``Config``) is read by :meth:`init_app` and overrides it.

    *serve_types* lists custom problem types (``HTTPError`` subclasses with their own
    ``type``, or a ``ProblemRegistry``): ``GET`` on the path of each type URI answers a
    small HTML page documenting it, on every app the extension is initialised on.
    """

    def __init__(
        self,
        app: Flask | None = None,
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

    def init_app(self, app: Flask) -> None:
        """Install on *app*: state in ``app.extensions["httpfault"]``, one error handler."""
        config = resolve_config(self.config, app.config.get(CONFIG_KEY))
        pages = type_pages(self.serve_types, config)
        state = HTTPFaultState(app, config, self)
        app.extensions[EXTENSION_KEY] = state
        app.register_error_handler(Exception, state.handle_exception)
        if "flask-smorest" in app.extensions:
            from ._flask.openapi import install_smorest

            install_smorest(app, state.handle_exception, config)
        for number, page in enumerate(pages):
            app.add_url_rule(page.path, f"httpfault_problem_type_{number}", _page_view(page),
                             methods=["GET"])  # fmt: skip

    @staticmethod
    def config_for(app: Flask) -> Config:
        """The :class:`~httpfault.Config` installed on *app*."""
        state = app.extensions.get(EXTENSION_KEY)
        if not isinstance(state, HTTPFaultState):
            raise RuntimeError("httpfault is not installed on this app: call HTTPFault(app)")
        return state.config


def responses(*error_classes: type[HTTPError]) -> dict[str, dict[str, Any]]:
    """OpenAPI responses of a route's errors, for flask-smorest's ``@blp.doc(responses=...)``.

    Both media types are listed; the installed format's are kept in the ``Api``'s
    document (see :mod:`httpfault.openapi` for documents made by hand).
    """
    from httpfault.openapi import responses as make

    return make(*error_classes, config=_BOTH)


def _page_view(page: TypePage) -> Callable[[], WerkzeugResponse]:
    """The view answering ``GET`` (and ``HEAD``) on a problem type's page."""

    def view() -> WerkzeugResponse:
        return WerkzeugResponse(page.body, content_type=CONTENT_TYPE)

    return view


class HTTPFaultState:
    """What ``init_app`` keeps in ``app.extensions["httpfault"]`` for one app."""

    __slots__ = ("_quiet", "app", "config", "extension", "logger")

    def __init__(self, app: Flask, config: Config, extension: HTTPFault) -> None:
        self.app = app
        self.config = config
        self.extension = extension
        self.logger: logging.Logger = (
            config.logger if config.logger_name != _DEFAULT_LOGGER else app.logger
        )
        # Errors Flask has logged itself (see handle_exception) must not be logged twice;
        # logging.NOTSET is a level no logger ever emits.
        self._quiet = config.replace(log_level_4xx=logging.NOTSET, log_level_5xx=logging.NOTSET)

    def handle_exception(self, exc: Exception) -> WerkzeugResponse:
        """The error handler registered for ``Exception``: *exc* as a contract response."""
        environ = request.environ
        config = self.config
        target: BaseException = exc
        if isinstance(exc, HTTPError):
            pass
        elif isinstance(exc, HTTPException):
            if (
                isinstance(exc, WerkzeugInternalServerError)
                and exc.__traceback__ is None
                and isinstance(exc.original_exception, BaseException)
            ):
                # Made, not raised, by Flask's handle_exception() (for an exception from an
                # after_request hook or an error handler), which has sent the signal,
                # applied PROPAGATE_EXCEPTIONS and logged the original with its traceback:
                # answer it, do not log it again.
                config = self._quiet
                target = exc.original_exception
                if isinstance(target, HTTPException):
                    converted = from_werkzeug(target, config)
                    if converted is None:
                        return target.get_response(environ)
                    target = converted
            else:
                converted = from_werkzeug(exc, config)
                if converted is None:
                    return exc.get_response(environ)
                target = converted
        elif is_json_too_deep(exc):
            target = error_class(config.malformed_body_status)()
            target.__cause__ = exc
        elif self._unhandled(exc):
            if self.app.config.get("PROPAGATE_EXCEPTIONS") is True:
                raise exc
            rendered = handle(
                target, config, self._request_info(environ, config), logger=self.logger
            )
            # After the core has answered (and told error trackers, tagged): listeners
            # that capture the same exception again see it as a duplicate.
            got_request_exception.send(self.app, _async_wrapper=self.app.ensure_sync, exception=exc)
            return self.app.response_class(rendered.body, rendered.status, rendered.headers)
        rendered = handle(target, config, self._request_info(environ, config), logger=self.logger)
        return self.app.response_class(rendered.body, rendered.status, rendered.headers)

    def _request_info(self, environ: Any, config: Config) -> RequestInfo:
        """The request's view for the core; Flask-Babel's locale as its language, if offered."""
        info = request_info(environ)
        if config._offered:
            info = info._replace(language=babel_language(self.app))
        return info

    def _unhandled(self, exc: Exception) -> bool:
        """Whether *exc* is one Flask would call unhandled: not validation, not mapped."""
        return is_unhandled(exc, self.config)

    def __repr__(self) -> str:
        return f"HTTPFaultState(app={self.app.name!r}, config={self.config!r})"
