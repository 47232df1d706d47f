"""The exception classes: one per registered status, with the contract's names and headers."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import httpfault
from httpfault import (
    ClientError,
    Conflict,
    ContentTooLarge,
    FieldError,
    HTTPError,
    MethodNotAllowed,
    ProxyAuthenticationRequired,
    RangeNotSatisfiable,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UpgradeRequired,
    render,
)
from httpfault._catalog_data import TEXTS
from httpfault._classes import REGISTRY

STATUSES = sorted(REGISTRY)
EXPECTED_STATUSES = [*range(400, 419), *range(421, 427), 428, 429, 431, 451, *range(500, 509),
                     510, 511]  # fmt: skip


def test_registry_has_every_registered_error_status() -> None:
    """The registry holds exactly the 40 registered 4xx/5xx statuses of the design."""
    assert STATUSES == EXPECTED_STATUSES
    assert len(STATUSES) == 40


@pytest.mark.parametrize("status", STATUSES)
def test_class_fixes_status_title_and_code(status: int) -> None:
    """Each class carries its status, the RFC 9110 phrase as title and the snake_case code."""
    cls = REGISTRY[status]
    error = cls()
    assert error.status == status
    assert error.title == TEXTS[status].title
    expected_code = TEXTS[status].title.lower().replace("'", "").replace(" ", "_").replace("-", "_")
    assert error.code == expected_code
    assert issubclass(cls, ClientError if status < 500 else ServerError)
    assert error.expose is (status < 500)
    assert getattr(httpfault, cls.__name__) is cls


@pytest.mark.parametrize("status", STATUSES)
def test_docstring_starts_with_the_phrase(status: int) -> None:
    """The first docstring line of each class names its status phrase, as werkzeug does."""
    cls = REGISTRY[status]
    assert (cls.__doc__ or "").startswith(TEXTS[status].title + ":")


@pytest.mark.parametrize("status", STATUSES)
def test_str_and_pickle_round_trip(status: int) -> None:
    """``str()`` reads ``<status> <title>: <detail>``; pickling gives back an equal error."""
    error = REGISTRY[status]("Something specific", code="specific", account_id=7)
    assert str(error) == f"{status} {TEXTS[status].title}: Something specific"
    assert str(REGISTRY[status]()) == f"{status} {TEXTS[status].title}"
    clone = pickle.loads(pickle.dumps(error))
    assert clone == error
    assert clone is not error
    assert clone.extensions == {"account_id": 7}
    assert type(clone) is type(error)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_every_class_renders_with_its_status(status: int, fmt: str) -> None:
    """Every class renders to a body whose status member equals the response status."""
    rendered = render(REGISTRY[status](), httpfault.Config(format=fmt))  # type: ignore[arg-type]
    body = json.loads(rendered.body)
    inner = body["error"] if fmt == "json" else body
    assert rendered.status == status == inner["status"]
    assert inner["code"] == REGISTRY[status].code
    assert (inner["message"] if fmt == "json" else inner["detail"]) == TEXTS[status].message


def test_older_names_are_aliases() -> None:
    """The pre-RFC 9110 names remain as aliases of the current classes."""
    assert httpfault.PayloadTooLarge is httpfault.ContentTooLarge
    assert httpfault.RequestEntityTooLarge is httpfault.ContentTooLarge
    assert httpfault.UnprocessableEntity is httpfault.UnprocessableContent
    assert httpfault.RequestedRangeNotSatisfiable is httpfault.RangeNotSatisfiable
    assert httpfault.RequestURITooLarge is httpfault.URITooLong
    assert httpfault.HTTPNotImplemented.status == 501
    assert not hasattr(httpfault, "NotImplemented")


def test_constructor_keeps_standard_members() -> None:
    """Arguments override the class defaults on the instance only."""
    error = Conflict(
        "Email already registered",
        code="email_taken",
        type="https://example.com/problems/email-taken",
        title="Email taken",
        instance="/users/7",
        errors=[FieldError("email", "already taken", code="taken")],
        headers={"X-Thing": "1"},
        expose=False,
        balance=30,
    )
    assert (error.detail, error.code, error.title, error.instance) == (
        "Email already registered", "email_taken", "Email taken", "/users/7")  # fmt: skip
    assert error.type == "https://example.com/problems/email-taken"
    assert error.errors == [FieldError("#/email", "already taken", code="taken")]
    assert error.headers == {"X-Thing": "1"}
    assert error.expose is False
    assert error.extensions == {"balance": 30}
    assert Conflict.code == "conflict"
    assert Conflict().expose is True


def test_repr_shows_what_was_given() -> None:
    """``repr()`` shows the detail and every member given to the constructor."""
    error = Conflict("x", code="c", errors=[FieldError("a", "b")], extra_info=1)
    assert repr(error) == (
        "Conflict('x', code='c', errors=[FieldError('#/a', 'b', in_='body')], extra_info=1)"
    )
    assert repr(Conflict()) == "Conflict()"


@pytest.mark.parametrize("name", ["status", "message", "request_id", "debug", "error"])
def test_extension_clashing_with_a_standard_member_is_refused(name: str) -> None:
    """An extension named like a standard member (not an argument) raises a clear ValueError."""
    with pytest.raises(ValueError, match="clashes with a standard member"):
        Conflict(**{name: 1})


@pytest.mark.parametrize("name", ["ab", "_private", "9lives", "with-dash", "has space"])
def test_extension_names_follow_rfc_9457(name: str) -> None:
    """Extension names must start with a letter, use letters, digits or '_', 3+ characters."""
    with pytest.raises(ValueError, match="not a valid name"):
        Conflict(**{name: 1})


@pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\x00b"])
def test_header_values_with_cr_or_lf_are_refused(value: str) -> None:
    """A header value with CR, LF or NUL makes every constructor path raise ValueError."""
    with pytest.raises(ValueError, match="CR, LF"):
        Conflict(headers={"X-Thing": value})
    with pytest.raises(ValueError, match="CR, LF"):
        Unauthorized(www_authenticate=value)
    with pytest.raises(ValueError, match="CR, LF"):
        UpgradeRequired(upgrade=value)


def test_bad_header_names_and_types_are_refused() -> None:
    """Header names must be tokens and values strings."""
    with pytest.raises(ValueError, match="invalid header name"):
        Conflict(headers={"Bad Name": "x"})
    with pytest.raises(ValueError, match="must be a str"):
        Conflict(headers={"X-Count": 3})  # type: ignore[dict-item]


def test_code_must_be_a_non_empty_string() -> None:
    """An empty or non-string code is refused: every body needs a code to program against."""
    with pytest.raises(ValueError, match="non-empty"):
        Conflict(code="")
    with pytest.raises(ValueError, match="non-empty"):
        Conflict(code=3)  # type: ignore[arg-type]


def test_bad_argument_types_are_refused() -> None:
    """A non-string detail or a non-FieldError item in errors is a TypeError."""
    with pytest.raises(TypeError, match="detail must be a str"):
        Conflict(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="FieldError"):
        Conflict(errors=[{"pointer": "#/a"}])  # type: ignore[list-item]


def test_header_arguments() -> None:
    """Statuses that need a header take it as a typed keyword argument."""
    assert Unauthorized(www_authenticate='Bearer realm="api"').headers == {
        "WWW-Authenticate": 'Bearer realm="api"'}  # fmt: skip
    assert Unauthorized(www_authenticate=["Basic", "Bearer"]).headers["WWW-Authenticate"] == (
        "Basic, Bearer")  # fmt: skip
    assert ProxyAuthenticationRequired(proxy_authenticate="Basic").headers == {
        "Proxy-Authenticate": "Basic"}  # fmt: skip
    assert MethodNotAllowed(allow=["post", "get", "GET", "options"]).headers == {
        "Allow": "GET, POST, OPTIONS"}  # fmt: skip
    assert MethodNotAllowed(allow=[]).headers == {"Allow": ""}
    assert RangeNotSatisfiable(length=1024).headers == {"Content-Range": "bytes */1024"}
    assert UpgradeRequired(upgrade=["HTTP/2", "h2c"]).headers == {"Upgrade": "HTTP/2, h2c"}
    assert MethodNotAllowed().headers == {}


@pytest.mark.parametrize("length", [-1, True, 1.5, "10"])
def test_range_length_must_be_a_natural_number(length: object) -> None:
    """RangeNotSatisfiable refuses a length that is not a non-negative int."""
    with pytest.raises(ValueError, match="non-negative"):
        RangeNotSatisfiable(length=length)  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [ContentTooLarge, TooManyRequests, ServiceUnavailable])
def test_retry_after_forms(cls: type[HTTPError]) -> None:
    """retry_after takes seconds, a timedelta (rounded up) or a datetime (an HTTP-date)."""
    assert cls(retry_after=30).headers == {"Retry-After": "30"}  # type: ignore[call-arg]
    assert cls(retry_after=timedelta(seconds=1.2)).headers == {"Retry-After": "2"}  # type: ignore[call-arg]
    when = datetime(2026, 11, 22, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    assert cls(retry_after=when).headers == {"Retry-After": "Sun, 22 Nov 2026 06:30:00 GMT"}  # type: ignore[call-arg]
    naive = datetime(2026, 11, 22, 6, 30)
    assert cls(retry_after=naive).headers == {"Retry-After": "Sun, 22 Nov 2026 06:30:00 GMT"}  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("value", "exc"),
    [(-5, ValueError), (timedelta(seconds=-1), ValueError), (True, TypeError), ("30", TypeError),
     (1.5, TypeError)],
)  # fmt: skip
def test_retry_after_refuses_bad_values(value: object, exc: type[Exception]) -> None:
    """Negative delays and values of other types are refused."""
    with pytest.raises(exc):
        TooManyRequests(retry_after=value)  # type: ignore[arg-type]


def test_header_value_lists_must_not_be_empty() -> None:
    """A challenge list with an empty member is refused."""
    with pytest.raises(ValueError, match="non-empty"):
        Unauthorized(www_authenticate=[])
    with pytest.raises(ValueError, match="non-empty"):
        Unauthorized(www_authenticate=["Basic", " "])


class EmailTaken(Conflict):
    """Email already registered: a custom problem type."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    title = "Email already registered"


