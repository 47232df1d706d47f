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

from collections.abc import Callable
from typing import Any

from ._extras import missing_extra

try:
    from flask import Flask, got_request_exception, request
    from werkzeug.wrappers import Response as WerkzeugResponse
except ImportError as exc:  # pragma: no cover - exercised without Flask installed
    raise missing_extra("flask", "Flask", "flask") from exc

from httpfault import Config, HTTPError
from httpfault._handling import handle
from httpfault._request import RequestInfo

from ._flask.babel_compat import babel_language
from ._flask.convert import is_json_too_deep
from ._flask.extension import (
    CONFIG_KEY,
    EXTENSION_KEY,
    Extension,
    ExtensionState,
    choose,
    resolve_config,
)
from ._type_pages import CONTENT_TYPE, TypePage
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


class HTTPFault(Extension[Flask]):
    """The Flask extension. ``HTTPFault(app)``, or ``HTTPFault()`` then ``init_app(app)``.

    *config* applies to every app the extension is initialised on; a per-app
    ``app.config["HTTPFAULT"]`` (a dict of :class:`~httpfault.Config` field names, or a
    ``Config``) is read by :meth:`init_app` and overrides it.

    *serve_types* lists custom problem types (``HTTPError`` subclasses with their own
    ``type``, or a ``ProblemRegistry``): ``GET`` on the path of each type URI answers a
    small HTML page documenting it, on every app the extension is initialised on.
    """

    def _new_state(self, app: Flask, config: Config) -> HTTPFaultState:
        return HTTPFaultState(app, config, self)

    def _installed(self, app: Flask, state: ExtensionState, config: Config) -> None:
        if "flask-smorest" in app.extensions:
            from ._flask.openapi import install_smorest

            install_smorest(app, state.handle_exception, config)

    def _page_view(self, page: TypePage) -> Callable[[], WerkzeugResponse]:
        """The view answering ``GET`` (and ``HEAD``) on a problem type's page."""

        def view() -> WerkzeugResponse:
            return WerkzeugResponse(page.body, content_type=CONTENT_TYPE)

        return view


def responses(*error_classes: type[HTTPError]) -> dict[str, dict[str, Any]]:
    """OpenAPI responses of a route's errors, for flask-smorest's ``@blp.doc(responses=...)``.

    Both media types are listed; the installed format's are kept in the ``Api``'s
    document (see :mod:`httpfault.openapi` for documents made by hand).
    """
    from httpfault.openapi import responses as make

    return make(*error_classes, config=_BOTH)


class HTTPFaultState(ExtensionState):
    """What ``init_app`` keeps in ``app.extensions["httpfault"]`` for one Flask app."""

    __slots__ = ()
    app: Flask

    def handle_exception(self, exc: Exception) -> WerkzeugResponse:
        """The error handler registered for ``Exception``: *exc* as a contract response."""
        environ = request.environ
        answer = choose(exc, self.config, self._quiet, is_json_too_deep)
        if answer.target is None:
            assert answer.native is not None
            return answer.native.get_response(environ)
        if answer.unhandled and self.app.config.get("PROPAGATE_EXCEPTIONS") is True:
            raise exc
        config = answer.config
        rendered = handle(
            answer.target, config, self._request_info(environ, config), logger=self.logger
        )
        if answer.unhandled:
            # After the core has answered (and told error trackers, tagged): listeners
            # that capture the same exception again see it as a duplicate.
            got_request_exception.send(self.app, _async_wrapper=self.app.ensure_sync, exception=exc)
        return self.app.response_class(rendered.body, rendered.status, rendered.headers)

    def _request_info(self, environ: Any, config: Config) -> RequestInfo:
        """The request's view for the core; Flask-Babel's locale as its language, if offered."""
        info = request_info(environ)
        if config._offered:
            info = info._replace(language=babel_language(self.app))
        return info
