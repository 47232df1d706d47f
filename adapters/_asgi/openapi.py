"""The OpenAPI side of the FastAPI adapter, on top of :mod:`httpfault.openapi`.

``responses(Conflict, NotFound)`` gives a route's ``responses=`` entries with a
self-contained schema per class under both media types (valid with or without
``install()``). ``install_openapi`` wraps ``app.openapi`` (FastAPI's documented way to
extend the document): it replaces FastAPI's default 422, adds what httpfault answers by
itself (422 and 400 where an operation takes input, 500 everywhere), then lets the core
move the schemas into components and keep the installed format's media types, whenever
the routes were added. A document FastAPI makes as 3.0 (``app.openapi_version``) gets
httpfault's parts in the 3.0 dialect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from httpfault import Config, HTTPError, InternalServerError
from httpfault._convert import error_class
from httpfault._openapi_document import add_errors, finish, operations
from httpfault.openapi import by_status, response_object

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["augment", "install_openapi", "responses"]

_REF = "#/components/schemas/"
_FASTAPI_DEFAULTS = ("HTTPValidationError", "ValidationError")
_BOTH = Config(format="auto")


def responses(*error_classes: type[HTTPError]) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for a route: one per status, a schema per error class.

    ``@app.post("/users", responses=responses(Conflict, TooManyRequests))``. Classes of
    the same status are one ``oneOf``, told apart by their own ``type`` and ``code``;
    each response documents its status's headers and the request-id header.
    """
    return {
        status: response_object(classes, _BOTH)
        for status, classes in by_status(error_classes).items()
    }


def _is_fastapi_default(response: Any) -> bool:
    content = response.get("content", {}) if isinstance(response, dict) else {}
    return any(
        m.get("schema", {}).get("$ref") == _REF + "HTTPValidationError" for m in content.values()
    )


def augment(document: dict[str, Any], config: Config) -> dict[str, Any]:
    """Add httpfault's errors and schemas to a FastAPI OpenAPI *document*, in place."""
    version = "3.0" if str(document.get("openapi", "")).startswith("3.0") else "3.1"
    validation = error_class(config.validation_status)
    malformed = error_class(config.malformed_body_status)
    for _path, _method, operation in operations(document):
        answers = operation.setdefault("responses", {})
        if _is_fastapi_default(answers.get("422")):
            del answers["422"]
        if operation.get("parameters") or "requestBody" in operation:
            add_errors(answers, [validation], config, version)
            add_errors(answers, [malformed], config, version)
        add_errors(answers, [InternalServerError], config, version)
    finish(document, config, version)
    components = document["components"]["schemas"]
    used = repr(document.get("paths", {}))
    for name in _FASTAPI_DEFAULTS:
        if name in components and (_REF + name) not in used:
            del components[name]
    if "HTTPValidationError" not in components:
        components.pop("ValidationError", None)
    return document


def install_openapi(app: FastAPI, config: Config) -> None:
    """Wrap ``app.openapi`` so the document it returns is augmented, once per build."""
    original: Callable[[], dict[str, Any]] = app.openapi
    done: list[dict[str, Any]] = []  # the last document augmented (kept, so never reused)

    def openapi() -> dict[str, Any]:
        document = original()
        if not done or done[0] is not document:
            augment(document, config)
            done[:] = [document]
        return document

    app.openapi = openapi  # type: ignore[method-assign]
