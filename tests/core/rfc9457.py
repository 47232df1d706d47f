"""The JSON Schema of RFC 9457 Appendix A, and a URI-reference check for its formats."""

from __future__ import annotations

import re
from typing import Any

import jsonschema

PROBLEM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "An RFC 9457 problem object",
    "type": "object",
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "status": {"type": "integer", "minimum": 100, "maximum": 599},
        "title": {"type": "string"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
    },
}

# RFC 3986 characters, with '%' allowed only as the start of an escape.
_URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def is_uri_reference(value: object) -> bool:
    """Whether *value* is a string that is a syntactically valid URI reference."""
    return isinstance(value, str) and bool(_URI_REFERENCE.match(value))


def validate_problem(body: dict[str, Any]) -> None:
    """Raise unless *body* validates against the RFC 9457 schema, formats included."""
    jsonschema.validate(body, PROBLEM_SCHEMA, cls=jsonschema.Draft202012Validator)
    for member in ("type", "instance"):
        if member in body:
            assert is_uri_reference(body[member]), (member, body[member])
