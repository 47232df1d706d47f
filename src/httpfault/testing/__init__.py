"""Assertions for tests of an API that answers errors the httpfault way.

``assert_error(response, Conflict, code="email_taken", pointer="#/email")`` checks that a
response is that error; ``assert_conforms(response)`` checks every rule of the wire
contract and of RFC 9457. Both take the responses of httpx (and so Starlette's and
FastAPI's ``TestClient``), Flask's and Django's test clients, by duck typing: no web
framework is imported. A failure shows the response's status, headers and body.

With pytest, the ``httpfault_assert`` and ``problem_registry`` fixtures are available
(see :mod:`httpfault.pytest_plugin`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from httpfault._errors import ClientError, HTTPError, ServerError
from httpfault._fields import FieldError, Location
from httpfault._media import ABOUT_BLANK
from httpfault.client._parse import parse_error
from httpfault.client._registry import ProblemRegistry
from httpfault.client._response import ResponseView, view

from ._rules import (
    PROBLEM_SCHEMA,
    check_response,
    is_json_pointer_fragment,
    is_uri_reference,
)

__all__ = [
    "PROBLEM_SCHEMA",
    "ConformanceError",
    "ErrorAssertions",
    "assert_conforms",
    "assert_error",
    "is_json_pointer_fragment",
    "is_uri_reference",
]

E = TypeVar("E", bound=HTTPError)

_BODY_LIMIT = 4000
_BASES = (HTTPError, ClientError, ServerError)


class ConformanceError(AssertionError):
    """A response breaks the contract; ``problems`` lists every rule it breaks."""

    def __init__(self, message: str, problems: Sequence[str]) -> None:
        super().__init__(message)
        self.problems = list(problems)


def describe(response: ResponseView) -> str:
    """The response as text for a failure message: request, status, headers and body."""
    lines = []
    if response.method or response.path:
        lines.append(f"request: {response.method or '?'} {response.path or '?'}")
    lines.append(f"status: {response.status}")
    lines.extend(f"{name}: {value}" for name, value in response.headers)
    body = response.body.decode("utf-8", "replace")
    if len(body) > _BODY_LIMIT:
        body = body[:_BODY_LIMIT] + f"... ({len(response.body)} bytes in all)"
    lines.extend(("", body or "(empty body)"))
    return "\n".join("    " + line if line else "" for line in lines)


def _fail(summary: str, problems: Sequence[str], response: ResponseView) -> ConformanceError:
    listed = "\n".join(f"  - {problem}" for problem in problems)
    return ConformanceError(f"{summary}\n{listed}\n  response:\n{describe(response)}", problems)


def assert_conforms(
    response: Any,
    *,
    method: str | None = None,
    request_id_header: str | None = "X-Request-ID",
    debug: bool = False,
    required_headers: bool = False,
) -> dict[str, Any]:
    """Check that *response* follows every rule of the contract; return its JSON body.

    Checked: an error status; ``Content-Type`` ``application/json`` (the ``{"error":
    {...}}`` envelope) or ``application/problem+json`` (RFC 9457, validated against the
    JSON Schema of its Appendix A); strict JSON; ``status`` equal to the response status;
    the members each format requires, none of them ``null``; with type ``about:blank``,
    ``title`` the status phrase; ``type`` and ``instance`` valid URI references;
    ``errors[].pointer`` an RFC 6901 URI-fragment pointer and ``errors[].in`` one of
    body, query, path, header, cookie; the request id header equal to the body's
    ``request_id``; extension names as RFC 9457 §3.2 asks; no ``debug`` member unless
    *debug*; no body for HEAD (*method*, when the response does not know its request),
    1xx, 204 and 304. With *required_headers*, the headers RFC 9110 requires with the
    status (``Allow`` for 405, ``WWW-Authenticate`` for 401...) must be present.

    Raises :class:`ConformanceError` (an ``AssertionError``) listing every problem.
    """
    seen = view(response)
    problems, body = check_response(seen, method, request_id_header, debug, required_headers)
    if problems:
        raise _fail("the response breaks the httpfault error contract:", problems, seen)
    return body


def assert_error(
    response: Any,
    error_cls: type[E] = HTTPError,  # type: ignore[assignment]
    *,
    code: str | None = None,
    detail: str | None = None,
    title: str | None = None,
    type: str | None = None,
    pointer: str | Sequence[str | int] | None = None,
    in_: Location | None = None,
    field_code: str | None = None,
    request_id: str | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
    registry: ProblemRegistry | None = None,
    conforms: bool = True,
    method: str | None = None,
    request_id_header: str | None = "X-Request-ID",
    debug: bool = False,
) -> E:
    """Check that *response* is an *error_cls* error and return it, parsed.

    *error_cls* may be a status class (``Conflict``), a base (``ClientError``) or a
    custom problem type (matched by its ``type`` URI, registered on the fly). Each
    keyword given is checked too: ``detail`` against the message the body shows;
    ``pointer`` (``"#/email"``, ``"email"`` or a path like ``("items", 0)``), with
    ``in_`` and ``field_code``, against one of the field errors; ``headers`` and
    ``extensions`` as subsets. Unless *conforms* is false, :func:`assert_conforms` runs
    first.
    """
    seen = view(response)
    if conforms:
        assert_conforms(seen, method=method, request_id_header=request_id_header, debug=debug)
    lookup = _with_class(registry, error_cls)
    error = parse_error(seen, lookup, request_id_header)
    problems: list[str] = []
    if error is None or not isinstance(error, error_cls):
        got = "no error" if error is None else f"{error.__class__.__name__} ({error.status})"
        wanted = error_cls.__name__
        if error_cls not in _BASES:
            wanted += f" ({error_cls.status})"
        raise _fail(f"expected {wanted}, got {got}:", [], seen)
    expected = {"code": code, "title": title, "type": type, "request_id": request_id}
    for name, value in expected.items():
        actual = getattr(error, name)
        if value is not None and actual != value:
            problems.append(f"{name} is {actual!r}, expected {value!r}")
    shown = error.detail if error.detail is not None else error.default_detail
    if detail is not None and shown != detail:
        problems.append(f"detail is {shown!r}, expected {detail!r}")
    if pointer is not None or in_ is not None or field_code is not None:
        problems.extend(_field_problems(error.errors, pointer, in_, field_code))
    for name, value in (headers or {}).items():
        if seen.header(name) != value:
            problems.append(f"header {name} is {seen.header(name)!r}, expected {value!r}")
    for name, value in (extensions or {}).items():
        if name not in error.extensions:
            problems.append(f"extension {name!r} is missing, expected {value!r}")
        elif error.extensions[name] != value:
            problems.append(f"extension {name!r} is {error.extensions[name]!r}, expected {value!r}")
    if problems:
        raise _fail(f"the {error.__class__.__name__} response differs:", problems, seen)
    return error


def _with_class(registry: ProblemRegistry | None, cls: type[HTTPError]) -> ProblemRegistry | None:
    uri = cls.type
    if not uri or uri == ABOUT_BLANK or (registry is not None and cls in registry):
        return registry
    lookup = registry.copy() if registry is not None else ProblemRegistry()
    if uri in lookup:  # another class holds the URI: the check will say so
        return lookup
    lookup.register(cls)
    return lookup


def _field_problems(
    errors: Sequence[FieldError],
    pointer: str | Sequence[str | int] | None,
    in_: Location | None,
    field_code: str | None,
) -> list[str]:
    wanted = FieldError(pointer, "").pointer if pointer is not None else None
    for item in errors:
        if (
            (wanted is None or item.pointer == wanted)
            and (in_ is None or item.in_ == in_)
            and (field_code is None or item.code == field_code)
        ):
            return []
    parts = [f"pointer {wanted!r}" if wanted else "", f"in {in_!r}" if in_ else ""]
    parts.append(f"code {field_code!r}" if field_code else "")
    what = ", ".join(part for part in parts if part)
    listed = ", ".join(repr(item) for item in errors) or "none"
    return [f"no field error with {what}; field errors: {listed}"]


class ErrorAssertions:
    """The assertions bound to one :class:`ProblemRegistry` (the pytest fixture's object)."""

    def __init__(self, registry: ProblemRegistry | None = None) -> None:
        self.registry = registry if registry is not None else ProblemRegistry()

    def error(self, response: Any, error_cls: type[E] = HTTPError, **checks: Any) -> E:  # type: ignore[assignment]
        """:func:`assert_error` with this registry."""
        checks.setdefault("registry", self.registry)
        return assert_error(response, error_cls, **checks)

    __call__ = error

    def conforms(self, response: Any, **checks: Any) -> dict[str, Any]:
        """:func:`assert_conforms`."""
        return assert_conforms(response, **checks)

    def parse(self, response: Any) -> HTTPError | None:
        """The error *response* stands for (``httpfault.client.error_from_response``)."""
        return parse_error(view(response), self.registry)