def test_custom_problem_type_by_subclassing() -> None:
    """A subclass can set its own code, type and title, and still pickles."""
    error = EmailTaken()
    assert (error.status, error.code, error.title) == (
        409,
        "email_taken",
        "Email already registered",
    )
    assert error.default_detail == Conflict.default_detail
    assert isinstance(error, Conflict)
    assert pickle.loads(pickle.dumps(error)) == error


def test_unregistered_status_needs_a_title() -> None:
    """A subclass for an unregistered status must name its title."""
    with pytest.raises(TypeError, match="set title"):

        class Weird(ClientError):
            status = 499

    class ClientClosed(ClientError):
        status = 499
        title = "Client Closed Request"

    assert str(ClientClosed()) == "499 Client Closed Request"


def test_equality_and_hash() -> None:
    """Errors compare by class and members; equal errors hash alike."""
    assert Conflict("a") == Conflict("a")
    assert Conflict("a") != Conflict("b")
    assert Conflict("a") != httpfault.Gone("a")
    assert Conflict("a") != "a"
    assert hash(Conflict("a")) == hash(Conflict("a"))


def test_args_follow_detail() -> None:
    """``args`` holds the detail however it was given, as for any exception."""
    assert Conflict("a").args == ("a",)
    assert Conflict(detail="a").args == ("a",)
    assert Conflict().args == ()
    assert MethodNotAllowed("a", allow=["GET"]).args == ("a",)
