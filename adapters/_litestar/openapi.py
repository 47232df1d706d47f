"""The OpenAPI side of the Litestar plugin, on top of :mod:`httpfault.openapi`.

Route-specific errors are declared the Litestar way, in a handler's ``raises``:
``raises=[EmailTaken, NotFound]`` (the plugin turns httpfault classes into stand-ins
Litestar can read as each route is registered) or, for a type checker's sake,
``raises=raises(EmailTaken, NotFound)``. Litestar's own exceptions in ``raises``
(``NotFoundException``) are documented as the httpfault class of their status, which is
how the plugin answers them.

The document is finished where Litestar hands it to its render plugins (its documented
extension point for serving the schema): the plugin wraps each one, and the JSON one it
adds when none serves ``/openapi.json``. Before the first rendering, every operation's
error responses become httpfault's: Litestar's error schemas (from ``raises`` and its
``ValidationException``) are replaced by the contract's, and what the plugin answers by
itself is added: the validation status where an operation takes parameters or a body,
the malformed-body status and 415 where it takes a body, 401 where it has a security
requirement or guards, 403 where it has guards, and 500 everywhere. The schemas become
components, in the config's media types.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin
from litestar.routes import HTTPRoute

from httpfault import (
    Config,
    Forbidden,
    HTTPError,
    InternalServerError,
    Unauthorized,
    UnsupportedMediaType,
)
from httpfault._convert import error_class
from httpfault._openapi_document import add_errors, finish, operations
from httpfault.openapi import by_status

if TYPE_CHECKING:
    from litestar import Litestar, Request
    from litestar.config.app import AppConfig
    from litestar.handlers import HTTPRouteHandler
    from litestar.router import Router
    from litestar.routes import BaseRoute

__all__ = ["document_route", "install_openapi", "raises"]

_CLASS_ATTR = "httpfault_class"


_STAND_INS: dict[type[HTTPError], type[HTTPException]] = {}


def _stand_in(cls: type[HTTPError]) -> type[HTTPException]:
    """A Litestar ``HTTPException`` class standing for *cls* in a handler's ``raises``."""
    known = _STAND_INS.get(cls)
    if known is not None:
        return known
    namespace = {
        "status_code": int(cls.status),
        "detail": cls.title,
        _CLASS_ATTR: cls,
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": f"Stands for httpfault's {cls.__name__} in a handler's ``raises``.",
    }
    made: type[HTTPException] = type(cls.__name__, (HTTPException,), namespace)
    return _STAND_INS.setdefault(cls, made)  # the first one made, under threads too


def raises(*error_classes: type[HTTPError]) -> list[type[HTTPException]]:
    """A handler's ``raises=`` for httpfault classes: ``@post(..., raises=raises(EmailTaken))``.

    Litestar documents an exception class in ``raises`` by its ``status_code``; each
    httpfault class is given as a stand-in of Litestar's ``HTTPException`` (made once
    per class) that the plugin documents with the class's own schema.
    """
    for cls in error_classes:
        if not (isinstance(cls, type) and issubclass(cls, HTTPError)):
            raise TypeError(f"raises() takes HTTPError classes, not {cls!r}")
    return [_stand_in(cls) for cls in error_classes]


def document_route(route: BaseRoute) -> None:
    """Turn the httpfault classes in *route*'s handlers' ``raises`` into stand-ins."""
    if not isinstance(route, HTTPRoute):
        return
    for handler in route.route_handlers:
        declared: Sequence[Any] = handler.raises or ()
        if any(isinstance(c, type) and issubclass(c, HTTPError) for c in declared):
            handler.raises = [
                _stand_in(c) if isinstance(c, type) and issubclass(c, HTTPError) else c
                for c in declared
            ]


def _declared(handler: HTTPRouteHandler | None, config: Config) -> list[type[HTTPError]]:
    """The httpfault classes a handler's ``raises`` stands for."""
    classes: list[type[HTTPError]] = []
    for exc in (handler.raises or ()) if handler is not None else ():
        cls = getattr(exc, _CLASS_ATTR, None)
        if isinstance(cls, type) and issubclass(cls, HTTPError):
            classes.append(cls)
        elif isinstance(exc, type) and issubclass(exc, ValidationException):
            classes.append(error_class(config.validation_status))
        elif isinstance(exc, type) and issubclass(exc, HTTPException):
            try:
                classes.append(error_class(exc.status_code))
            except LookupError:  # a status that is no registered error
                continue
    return classes


