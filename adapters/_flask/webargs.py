"""webargs' validation errors (flask-smorest's ``@blp.arguments``) as field errors.

webargs aborts with a werkzeug ``HTTPException`` whose ``data["messages"]`` maps each
location (``json``, ``query``...) to marshmallow's messages, nested like the input:
``{"json": {"address": {"city": ["Missing data for required field."]}}}``. Each message
becomes a :class:`~httpfault.FieldError` with a JSON Pointer to the field.
"""

from __future__ import annotations

from typing import Any

from httpfault import FieldError
from httpfault._fields import Location

__all__ = ["webargs_field_errors"]

_LOCATIONS: dict[str, Location] = {
    "json": "body", "form": "body", "json_or_form": "body", "files": "body",
    "query": "query", "querystring": "query", "headers": "header", "cookies": "cookie",
    "view_args": "path", "path": "path",
}  # fmt: skip
_SCHEMA_LEVEL = "_schema"  # marshmallow's key for errors of the whole object
_MAX_ERRORS = 100


def webargs_field_errors(data: Any) -> list[FieldError] | None:
    """The field errors of webargs' ``data``, or ``None`` if it holds no messages."""
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, dict):
        return None
    errors: list[FieldError] = []
    for location, tree in messages.items():
        _walk(tree, [], _LOCATIONS.get(str(location), "body"), errors)
    return errors[:_MAX_ERRORS]


def _walk(node: Any, path: list[str | int], in_: Location, out: list[FieldError]) -> None:
    if len(out) >= _MAX_ERRORS:
        return
    if isinstance(node, str):
        out.append(FieldError(path, node, in_=in_))
    elif isinstance(node, dict):
        for key, child in node.items():
            step = key if isinstance(key, int) else str(key)
            _walk(child, path if key == _SCHEMA_LEVEL else [*path, step], in_, out)
    elif isinstance(node, (list, tuple)):
        for index, child in enumerate(node):
            _walk(child, path if isinstance(child, str) else [*path, index], in_, out)
