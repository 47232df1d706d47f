"""The schemas of the wire contract, per error class, in OpenAPI 3.1 (and 3.0) form."""

from __future__ import annotations

from typing import Any, Literal

from ._catalog_data import TEXTS
from ._config import Config
from ._errors import HTTPError, code_for
from ._fields import LOCATIONS
from ._members import json_schema, members_of

__all__ = [
    "CLASS_MARK",
    "MARK",
    "REF",
    "Version",
    "base_schema",
    "class_schema",
    "field_error_schema",
    "group_schema",
    "header_objects",
    "headers_for",
    "shared_schemas",
    "to_30",
]

Version = Literal["3.1", "3.0"]
MARK = "x-httpfault-schema"
"""Marks a self-contained class schema, so a document can move it into its components."""
CLASS_MARK = "x-httpfault-class"
"""The class a marked schema describes, as ``module:qualname``."""
REF = "#/components/schemas/"

_STATUS_HEADERS: dict[int, tuple[str, ...]] = {
    401: ("WWW-Authenticate",),
    405: ("Allow",),
    407: ("Proxy-Authenticate",),
    413: ("Retry-After",),
    416: ("Content-Range",),
    426: ("Upgrade",),
    429: ("Retry-After", "RateLimit-Policy", "RateLimit"),
    503: ("Retry-After", "RateLimit-Policy", "RateLimit"),
}
_HEADER_TEXTS = {
    "WWW-Authenticate": ("HTTPFaultWWWAuthenticate", "The authentication challenge(s)."),
    "Allow": ("HTTPFaultAllow", "The methods the target resource supports."),
    "Proxy-Authenticate": ("HTTPFaultProxyAuthenticate", "The proxy's challenge(s)."),
    "Retry-After": (
        "HTTPFaultRetryAfter",
        "When to retry: delay in seconds, or an HTTP-date.",
    ),
    "Content-Range": ("HTTPFaultContentRange", "The current length: bytes */length."),
    "Upgrade": ("HTTPFaultUpgrade", "The protocol(s) to switch to."),
    "RateLimit-Policy": (
        "HTTPFaultRateLimitPolicy",
        (
            "The quota policies (draft-ietf-httpapi-ratelimit-headers): a Structured Field"
            " List, one Item per policy named by a String, with the quota q, the window w in"
            " seconds, and optionally the quota unit qu and the partition key pk."
        ),
    ),
    "RateLimit": (
        "HTTPFaultRateLimit",
        (
            "Where the client stands in each policy (draft-ietf-httpapi-ratelimit-headers):"
            " a Structured Field List, one Item per policy named by a String, with the"
            " remaining quota r and the seconds t until it resets, optionally the partition"
            " key pk."
        ),
    ),
}
_HEADER_EXAMPLES = {
    "Retry-After": "30",
    "RateLimit-Policy": '"default";q=100;w=60',
    "RateLimit": '"default";r=0;t=30',
}


def field_error_schema(problem: bool) -> dict[str, Any]:
    """A field error, under ``errors`` (``message`` in JSON, ``detail`` in problem+json)."""
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


