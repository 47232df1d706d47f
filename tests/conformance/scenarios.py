"""THE table: every scenario the suite sends to every adapter (one line each).

A :class:`Scenario` is a request and the error the contract says it must produce;
the suite renders that error with :func:`httpfault.render` (same config, same request
id, same Accept) and checks that every framework answers exactly that: status, the
contract's headers and the body bytes. Where a framework cannot be identical for a real
reason, the scenario says so with a :class:`Differs`: which frameworks, which header or
body member, and why. Nothing else may differ, and nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast

from pydantic import ValidationError

from httpfault import (
    BadRequest,
    FieldError,
    Forbidden,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    UnprocessableContent,
    UnsupportedMediaType,
)
from httpfault._convert import validation_error

from .apps import common

__all__ = ["CASES", "RID", "SCENARIOS", "Differs", "Scenario"]

RID = "conf-7f3a9c"
"""The request id sent with every scenario that compares bytes."""
JSON_BODY = {"X-Request-ID": RID, "Content-Type": "application/json"}

ALL = (
    "starlette", "fastapi", "flask", "django", "drf", "litestar", "ninja", "aiohttp", "sanic",
    "quart", "falcon-wsgi", "falcon-asgi",
)  # fmt: skip
FALCON = ("falcon-wsgi", "falcon-asgi")
FORMATS = ("json", "problem")
DEBUG = ("json+debug", "problem+debug")
CUSTOM = ("custom",)
CUSTOM_RID = {"X-Correlation-ID": RID}
LANG = ("lang", "lang-problem")
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
"""A valid W3C traceparent: its trace id is ``4bf92f35...4736``."""
TRACED = {"X-Request-ID": RID, "traceparent": TRACEPARENT}
TRACE_CONFIGS = ("rid-from-trace", "json")


@dataclass(frozen=True)
class Differs:
    """An explained difference, scoped to some frameworks and to one thing.

    ``headers``: the values those frameworks send instead of render()'s (``None``: the
    header is absent). ``member``: a dotted body member whose value is not compared
    (the rest of the body still is, byte for byte). ``expect``: another error entirely,
    for a framework that decides before the application runs.
    """

    frameworks: tuple[str, ...]
    why: str
    headers: Mapping[str, str | None] = field(default_factory=dict)
    member: str | None = None
    expect: Callable[[], HTTPError] | None = None
    """The error those frameworks answer with instead (still rendered by httpfault)."""


@dataclass(frozen=True)
class Scenario:
    """One request, the error it must produce, and where it may differ."""

    name: str
    method: str
    path: str
    expect: Callable[[], HTTPError]
    """The error whose rendering every framework must answer with."""
    headers: Mapping[str, str] = field(default_factory=lambda: {"X-Request-ID": RID})
    body: bytes | None = None
    configs: tuple[str, ...] = FORMATS
    differs: tuple[Differs, ...] = ()

    def differences(self, framework: str) -> tuple[Differs, ...]:
        """The differences that apply to *framework*."""
        return tuple(d for d in self.differs if framework in d.frameworks)


# -- the narrowly scoped differences ----------------------------------------------------


# DRF's APIView adds its ``default_response_headers`` to EVERY response it makes, errors
# included: ``Allow`` (the view's methods) and ``Vary: Accept`` (it negotiates renderers).
# Its own convention, on its successes too; never on responses from outside a view.
def _drf_view(allow: str | None, vary: str = "Accept") -> Differs:
    headers: dict[str, str | None] = {"Vary": vary}
    if allow is not None:
        headers["Allow"] = allow
    return Differs(("drf",), "DRF's default_response_headers on every APIView response", headers)


DRF_GET = _drf_view("GET, HEAD, OPTIONS")
DRF_POST = _drf_view("POST, OPTIONS")
DRF_VARY = _drf_view(None)  # a 405 raised by the view: Allow is the error's own
# A localized answer varies on Accept-Language: DRF adds its Accept to that (under "auto"
# httpfault's Vary names Accept already).
DRF_LANG_GET = _drf_view("GET, HEAD, OPTIONS", "Accept-Language, Accept")
DRF_LANG_POST = _drf_view("POST, OPTIONS", "Accept-Language, Accept")
DRF_AUTO_GET = _drf_view("GET, HEAD, OPTIONS", "Accept, Accept-Language")

# A 405's Allow lists what the route really accepts, and frameworks differ in that: Starlette
# (and aiohttp's add_get) add HEAD to GET routes, Flask and Django's class-based views (so
# DRF) answer OPTIONS themselves; FastAPI's and Sanic's @app.get and Django's require_GET
# accept GET only.
ALLOW_405 = (
    Differs(("flask", "quart"), "they answer OPTIONS (and HEAD) for every route",
            {"Allow": "GET, HEAD, OPTIONS"}),
    Differs(("drf",), "APIView answers OPTIONS and HEAD; and its default_response_headers",
            {"Allow": "GET, HEAD, OPTIONS", "Vary": "Accept"}),
    Differs(("fastapi", "django", "ninja", "sanic"),
            "@app.get, require_GET, @api.get and Sanic's @get accept GET only",
            {"Allow": "GET"}),
    Differs(("litestar",), "@get accepts GET only; Litestar answers OPTIONS for every route",
            {"Allow": "GET, OPTIONS"}),
    # Falcon answers OPTIONS for every resource, and HEAD only where the resource has on_head.
    Differs(FALCON, "its default OPTIONS responder; HEAD needs on_head", {"Allow": "GET, OPTIONS"}),
)  # fmt: skip

# With debug on, the ``debug`` member shows the original exception's traceback: its frames
# are each framework's own call stack.
TRACEBACK = Differs(ALL, "the frames are each framework's own stack", member="debug.traceback")
# For an error the framework made itself, ``debug`` shows the framework's own exception
# (werkzeug's NotFound, Django's Resolver404...), which is what debug is for. The Starlette
# adapter keeps no cause for a framework 4xx: its debug shows httpfault's error.
FRAMEWORK_DEBUG = Differs(("flask", "django", "drf", "litestar", "ninja", "quart", *FALCON),
                          "debug names the framework's exception",
                          member="debug")  # fmt: skip
# FastAPI and Ninja validate before the endpoint: debug names their own validation exception
# (RequestValidationError, ninja.errors.ValidationError), not pydantic's ValidationError
# raised by the other apps' code.
FASTAPI_DEBUG = Differs(("fastapi", "ninja"), "debug names the framework's validation error",
                        member="debug")  # fmt: skip
TRACEBACK_NOT_FASTAPI = Differs(tuple(f for f in ALL if f not in FASTAPI_DEBUG.frameworks),
                                TRACEBACK.why, member="debug.traceback")  # fmt: skip


def raised(name: str) -> Callable[[], HTTPError]:
    """The error ``GET /c/raise/<name>`` raises (an ``HTTPError`` for these names)."""
    return lambda: cast(HTTPError, common.build(name))


def _boom() -> HTTPError:
    error = InternalServerError()
    error.__cause__ = common.build("boom")
    return error


def _signup_errors(data: object = None, config: str = "json") -> Callable[[], HTTPError]:
    """The error the core makes of validating *data* as a ``Signup`` (422 by default)."""

    def expect() -> HTTPError:
        try:
            common.Signup.model_validate(SIGNUP_INVALID_DATA if data is None else data)
        except ValidationError as exc:
            return validation_error(exc, common.CONFIGS[config])
        raise AssertionError("the invalid signup validated")

    return expect


def _whole_body(message: str, code: str) -> Callable[[], HTTPError]:
    """A 422 with one field error about the whole body (pointer ``#``)."""
    return lambda: UnprocessableContent(errors=[FieldError((), message, code=code)])


# FastAPI validates the body itself, before the endpoint, and with its own semantics:
# a body of another media type is validated as it is (not refused with 415), an empty
# body is a missing one, and a non-object gets its field model's message.
FASTAPI_NOT_AN_OBJECT = _whole_body(
    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"
)


# msgspec, Litestar's JSON parser, refuses a \ud800 escape with no low surrogate after it
# (RFC 8259 leaves what to do with one open): the body does not decode, a malformed body.
LONE_SURROGATE = Differs(("litestar",), "msgspec refuses a lone surrogate escape",
                         expect=BadRequest)  # fmt: skip


SIGNUP_INVALID_DATA = {"email": 5, "tags": ["ok", 3], "a/b~c": "x"}
SIGNUP_INVALID = b'{"email": 5, "tags": ["ok", 3], "a/b~c": "x"}'
SCORES = b'{"email": "a", "age": 1, "tags": [], "scores": {"a/b~c": "x", "\\ud800%": "y"}}'
SCORES_DATA = {"email": "a", "age": 1, "tags": [], "scores": {"a/b~c": "x", "\ud800%": "y"}}


def _status(status: int) -> Scenario:
    allow = DRF_VARY if status == 405 else DRF_GET
    return Scenario(f"s{status}", "GET", f"/c/raise/s{status}",
                    raised(f"s{status}"), differs=(allow,))  # fmt: skip


def _named(name: str, **kw: object) -> Scenario:
    return Scenario(name, "GET", f"/c/raise/{name}", raised(name),
                    differs=(DRF_GET,), **kw)  # fmt: skip


def _accept(accept: str, name: str, *differs: Differs) -> Scenario:
    return Scenario(f"accept-{name}", "GET", "/c/raise/s409", raised("s409"),
                    headers={"X-Request-ID": RID, "Accept": accept}, configs=("auto",),
                    differs=differs or (DRF_GET,))  # fmt: skip


def _lang(
    name: str,
    accept: str,
    path: str,
    expect: Callable[[], HTTPError],
    *differs: Differs,
    configs: tuple[str, ...] = LANG,
    **headers: str,
) -> Scenario:
    """A localized answer: *accept* as the request's Accept-Language."""
    return Scenario(f"lang-{name}", "GET" if "validate" not in path else "POST", path, expect,
                    headers={"X-Request-ID": RID, "Accept-Language": accept, **headers},
                    configs=configs, differs=differs,
                    body=SIGNUP_INVALID if "validate" in path else None)  # fmt: skip


SCENARIOS: tuple[Scenario, ...] = (
    # Every registered status, raised with a detail and the headers it takes.
    *(_status(status) for status in common.STATUSES),
    # Errors raised by the application.
    _named("custom"),  # a custom problem type with extensions
    _named("fields"),  # field errors in every location, pointers escaped
    _named("code"),  # own code and instance
    _named("hidden"),  # a 5xx detail is not exposed; Retry-After kept
    _named("exposed"),  # ... unless expose=True
    _named("bare"),  # no detail: the catalogue's sentence
    _named("headers"),  # the error's own headers come through
    Scenario("mapped", "GET", "/c/raise/mapped", NotFound, differs=(DRF_GET,)),
    Scenario("unhandled-500", "GET", "/c/raise/boom", InternalServerError, differs=(DRF_GET,)),
    Scenario("query-not-instance", "GET", "/c/raise/s409?page=2&q=x y",
             raised("s409"), differs=(DRF_GET,)),
    # Errors the framework makes itself.
    Scenario("routing-404", "GET", "/c/nope", NotFound),
    Scenario("routing-404-escaped-path", "GET", "/c/n%C3%B6pe%20x/%7E~/a%2Fb%c3%a9", NotFound),
    Scenario("routing-405", "POST", "/c/only-get", lambda: MethodNotAllowed(allow=["GET", "HEAD"]),
             differs=ALLOW_405),
    Scenario("own-403", "GET", "/c/own/forbidden", Forbidden, differs=(DRF_GET,)),
    Scenario("own-404", "GET", "/c/own/not-found", NotFound, differs=(DRF_GET,)),
    Scenario("malformed-json", "POST", "/c/validate", BadRequest, headers=JSON_BODY,
             body=b'{"email": "a@b", ', differs=(DRF_POST,)),
    Scenario("validation-422", "POST", "/c/validate", _signup_errors(), headers=JSON_BODY,
             body=SIGNUP_INVALID, differs=(DRF_POST,)),
    # Field errors at names taken from the request: escaped (~0, ~1, percent), and a lone
    # surrogate (which no UTF-8 pointer can hold) replaced.
    Scenario("validation-request-keys", "POST", "/c/validate", _signup_errors(SCORES_DATA),
             headers=JSON_BODY, body=SCORES, differs=(DRF_POST, LONE_SURROGATE)),
    Scenario("invalid-utf8-json", "POST", "/c/validate", BadRequest, headers=JSON_BODY,
             body=b'{"email": "\xff\xfe"}', differs=(DRF_POST,)),
    Scenario("deeply-nested-json", "POST", "/c/validate", BadRequest, headers=JSON_BODY,
             body=b"[" * 100_000, differs=(DRF_POST,)),
    Scenario("json-array-body", "POST", "/c/validate", _signup_errors([1, 2]), headers=JSON_BODY,
             body=b"[1, 2]", differs=(DRF_POST, Differs(("fastapi",),
             "FastAPI's body field model words a non-object its own way",
             expect=FASTAPI_NOT_AN_OBJECT))),
    Scenario("empty-json-body", "POST", "/c/validate", BadRequest, headers=JSON_BODY, body=b"",
             differs=(
                 Differs(("fastapi", "litestar", "ninja"), "FastAPI, Litestar and Ninja take "
                         "an empty body for a missing one",
                         expect=_whole_body("Field required", "missing")),
                 # DRF's request.data is {} for an empty body: no parser runs.
                 Differs(("drf",), "DRF reads an empty body as no data",
                         DRF_POST.headers, expect=_signup_errors({})),
             )),
    Scenario("not-json-media-type", "POST", "/c/validate", UnsupportedMediaType,
             headers={"X-Request-ID": RID, "Content-Type": "text/plain"}, body=b"{}",
             differs=(DRF_POST,)),
    Scenario("json-suffix-media-type", "POST", "/c/validate", _signup_errors(),
             headers={"X-Request-ID": RID, "Content-Type": "application/merge-patch+json"},
             body=SIGNUP_INVALID,
             # DRF parses only the media types its parser classes declare; Falcon only those
             # of its media handlers (application/json by default).
             differs=(Differs(("drf",), "no DRF parser declares application/*+json",
                              DRF_POST.headers, expect=UnsupportedMediaType),
                      Differs(FALCON, "no default Falcon media handler takes application/*+json",
                              expect=UnsupportedMediaType))),
    # Raised in the framework's own kind of middleware (inside httpfault's).
    Scenario("middleware-409", "GET", "/c/ok", raised("s409"),
             headers={"X-Request-ID": RID, common.RAISE_HEADER: "s409"}),
    Scenario("middleware-500", "GET", "/c/ok", InternalServerError,
             headers={"X-Request-ID": RID, common.RAISE_HEADER: "boom"}),
    Scenario("middleware-custom", "GET", "/c/ok", raised("custom"),
             headers={"X-Request-ID": RID, common.RAISE_HEADER: "custom"}),
    # Every other Config knob: request id header, type_base, validation and malformed-body
    # statuses.
    Scenario("custom-409", "GET", "/c/raise/s409", raised("s409"), headers=CUSTOM_RID,
             configs=CUSTOM, differs=(DRF_GET,)),
    Scenario("custom-custom-type", "GET", "/c/raise/custom", raised("custom"),
             headers=CUSTOM_RID, configs=CUSTOM, differs=(DRF_GET,)),
    Scenario("custom-routing-404", "GET", "/c/nope", NotFound, headers=CUSTOM_RID,
             configs=CUSTOM),
    Scenario("custom-request-id-generated", "GET", "/c/nope", NotFound,
             headers={"X-Request-ID": RID}, configs=CUSTOM),
    Scenario("custom-validation", "POST", "/c/validate", _signup_errors(None, "custom"),
             headers={**CUSTOM_RID, "Content-Type": "application/json"}, body=SIGNUP_INVALID,
             configs=CUSTOM, differs=(DRF_POST,)),
    Scenario("custom-malformed-json", "POST", "/c/validate", UnprocessableContent,
             headers={**CUSTOM_RID, "Content-Type": "application/json"}, body=b"{",
             configs=CUSTOM, differs=(DRF_POST,)),
    Scenario("custom-mapped", "GET", "/c/raise/mapped", NotFound, headers=CUSTOM_RID,
             configs=CUSTOM, differs=(DRF_GET,)),
    # HEAD: the same status and headers, no body.
    Scenario("head-409", "HEAD", "/c/raise/s409", raised("s409"),
             differs=(DRF_GET,)),
    Scenario("head-500", "HEAD", "/c/raise/boom", InternalServerError, differs=(DRF_GET,)),
    Scenario("head-404", "HEAD", "/c/nope", NotFound),
    # Request ids: none sent, or one unsafe to echo -> a fresh one (checked, then compared).
    Scenario("request-id-generated", "GET", "/c/raise/s409", raised("s409"),
             headers={}, differs=(DRF_GET,)),
    Scenario("request-id-unsafe", "GET", "/c/nope", NotFound,
             headers={"X-Request-ID": "<script>alert(1)</script>"}),
    Scenario("request-id-too-long", "GET", "/c/nope", NotFound,
             headers={"X-Request-ID": "a" * 129}),
    Scenario("request-id-lowercase-header", "GET", "/c/raise/s409",
             raised("s409"), headers={"x-request-id": RID},
             differs=(DRF_GET,)),
    # W3C traceparent: its trace id follows the request id in the body; a malformed one
    # is ignored; with request_id_from_trace a request without an id takes the trace id.
    Scenario("traceparent-409", "GET", "/c/raise/s409", raised("s409"),
             headers=TRACED, differs=(DRF_GET,)),
    Scenario("traceparent-404", "GET", "/c/nope", NotFound, headers=TRACED),
    Scenario("traceparent-500", "GET", "/c/raise/boom", InternalServerError, headers=TRACED,
             differs=(DRF_GET,)),
    Scenario("traceparent-validation-422", "POST", "/c/validate", _signup_errors(),
             headers={**JSON_BODY, "traceparent": TRACEPARENT}, body=SIGNUP_INVALID,
             differs=(DRF_POST,)),
    Scenario("traceparent-malformed", "GET", "/c/nope", NotFound,
             headers={"X-Request-ID": RID, "traceparent": TRACEPARENT.upper()}),
    Scenario("traceparent-head", "HEAD", "/c/nope", NotFound, headers=TRACED),
    Scenario("traceparent-request-id", "GET", "/c/nope", NotFound,
             headers={"traceparent": TRACEPARENT}, configs=TRACE_CONFIGS),
    Scenario("traceparent-off", "GET", "/c/raise/s409", raised("s409"), headers=TRACED,
             configs=("no-trace-id",), differs=(DRF_GET,)),
    # Accept negotiation under format="auto" (Vary: Accept everywhere).
    # DRF with httpfault's ContentNegotiation: the view's error, not DRF's 406.
    _accept("application/problem+json", "problem"),
    _accept("application/json", "json"),
    _accept("*/*", "any"),
    _accept("application/json;q=0.5, application/problem+json", "problem-preferred"),
    _accept("application/problem+json;q=0.4, application/*;q=0.5", "wildcard-preferred"),
    _accept("text/html", "html-only"),
    Scenario("accept-none", "GET", "/c/raise/s409", raised("s409"),
             configs=("auto",), differs=(DRF_GET,)),
    Scenario("accept-problem-routing-404", "GET", "/c/nope", NotFound, configs=("auto",),
             headers={"X-Request-ID": RID, "Accept": "application/problem+json"}),
    # Localized answers: title, default message and field-error sentences in the language
    # Accept-Language picks among those offered; English where none fits.
    _lang("de", "de", "/c/raise/bare", raised("bare"), DRF_LANG_GET),
    _lang("fallback", "de-CH;q=0.9, fr;q=0.8", "/c/raise/s429", raised("s429"), DRF_LANG_GET),
    _lang("any", "*", "/c/raise/hidden", raised("hidden"), DRF_LANG_GET),
    _lang("none-offered", "ko, sv;q=0.5", "/c/raise/bare", raised("bare"), DRF_LANG_GET),
    _lang("excluded", "pt-BR;q=0, *", "/c/raise/fields", raised("fields"), DRF_LANG_GET),
    _lang("routing-404", "pt", "/c/nope", NotFound),
    _lang("unhandled-500", "ja", "/c/raise/boom", InternalServerError, DRF_LANG_GET),
    _lang("validation-422", "fr", "/c/validate", _signup_errors(), DRF_LANG_POST,
          **{"Content-Type": "application/json"}),
    _lang("auto", "de", "/c/raise/bare", raised("bare"), DRF_AUTO_GET, configs=("lang-auto",),
          Accept="application/problem+json"),
    # debug on: the original exception's type and message (frames apart).
    Scenario("debug-500", "GET", "/c/raise/boom", _boom, configs=DEBUG,
             differs=(DRF_GET, TRACEBACK)),
    Scenario("debug-409", "GET", "/c/raise/s409", raised("s409"),
             configs=DEBUG, differs=(DRF_GET, TRACEBACK)),
    Scenario("debug-custom", "GET", "/c/raise/custom", raised("custom"),
             configs=DEBUG, differs=(DRF_GET, TRACEBACK)),
    Scenario("debug-routing-404", "GET", "/c/nope", NotFound, configs=DEBUG,
             differs=(FRAMEWORK_DEBUG,)),
    Scenario("debug-validation-422", "POST", "/c/validate", _signup_errors(), headers=JSON_BODY,
             body=SIGNUP_INVALID, configs=DEBUG,
             differs=(DRF_POST, FASTAPI_DEBUG, TRACEBACK_NOT_FASTAPI)),
)  # fmt: skip

CASES: tuple[tuple[Scenario, str], ...] = tuple(
    (scenario, config) for scenario in SCENARIOS for config in scenario.configs
)
"""Every (scenario, config name) pair the suite runs, through every adapter."""