def _handlers(app: Litestar) -> dict[tuple[str, str], HTTPRouteHandler]:
    """``(path, method)`` -> the handler, as the document names operations."""
    found: dict[tuple[str, str], HTTPRouteHandler] = {}
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                for method in handler.http_methods:
                    found[(route.path_format or "/", method.lower())] = handler
    return found


def _own_codes(handler: HTTPRouteHandler | None) -> set[str]:
    return {str(code) for code in ((handler.responses or {}) if handler is not None else {})}


def augment(document: dict[str, Any], app: Litestar, config: Config) -> dict[str, Any]:
    """Give a Litestar OpenAPI *document* httpfault's error responses, in place."""
    version = "3.0" if str(document.get("openapi", "")).startswith("3.0") else "3.1"
    handlers = _handlers(app)
    for path, method, operation in operations(document):
        handler = handlers.get((path, method))
        answers: dict[str, Any] = operation.setdefault("responses", {})
        own = _own_codes(handler)
        for code in [c for c in answers if c.isdigit() and int(c) >= 400 and c not in own]:
            del answers[code]  # Litestar's error schema, made from raises
        classes = _declared(handler, config)
        takes_body = "requestBody" in operation
        if takes_body:
            classes += [error_class(config.malformed_body_status), UnsupportedMediaType]
        if takes_body or operation.get("parameters"):
            classes.append(error_class(config.validation_status))
        guarded = handler is not None and bool(handler.resolve_guards())
        if guarded or operation.get("security"):
            classes.append(Unauthorized)
        if guarded:
            classes.append(Forbidden)
        classes.append(InternalServerError)
        for group in by_status(classes).values():
            add_errors(answers, group, config, version)
        operation["responses"] = dict(sorted(answers.items()))
    return finish(document, config, version)


class _Augmenter:
    """Augments the document Litestar built, once (Litestar keeps the same dict)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._done: list[dict[str, Any]] = []  # the last document augmented (kept alive)

    def __call__(self, app: Litestar, document: dict[str, Any]) -> None:
        with self._lock:
            if not self._done or self._done[0] is not document:
                augment(document, app, self.config)
                self._done[:] = [document]


class DocumentingRenderPlugin(OpenAPIRenderPlugin):
    """A render plugin that first gives the document httpfault's errors, then renders it.

    It serves what the wrapped plugin serves, at its paths and media type.
    """

    def __init__(self, plugin: OpenAPIRenderPlugin, augmenter: _Augmenter) -> None:
        super().__init__(path=plugin.paths, media_type=plugin.media_type,
                         favicon=plugin.favicon, style=plugin.style)  # fmt: skip
        self.plugin = plugin
        self.augmenter = augmenter

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The wrapped plugin's rendering of the document with httpfault's errors."""
        self.augmenter(request.app, openapi_schema)
        return self.plugin.render(request, openapi_schema)

    def receive_router(self, router: Router) -> None:
        """Pass the router on to the wrapped plugin."""
        self.plugin.receive_router(router)

    def has_path(self, path: str) -> bool:
        """Whether the wrapped plugin serves *path*."""
        return self.plugin.has_path(path)


def _wrap(plugins: Iterable[OpenAPIRenderPlugin], augmenter: _Augmenter) -> list[Any]:
    return [p if isinstance(p, DocumentingRenderPlugin) else DocumentingRenderPlugin(p, augmenter)
            for p in plugins]  # fmt: skip


def install_openapi(app_config: AppConfig, config: Config) -> None:
    """Have every render plugin of *app_config*'s OpenAPI config serve httpfault's errors.

    The app gets its own copy of the OpenAPI config (one config may serve several apps).
    The deprecated ``openapi_controller`` is left as it is.
    """
    openapi_config = app_config.openapi_config
    if openapi_config is None or openapi_config.openapi_controller is not None:
        return
    plugins = list(openapi_config.render_plugins)
    if not any(p.has_path("/openapi.json") for p in plugins):
        plugins.append(JsonRenderPlugin())
    wrapped = _wrap(plugins, _Augmenter(config))
    own = copy.copy(openapi_config)
    own.render_plugins = wrapped
    default = openapi_config.default_plugin
    own.default_plugin = next(
        (w for p, w in zip(plugins, wrapped, strict=True) if p is default), None
    )
    app_config.openapi_config = own
