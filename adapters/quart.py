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
from collections.abc import Awaitable, Callable
from typing import Any

from ._extras import missing_extra

try:
    from quart import Quart, Request, Response, request
    from quart.signals import got_request_exception
    from werkzeug.datastructures import Headers
    from werkzeug.wrappers import Response as WerkzeugResponse
except ImportError as exc:  # pragma: no cover - exercised without Quart installed
    raise missing_extra("quart", "Quart", "quart") from exc

from httpfault import Config, UnsupportedMediaType, error_class
from httpfault._handling import handle

from ._asgi.scope import request_info
from ._flask.convert import is_undecodable_json
from ._flask.extension import CONFIG_KEY, EXTENSION_KEY, Extension, ExtensionState, choose
from ._type_pages import CONTENT_TYPE, TypePage

__all__ = ["CONFIG_KEY", "EXTENSION_KEY", "HTTPFault", "HTTPFaultState", "read_json"]


class HTTPFault(Extension[Quart]):
    """The Quart extension. ``HTTPFault(app)``, or ``HTTPFault()`` then ``init_app(app)``.

    *config* applies to every app the extension is initialised on; a per-app
    ``app.config["HTTPFAULT"]`` (a dict of :class:`~httpfault.Config` field names, or a
    ``Config``) is read by :meth:`init_app` and overrides it.

    *serve_types* lists custom problem types (``HTTPError`` subclasses with their own
    ``type``, or a ``ProblemRegistry``): ``GET`` on the path of each type URI answers a
    small HTML page documenting it, on every app the extension is initialised on.
    """

    def _new_state(self, app: Quart, config: Config) -> HTTPFaultState:
        return HTTPFaultState(app, config, self)

    def _page_view(self, page: TypePage) -> Callable[[], Awaitable[Response]]:
        """The view answering ``GET`` (and ``HEAD``) on a problem type's page."""

        async def view() -> Response:
            return Response(page.body, content_type=CONTENT_TYPE)

        return view


class HTTPFaultState(ExtensionState):
    """What ``init_app`` keeps in ``app.extensions["httpfault"]`` for one Quart app."""

    __slots__ = ()
    app: Quart

    async def handle_exception(self, exc: Exception) -> Response | WerkzeugResponse:
        """The error handler registered for ``Exception``: *exc* as a contract response."""
        answer = choose(exc, self.config, self._quiet, is_undecodable_json)
        if answer.target is None:
            assert answer.native is not None
            return await self.app.make_response(answer.native)
        if answer.unhandled and self.app.config.get("PROPAGATE_EXCEPTIONS") is True:
            raise exc
        info = request_info(request.scope)
        rendered = handle(answer.target, answer.config, info, logger=self.logger)
        if answer.unhandled:
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