def base_schema(problem: bool, field_error: dict[str, Any]) -> dict[str, Any]:
    """The body every error shares, in one format."""
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
        return {
            "title": "HTTPFaultProblem",
            "description": "An RFC 9457 problem details object.",
            "type": "object",
            "required": ["type", "title", "status", "detail", "code"],
            "properties": {**common, "detail": {"type": "string"}},
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


def shared_schemas() -> dict[str, dict[str, Any]]:
    """The components every document with httpfault's errors holds (3.1 form)."""
    return {
        "HTTPFaultFieldError": field_error_schema(False),
        "HTTPFaultProblemFieldError": field_error_schema(True),
        "HTTPFaultError": base_schema(False, {"$ref": REF + "HTTPFaultFieldError"}),
        "HTTPFaultProblem": base_schema(True, {"$ref": REF + "HTTPFaultProblemFieldError"}),
    }


def component_name(cls: type[HTTPError], problem: bool) -> str:
    """``EmailTakenError`` (JSON) or ``EmailTakenProblem`` (problem+json)."""
    return f"{cls.__name__}{'Problem' if problem else 'Error'}"


def _own_code(cls: type[HTTPError]) -> bool:
    text = TEXTS.get(cls.status)
    return text is None or cls.code != code_for(text.title)


def _exclude(values: list[str]) -> dict[str, Any]:
    return {"not": {"enum": values}} if values else {}


def _constraints(
    cls: type[HTTPError], problem: bool, others: list[type[HTTPError]]
) -> dict[str, Any]:
    """What tells *cls*'s body apart: status, its own type and code, its members."""
    props: dict[str, Any] = {"status": {"const": cls.status}}
    required: list[str] = []
    other_codes = sorted({o.code for o in others if _own_code(o) and o.code != cls.code})
    other_types = sorted({o.type for o in others if o.type and o.type != cls.type})
    if _own_code(cls):
        props["code"] = {"type": "string", "const": cls.code, "examples": [cls.code]}
    else:
        props["code"] = {"type": "string", "examples": [cls.code], **_exclude(other_codes)}
    if cls.type is not None:
        props["type"] = {"type": "string", "const": cls.type, "examples": [cls.type]}
        required.append("type")
    elif other_types:
        props["type"] = {"type": "string", **_exclude(other_types)}
    for member in members_of(cls):
        props[member.name] = json_schema(member)
        if member.required:
            required.append(member.name)
    inner: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        inner["required"] = required
    if problem:
        return inner
    return {"type": "object", "properties": {"error": inner}}


def _class_path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def class_schema(
    cls: type[HTTPError], problem: bool, others: list[type[HTTPError]] | None = None
) -> dict[str, Any]:
    """A self-contained schema for *cls*'s body, marked so a document can hoist it."""
    name = component_name(cls, problem)
    return {
        "title": name,
        "allOf": [base_schema(problem, field_error_schema(problem)), _constraints(
            cls, problem, others or []
        )],
        MARK: name,
        CLASS_MARK: _class_path(cls),
    }  # fmt: skip


def distinct(classes: list[type[HTTPError]]) -> bool:
    """Whether the bodies of *classes* can be told apart (by their own type or code)."""
    seen = set()
    for cls in classes:
        key = (cls.type, cls.code if _own_code(cls) else None)
        if key in seen:
            return False
        seen.add(key)
    return True


def group_schema(classes: list[type[HTTPError]], problem: bool) -> dict[str, Any]:
    """One class's schema, or ``oneOf`` several of one status (``anyOf`` if alike)."""
    if len(classes) == 1:
        return class_schema(classes[0], problem)
    if not distinct(classes):
        return {"anyOf": [class_schema(c, problem) for c in classes]}
    return {"oneOf": [class_schema(c, problem, [o for o in classes if o is not c])
                      for c in classes]}  # fmt: skip


def headers_for(status: int, config: Config) -> list[str]:
    """The response headers documented for *status*: its own, then the request id."""
    names = list(_STATUS_HEADERS.get(status, ()))
    if config.request_id_header is not None:
        names.append(config.request_id_header)
    return names


def _header_schema(name: str) -> dict[str, Any]:
    example = _HEADER_EXAMPLES.get(name)
    return {"type": "string"} if example is None else {"type": "string", "examples": [example]}


def header_objects(config: Config) -> dict[str, tuple[str, dict[str, Any]]]:
    """Header name -> (component name, Header Object) of every header httpfault sends."""
    objects: dict[str, tuple[str, dict[str, Any]]] = {
        name: (component, {"description": text, "schema": _header_schema(name)})
        for name, (component, text) in _HEADER_TEXTS.items()
    }
    if config.request_id_header is not None:
        objects[config.request_id_header] = (
            "HTTPFaultRequestId",
            {
                "description": "The request id: the incoming one when safe, else a new one.",
                "required": config.request_id_factory is not None,
                "schema": {"type": "string"},
            },
        )
    return objects


def to_30(node: Any) -> Any:
    """Convert a 3.1 (JSON Schema 2020-12) schema to the OpenAPI 3.0 dialect."""
    if isinstance(node, list):
        return [to_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "const":
            out["enum"] = [value]
        elif key == "examples" and isinstance(value, list):
            if value:
                out["example"] = to_30(value[0])
        elif key in ("$schema", "$id", "$defs", "$comment"):
            continue
        elif key in ("exclusiveMinimum", "exclusiveMaximum") and not isinstance(value, bool):
            out["minimum" if key == "exclusiveMinimum" else "maximum"] = value
            out[key] = True
        elif key == "type" and isinstance(value, list):
            kinds = [k for k in value if k != "null"]
            if len(kinds) < len(value):
                out["nullable"] = True
            if len(kinds) == 1:
                out["type"] = kinds[0]
            else:
                out["anyOf"] = [{"type": k} for k in kinds]
        elif key in ("anyOf", "oneOf") and isinstance(value, list):
            options = [o for o in value if o != {"type": "null"}]
            if len(options) < len(value):
                out["nullable"] = True
            if len(options) == 1 and len(value) > 1:
                out.update(to_30(options[0]))
            else:
                out[key] = to_30(options)
        else:
            out[key] = to_30(value)
    return out
