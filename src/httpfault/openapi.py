"""httpfault's errors in an OpenAPI document, for any framework (or none).

* :func:`components` gives the ``schemas``, ``responses`` and ``headers`` a document
  needs for the contract, in the configured format (both media types under ``auto``).
* :func:`responses` gives the Response Objects of a route's declared errors, keyed by
  status: a schema per class (``oneOf`` several classes of one status, told apart by
  ``type`` and ``code``), the headers the status carries, and the request-id header.

Both speak OpenAPI 3.1 by default; ``version="3.0"`` gives the 3.0 dialect (``enum``
for ``const``, ``example`` for ``examples``, ``nullable``). :func:`responses` output is
self-contained: it is valid in any document, with or without :func:`components`; the
framework integrations move its schemas into the document's components.

::

    from httpfault import Config, NotFound
    from httpfault.openapi import components, responses

    document["components"] = components(Config(format="problem"))
    operation["responses"].update(responses(NotFound, config=Config(format="problem")))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._classes import (
    Forbidden,
    InternalServerError,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
)
from ._config import DEFAULT_CONFIG, Config
from ._convert import error_class
from ._errors import HTTPError
from ._media import JSON, PROBLEM
from ._openapi_schemas import (
    REF,
    Version,
    component_name,
    group_schema,
    header_objects,
    headers_for,
    shared_schemas,
    to_30,
)

__all__ = ["components", "media_types", "responses", "self_answered"]

_VERSIONS = ("3.1", "3.0")


def media_types(config: Config | None = None) -> tuple[str, ...]:
    """The error media types of *config*'s format: both under ``auto``."""
    fmt = (config or DEFAULT_CONFIG).format
    return {"json": (JSON,), "problem": (PROBLEM,)}.get(fmt, (JSON, PROBLEM))


def self_answered(config: Config | None = None) -> list[type[HTTPError]]:
    """The error classes an adapter answers by itself, whatever the routes raise."""
    cfg = config or DEFAULT_CONFIG
    classes = [
        error_class(cfg.malformed_body_status),
        Unauthorized,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        NotAcceptable,
        UnsupportedMediaType,
        error_class(cfg.validation_status),
        TooManyRequests,
        InternalServerError,
    ]
    return sorted(dict.fromkeys(classes), key=lambda c: c.status)


def _check_version(version: str) -> None:
    if version not in _VERSIONS:
        raise ValueError(f"version must be '3.1' or '3.0', not {version!r}")


def _convert(node: Any, version: str) -> Any:
    return to_30(node) if version == "3.0" else node


def _header(obj: dict[str, Any], version: str) -> dict[str, Any]:
    return {**obj, "schema": _convert(obj["schema"], version)}


def response_object(
    classes: list[type[HTTPError]], config: Config, version: str = "3.1"
) -> dict[str, Any]:
    """The Response Object of one status: *classes*' schemas, its headers, inline."""
    content = {
        media: {"schema": _convert(group_schema(classes, media == PROBLEM), version)}
        for media in media_types(config)
    }
    objects = header_objects(config)
    headers = {
        name: _header(objects[name][1], version) for name in headers_for(classes[0].status, config)
    }
    titles = dict.fromkeys(cls.title for cls in classes)
    return {"description": " or ".join(titles), "headers": headers, "content": content}


def by_status(error_classes: Iterable[Any]) -> dict[int, list[type[HTTPError]]]:
    """*error_classes* grouped by status, in status order; non-classes refused."""
    grouped: dict[int, list[type[HTTPError]]] = {}
    for cls in error_classes:
        if not (isinstance(cls, type) and issubclass(cls, HTTPError)):
            raise TypeError(f"responses() takes HTTPError classes, not {cls!r}")
        group = grouped.setdefault(int(cls.status), [])
        if cls not in group:
            group.append(cls)
    return dict(sorted(grouped.items()))


def responses(
    *errors: type[HTTPError], config: Config | None = None, version: Version = "3.1"
) -> dict[str, dict[str, Any]]:
    """OpenAPI Response Objects for a route's declared *errors*, keyed by status string.

    ``responses(Conflict, EmailTaken, NotFound)`` gives ``"404"`` and ``"409"``; the
    409 schema is ``oneOf`` both classes. Schemas are self-contained (valid in any
    document); every response documents the request-id header and the headers of its
    status (``Retry-After``, ``RateLimit-Policy`` and ``RateLimit`` on 429 and 503,
    ``Allow`` on 405, ``WWW-Authenticate`` on 401...).
    """
    _check_version(version)
    cfg = config or DEFAULT_CONFIG
    return {
        str(status): response_object(classes, cfg, version)
        for status, classes in by_status(errors).items()
    }


def components(config: Config | None = None, *, version: Version = "3.1") -> dict[str, Any]:
    """The ``components`` of the contract: ``schemas``, ``responses`` and ``headers``.

    ``schemas`` holds the shared bodies (``HTTPFaultError``, ``HTTPFaultProblem`` and
    their field errors) and one schema per error class answered by httpfault itself;
    ``responses`` one Response Object per such class (``BadRequest``,
    ``UnprocessableContent``, ``InternalServerError``...) referring to them;
    ``headers`` the request-id, ``Retry-After``, ``RateLimit-Policy``, ``RateLimit``,
    ``Allow`` and challenge headers.
    """
    _check_version(version)
    cfg = config or DEFAULT_CONFIG
    problem_flags = [media == PROBLEM for media in media_types(cfg)]
    shared = shared_schemas()
    schemas: dict[str, Any] = {}
    for problem in problem_flags:
        for name in ("HTTPFaultProblemFieldError", "HTTPFaultProblem") if problem else (
            "HTTPFaultFieldError", "HTTPFaultError"
        ):  # fmt: skip
            schemas[name] = _convert(shared[name], version)
    header_parts = header_objects(cfg)
    headers = {component: _header(obj, version) for component, obj in header_parts.values()}
    responses_: dict[str, Any] = {}
    for cls in self_answered(cfg):
        content = {}
        for media, problem in zip(media_types(cfg), problem_flags, strict=True):
            name = component_name(cls, problem)
            body = group_schema([cls], problem)
            base = "HTTPFaultProblem" if problem else "HTTPFaultError"
            schemas[name] = _convert(
                {"title": name, "allOf": [{"$ref": REF + base}, body["allOf"][1]]}, version
            )
            content[media] = {"schema": {"$ref": REF + name}}
        responses_[cls.__name__] = {
            "description": cls.title,
            "headers": {
                name: {"$ref": "#/components/headers/" + header_parts[name][0]}
                for name in headers_for(cls.status, cfg)
            },
            "content": content,
        }
    return {"schemas": schemas, "responses": responses_, "headers": headers}
