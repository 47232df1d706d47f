"""An error response (status, headers, body) back into a typed :class:`HTTPError`.

Follows the consumer rules of RFC 9457: unknown members are kept as extensions,
members of the wrong type are ignored, ``type`` is compared and never dereferenced.
A body that is not ours still gives the class of the status.
"""

from __future__ import annotations

import json
from typing import Any, cast

from httpfault._classes import REGISTRY
from httpfault._errors import RESERVED_MEMBERS, ClientError, HTTPError, ServerError, code_for
from httpfault._fields import LOCATIONS, FieldError, Location
from httpfault._media import ABOUT_BLANK, JSON, PROBLEM

from ._registry import ProblemRegistry
from ._response import ResponseView

__all__ = ["RESTORED_HEADERS", "parse_body", "parse_error"]

RESTORED_HEADERS: tuple[str, ...] = (
    "Allow",
    "Content-Range",
    "Proxy-Authenticate",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "Upgrade",
    "WWW-Authenticate",
)
"""Response headers copied onto the error, spelled as the error classes spell them."""

# Members of a body that are restored as attributes rather than kept as extensions.
_LOCATION_NAMES = tuple(LOCATIONS)  # a tuple: an unhashable ``in`` value just fails to match
_STANDARD = RESERVED_MEMBERS - {"debug", "error"}


def parse_error(
    response: ResponseView,
    registry: ProblemRegistry | None = None,
    request_id_header: str | None = "X-Request-ID",
) -> HTTPError | None:
    """The error *response* stands for, or ``None`` if its status is not 4xx/5xx."""
    status = response.status
    if not 400 <= status <= 599:
        return None
    members, message_key = parse_body(response.media_type, response.body)
    cls = _choose_class(status, members, registry)
    error = _build(cls, status, members, message_key)
    headers = {}
    for name in RESTORED_HEADERS:
        value = response.header(name)
        if value is not None:
            headers[name] = value
    error.headers = headers
    request_id = _text(members.get("request_id"))
    if request_id is None and request_id_header is not None:
        request_id = response.header(request_id_header)
    if request_id is not None:
        error.request_id = request_id
    return error


def parse_body(media_type: str | None, body: bytes) -> tuple[dict[str, Any], str]:
    """The members of an error body and the key its messages use (``message``/``detail``).

    A body that is not one of ours (not JSON, truncated, an array, HTML...) gives ``{}``.
    """
    if media_type is None or not (
        media_type in (JSON, PROBLEM)
        or (media_type.startswith("application/") and media_type.endswith("+json"))
    ):
        return {}, "detail"
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # also UnicodeDecodeError
        return {}, "detail"
    if not isinstance(data, dict):
        return {}, "detail"
    if media_type == PROBLEM or _looks_like_problem(data):
        return data, "detail"
    envelope = data.get("error")
    if isinstance(envelope, dict):
        return envelope, "message"
    return {}, "detail"


def _looks_like_problem(data: dict[str, Any]) -> bool:
    # A problem body sent as plain application/json: RFC 9457 members of the right types.
    status = data.get("status")
    texts = sum(isinstance(data.get(name), str) for name in ("type", "title", "detail"))
    if isinstance(status, int) and not isinstance(status, bool):
        return texts >= 1
    return texts >= 2 and isinstance(data.get("type"), str)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _choose_class(
    status: int, members: dict[str, Any], registry: ProblemRegistry | None
) -> type[HTTPError]:
    type_uri = _text(members.get("type"))
    if registry is not None and type_uri:
        custom = registry.lookup(type_uri)
        if custom is not None and custom.status == status:
            return custom
    cls = REGISTRY.get(status)
    if cls is not None:
        return cls
    return ClientError if status < 500 else ServerError


def _build(
    cls: type[HTTPError], status: int, members: dict[str, Any], message_key: str
) -> HTTPError:
    detail = _text(members.get(message_key))
    if detail is None:
        detail = _text(members.get("detail" if message_key == "message" else "message"))
    if detail is not None and detail == cls.default_detail and cls.status == status:
        detail = None  # the catalogue's sentence stands for "no detail given"
    # Not ``cls(...)``: a custom subclass may take arguments of its own.
    error = cls.__new__(cls)
    HTTPError.__init__(error, detail)
    if cls.status != status:  # a status with no class of its own (499, 599...)
        error.status = status
        title = _text(members.get("title")) or ("Client Error" if status < 500 else "Server Error")
        error.title = title
        error.code = code_for(title) or "error"
    _restore_members(error, cls, members)
    error.errors = _field_errors(members.get("errors"))
    error.extensions = {name: value for name, value in members.items() if name not in _STANDARD}
    if detail is not None and not error.expose:
        error.expose = True  # the server chose to send it, so passing it on is fine
    return error


def _restore_members(error: HTTPError, cls: type[HTTPError], members: dict[str, Any]) -> None:
    code = _text(members.get("code"))
    if code and code != error.code:
        error.code = code
    type_uri = _text(members.get("type"))
    custom_type = bool(type_uri) and type_uri != ABOUT_BLANK
    if custom_type and type_uri != cls.type:
        error.type = type_uri
    title = _text(members.get("title"))
    if custom_type and title and title != error.title:
        error.title = title  # with about:blank the title is the status phrase: nothing to keep
    instance = _text(members.get("instance"))
    if instance:
        error.instance = instance


def _field_errors(items: Any) -> list[FieldError]:
    if not isinstance(items, list):
        return []
    result: list[FieldError] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        pointer = item.get("pointer")
        message = _text(item.get("message"))
        if message is None:
            message = _text(item.get("detail"))
        if not isinstance(pointer, str) or message is None:
            continue
        where = item.get("in")
        location = cast("Location", where) if where in _LOCATION_NAMES else "body"
        result.append(FieldError(pointer, message, code=_text(item.get("code")), in_=location))
    return result
