"""The OpenAPI side of the FastAPI adapter: error schemas, ``responses()``, the document.

``responses(Conflict, NotFound)`` gives a route's ``responses=`` entries with a
self-contained schema per class under both media types (valid with or without
``install()``). ``install_openapi`` wraps ``app.openapi`` (FastAPI's documented way to
extend the document): it adds the shared schemas as components, moves the per-class
schemas there, keeps only the installed format's media type (both under ``auto``),
replaces FastAPI's default 422, and adds what httpfault answers by itself (422 and 400
where an operation takes input, 500 everywhere) to every operation, whenever the routes
were added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from httpfault import HTTPError, InternalServerError
from httpfault._convert import error_class
from httpfault._fields import LOCATIONS
from httpfault._media import JSON, PROBLEM

if TYPE_CHECKING:
    from fastapi import FastAPI

    from httpfault import Config

__all__ = ["install_openapi", "responses"]

_MARK = "x-httpfault-schema"
_REF = "#/components/schemas/"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_FASTAPI_DEFAULTS = ("HTTPValidationError", "ValidationError")


def _field_error(problem: bool) -> dict[str, Any]:
    message = "detail" if problem else "message"
    return {
        "title": "HTTPFaultProblemFieldError" if problem else "HTTPFaultFieldError",
        "type": "object",
        "required": ["in", "pointer", message],
        "properties": {
            "in": {"type": "string", "enum": sorted(LOCATIONS)},
            "pointer": {
                "type": "string",
                "description": "RFC 6901 JSON Pointer to the value, as a URI fragment.",
                "examples": ["#/email"],
            },
            message: {"type": "string"},
            "code": {"type": "string", "examples": ["missing"]},
        },
    }


def _base(problem: bool, field_error: dict[str, Any]) -> dict[str, Any]:
    common: dict[str, Any] = {
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "type": {"type": "string", "format": "uri-reference"},
        "instance": {"type": "string", "format": "uri-reference"},
        "errors": {"type": "array", "items": field_error},
        "request_id": {"type": "string"},
    }
    if problem:
        props = {**common, "detail": {"type": "string"}}
        return {
            "title": "HTTPFaultProblem",
            "description": "An RFC 9457 problem details object.",
            "type": "object",
            "required": ["type", "title", "status", "detail", "code"],
            "properties": props,
        }
    inner = {
        "type": "object",
        "required": ["status", "code", "title", "message"],
        "properties": {**common, "message": {"type": "string"}},
    }
    return {
        "title": "HTTPFaultError",
        "description": "The httpfault JSON error body.",
        "type": "object",
        "required": ["error"],
        "properties": {"error": inner},
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def shared_schemas() -> dict[str, dict[str, Any]]:
    """The components every httpfault document holds."""
    return {
        "HTTPFaultFieldError": _field_error(False),
        "HTTPFaultProblemFieldError": _field_error(True),
        "HTTPFaultError": _base(False, _ref("HTTPFaultFieldError")),
        "HTTPFaultProblem": _base(True, _ref("HTTPFaultProblemFieldError")),
    }


def _component_name(cls: type[HTTPError], problem: bool) -> str:
    return f"{cls.__name__}{'Problem' if problem else 'Error'}"


def _constraints(cls: type[HTTPError], problem: bool) -> dict[str, Any]:
    props: dict[str, Any] = {
        "status": {"const": cls.status},
        "code": {"type": "string", "examples": [cls.code]},
    }
    if cls.type is not None:
        props["type"] = {"type": "string", "examples": [cls.type]}
    if problem:
        return {"type": "object", "properties": props}
    return {"type": "object", "properties": {"error": {"type": "object", "properties": props}}}


def class_schema(cls: type[HTTPError], problem: bool) -> dict[str, Any]:
    """A self-contained schema for *cls*'s body, marked for :func:`install_openapi`."""
    base = _base(problem, _field_error(problem))
    return {
        "title": _component_name(cls, problem),
        "allOf": [base, _constraints(cls, problem)],
        _MARK: _component_name(cls, problem),
    }


def _response(classes: list[type[HTTPError]]) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for media, problem in ((JSON, False), (PROBLEM, True)):
        schemas = [class_schema(cls, problem) for cls in classes]
        content[media] = {"schema": schemas[0] if len(schemas) == 1 else {"anyOf": schemas}}
    titles = dict.fromkeys(cls.title for cls in classes)
    return {"description": " or ".join(titles), "content": content}


def responses(*error_classes: type[HTTPError]) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for a route: one per status, a schema per error class.

    ``@app.post("/users", responses=responses(Conflict, TooManyRequests))``. Classes of
    the same status are listed together; custom problem types keep their own schema.
    """
    by_status: dict[int, list[type[HTTPError]]] = {}
    for cls in error_classes:
        if not (isinstance(cls, type) and issubclass(cls, HTTPError)):
            raise TypeError(f"responses() takes HTTPError classes, not {cls!r}")
        by_status.setdefault(cls.status, []).append(cls)
    return {status: _response(classes) for status, classes in sorted(by_status.items())}


# -- the document --------------------------------------------------------------------------


def _media_types(fmt: str) -> tuple[str, ...]:
    return {"json": (JSON,), "problem": (PROBLEM,)}.get(fmt, (JSON, PROBLEM))


def _componentize(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """Move a marked class schema (or an anyOf of them) into *components*; return refs."""
    name = schema.get(_MARK)
    if not isinstance(name, str):
        return {**schema, "anyOf": [_componentize(s, components) for s in schema["anyOf"]]}
    if name not in components:
        base = "HTTPFaultProblem" if name.endswith("Problem") else "HTTPFaultError"
        components[name] = {"title": name, "allOf": [_ref(base), schema["allOf"][-1]]}
    return _ref(name)


def _fix_response(response: dict[str, Any], media: tuple[str, ...], components: Any) -> None:
    content = response.get("content")
    if not isinstance(content, dict):
        return
    for key in [m for m, v in content.items() if _is_ours(v.get("schema"))]:
        if key in media:
            content[key]["schema"] = _componentize(content[key]["schema"], components)
        else:
            del content[key]


def _is_ours(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    options = schema.get("anyOf")
    if _MARK in schema:
        return True
    return isinstance(options, list) and bool(options) and all(_is_ours(s) for s in options)


def _is_fastapi_default(response: Any) -> bool:
    content = response.get("content", {}) if isinstance(response, dict) else {}
    return any(
        m.get("schema", {}).get("$ref") == _REF + "HTTPValidationError" for m in content.values()
    )


def _ours(cls: type[HTTPError]) -> dict[str, Any]:
    return _response([cls])


def augment(document: dict[str, Any], config: Config) -> dict[str, Any]:
    """Add httpfault's errors and schemas to a FastAPI OpenAPI *document*, in place."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    media = _media_types(config.format)
    validation = str(config.validation_status)
    malformed = str(config.malformed_body_status)
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS or not isinstance(operation, dict):
                continue
            answers = operation.setdefault("responses", {})
            if _is_fastapi_default(answers.get("422")):
                del answers["422"]
            if operation.get("parameters") or "requestBody" in operation:
                answers.setdefault(validation, _ours(error_class(config.validation_status)))
                answers.setdefault(malformed, _ours(error_class(config.malformed_body_status)))
            answers.setdefault("500", _ours(InternalServerError))
            for response in answers.values():
                if isinstance(response, dict):
                    _fix_response(response, media, components)
    for name, schema in shared_schemas().items():
        components.setdefault(name, schema)
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
