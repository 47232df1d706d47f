"""``assert_error``: what it checks, and what a failure says."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import httpx
import pytest

from httpfault import (
    ClientError,
    Config,
    Conflict,
    FieldError,
    HTTPError,
    NotFound,
    RequestInfo,
    ServerError,
    render,
)
from httpfault.client import ProblemRegistry
from httpfault.testing import ConformanceError, ErrorAssertions, assert_error
from tests.client.scenarios import EmailTaken


def respond(error: HTTPError, fmt: str = "json", rid: str = "r1") -> httpx.Response:
    rendered = render(
        error, Config(format=fmt), RequestInfo("GET", "/things", {"X-Request-ID": rid})
    )
    return httpx.Response(rendered.status, headers=rendered.headers, content=rendered.body)


CONFLICT = Conflict(
    "Email taken.",
    code="email_taken",
    errors=[
        FieldError("email", "Taken.", code="taken"),
        FieldError(("filter", "a/b"), "Bad.", in_="query"),
    ],
    account=7,
)


def failure(response: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ConformanceError) as caught:
        assert_error(response, *args, **kwargs)
    return str(caught.value)


def test_returns_the_parsed_error() -> None:
    """A passing check returns the typed error read from the response."""
    error = assert_error(respond(CONFLICT), Conflict, code="email_taken", detail="Email taken.")
    assert error == CONFLICT
    assert error.request_id == "r1"


@pytest.mark.parametrize("base", [HTTPError, ClientError, Conflict])
def test_base_classes_match(base: type[HTTPError]) -> None:
    """A base class matches any error below it."""
    assert isinstance(assert_error(respond(CONFLICT, "problem"), base), Conflict)


def test_wrong_class() -> None:
    """Another class, a base it is not under, or no error at all are reported."""
    assert "expected NotFound (404), got Conflict (409)" in failure(respond(CONFLICT), NotFound)
    assert "expected ServerError, got Conflict (409)" in failure(respond(CONFLICT), ServerError)
    ok = httpx.Response(200, json={"ok": True})
    assert "expected Conflict (409), got no error" in failure(ok, Conflict, conforms=False)
    assert "status 200 is not an error status" in failure(ok, Conflict)


def test_default_detail_is_matched() -> None:
    """With no detail given, the catalogue's sentence is what ``detail`` is checked against."""
    assert_error(respond(NotFound()), NotFound, detail=NotFound.default_detail)
    message = failure(respond(NotFound()), NotFound, detail="Gone.")
    assert f"detail is {NotFound.default_detail!r}, expected 'Gone.'" in message


@pytest.mark.parametrize(
    ("checks", "fragment"),
    [
        ({"code": "other"}, "code is 'email_taken', expected 'other'"),
        ({"title": "Clash"}, "title is 'Conflict', expected 'Clash'"),
        ({"type": "https://x.test/p"}, "type is None, expected 'https://x.test/p'"),
        ({"request_id": "r2"}, "request_id is 'r1', expected 'r2'"),
        ({"pointer": "#/name"}, "no field error with pointer '#/name'"),
        ({"pointer": "email", "in_": "query"}, "no field error with pointer '#/email', in 'query'"),
        (
            {"pointer": "email", "field_code": "x"},
            "pointer '#/email', code 'x'; field errors: FieldError",
        ),
        ({"in_": "cookie"}, "no field error with in 'cookie'"),
        ({"headers": {"Retry-After": "5"}}, "header Retry-After is None, expected '5'"),
        ({"extensions": {"plan": "pro"}}, "extension 'plan' is missing, expected 'pro'"),
        ({"extensions": {"account": 8}}, "extension 'account' is 7, expected 8"),
    ],
)
def test_each_check_reports_its_difference(checks: dict[str, Any], fragment: str) -> None:
    """Each keyword's mismatch is named, under the class of the response."""
    message = failure(respond(CONFLICT), Conflict, **checks)
    assert "the Conflict response differs:" in message
    assert fragment in message


def test_field_error_checks_pass() -> None:
    """Pointers match in any spelling, with their location and code."""
    response = respond(CONFLICT, "problem")
    assert_error(response, Conflict, pointer="email", field_code="taken", in_="body")
    assert_error(response, Conflict, pointer="/email")
    assert_error(response, Conflict, pointer=("filter", "a/b"), in_="query")
    assert_error(response, Conflict, pointer="#/filter/a~1b")
    assert "field errors: none" in failure(respond(NotFound()), NotFound, pointer="x")


def test_custom_types_are_registered_on_the_fly() -> None:
    """A custom class is recognised without a registry, and the given registry is left alone."""
    response = respond(EmailTaken("x"))
    registry = ProblemRegistry()
    assert type(assert_error(response, EmailTaken, registry=registry)) is EmailTaken
    assert len(registry) == 0
    registry.register(EmailTaken)
    assert type(assert_error(response, Conflict, registry=registry)) is EmailTaken
    assert type(assert_error(response, EmailTaken, registry=registry)) is EmailTaken


def test_custom_type_held_by_another_class() -> None:
    """When the registry maps the URI to another class, the mismatch is reported."""

    class Other(Conflict):
        type = EmailTaken.type

    registry = ProblemRegistry([Other])
    message = failure(respond(EmailTaken("x")), EmailTaken, registry=registry)
    assert "expected EmailTaken (409), got Other (409)" in message


def test_error_assertions_keep_an_explicit_registry() -> None:
    """``ErrorAssertions`` uses its registry unless a check passes another one."""
    mine = ProblemRegistry([EmailTaken])
    kit = ErrorAssertions(mine)
    response = respond(EmailTaken("x"))
    assert type(kit(response, Conflict)) is EmailTaken
    assert type(kit.error(response, Conflict, registry=ProblemRegistry())) is Conflict


def test_pytest_plugin_as_users_load_it(tmp_path: Path) -> None:
    """The fixtures work in a user's run: by entry point once installed, else with ``-p``."""
    test_file = tmp_path / "test_users_api.py"
    test_file.write_text(
        textwrap.dedent(
            """
            import httpx
            import pytest
            from httpfault import Conflict, render


            class EmailTaken(Conflict):
                type = "https://example.com/problems/email-taken"


            def test_api(httpfault_assert, problem_registry):
                problem_registry.register(EmailTaken)
                rendered = render(EmailTaken("taken"))
                response = httpx.Response(409, headers=rendered.headers, content=rendered.body)
                assert isinstance(httpfault_assert(response, Conflict), EmailTaken)


            def test_failure_is_an_assertion(httpfault_assert):
                with pytest.raises(AssertionError):
                    httpfault_assert(httpx.Response(200), Conflict)
            """
        )
    )
    installed = any(ep.name == "httpfault" for ep in entry_points(group="pytest11"))
    load = [] if installed else ["-p", "httpfault.pytest_plugin"]
    argv = [sys.executable, "-m", "pytest", "-q", *load, "-p", "no:cacheprovider", "-W", "error"]
    result = subprocess.run(
        [*argv, str(test_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
