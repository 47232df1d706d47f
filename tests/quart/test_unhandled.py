"""Unhandled exceptions in a Quart app: a safe 500, logged once, Quart's conventions kept."""

from __future__ import annotations

import logging

import pytest
from quart import got_request_exception
from werkzeug.exceptions import InternalServerError as WerkzeugInternalServerError

from httpfault import Config, Conflict, InternalServerError

from .conftest import RID, assert_same, call

SECRET = "password hunter2"


def tracebacks(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info]


def _boom_app(make_app, config=None, **quart_config):
    app = make_app(config, **quart_config)

    @app.get("/boom")
    async def boom():
        raise RuntimeError(SECRET)

    return app


def test_safe_500_logged_once_with_traceback(make_app, caplog):
    """An unhandled exception: render()'s 500 bytes, nothing of the exception in the
    body, one ERROR record with its traceback on the app's logger."""
    app = _boom_app(make_app)
    with caplog.at_level(logging.DEBUG):
        answer = call(app, "GET", "/boom")
    assert_same(answer, InternalServerError(), path="/boom")
    assert SECRET.encode() not in answer.data
    logged = tracebacks(caplog)
    assert len(logged) == 1
    assert logged[0].name == app.logger.name
    assert logged[0].levelno == logging.ERROR
    assert logged[0].exc_info[1].args == (SECRET,)
    assert RID in logged[0].getMessage()


def test_custom_logger_name_is_used(make_app, caplog):
    """Config(logger_name=...) logs there instead of the app's logger."""
    app = _boom_app(make_app, Config(logger_name="myapp.errors"))
    with caplog.at_level(logging.INFO):
        call(app, "GET", "/boom")
    assert [r.name for r in tracebacks(caplog)] == ["myapp.errors"]


@pytest.mark.parametrize("quart_config", [{"DEBUG": True}, {"TESTING": True}])
def test_safe_500_in_debug_and_testing_mode(make_app, quart_config):
    """Quart's debug or testing mode does not make the 500 reveal anything."""
    app = _boom_app(make_app, **quart_config)
    answer = call(app, "GET", "/boom")
    assert_same(answer, InternalServerError(), path="/boom")


def test_httpfault_debug_reveals(make_app):
    """Config(debug=True): the body's debug member names the exception."""
    app = _boom_app(make_app, Config(debug=True))
    debug = call(app, "GET", "/boom").json["error"]["debug"]
    assert debug["exception"] == "builtins.RuntimeError"
    assert SECRET in debug["message"]


def test_propagate_exceptions_true_reraises(make_app):
    """PROPAGATE_EXCEPTIONS=True: the exception reaches the caller, as Quart documents;
    HTTP errors are still answered."""
    app = _boom_app(make_app, PROPAGATE_EXCEPTIONS=True)

    @app.get("/conflict")
    async def conflict():
        raise Conflict("x")

    raised: list[BaseException] = []
    try:
        answer = call(app, "GET", "/boom")
    except Exception as exc:  # the test client hands it on (in an exception group on 3.13)
        raised.extend(getattr(exc, "exceptions", (exc,)))
    else:  # Quart 0.19's ASGI layer answers a propagated exception itself (not us)
        assert answer.status_code == 500
        assert "X-Request-ID" not in answer.headers
    assert all(isinstance(exc, RuntimeError) and "hunter2" in str(exc) for exc in raised)
    assert call(app, "GET", "/conflict").status_code == 409


def test_got_request_exception_sent_once(make_app):
    """Quart's got_request_exception signal is sent once for an unhandled exception,
    not for an HTTP error."""
    app = _boom_app(make_app)

    @app.get("/conflict")
    async def conflict():
        raise Conflict("x")

    received: list[BaseException] = []

    async def receiver(sender, exception, **extra):
        received.append(exception)

    got_request_exception.connect(receiver, app)
    try:
        call(app, "GET", "/boom")
        call(app, "GET", "/conflict")
    finally:
        got_request_exception.disconnect(receiver, app)
    assert [type(e) for e in received] == [RuntimeError]


def test_failing_exception_map_is_a_500(make_app, caplog):
    """An exception_map entry that raises: a 500, and the failure is logged."""

    def broken(exc):
        raise ValueError("mapper broke")

    app = _boom_app(make_app, Config(exception_map={RuntimeError: broken}))
    with caplog.at_level(logging.INFO):
        answer = call(app, "GET", "/boom")
    assert answer.status_code == 500
    assert any("exception_map" in r.getMessage() for r in caplog.records)


def test_exception_in_after_request_logged_once(make_app, caplog):
    """An after_request function that raises: Quart logs it (with the traceback) and
    asks the handler for a 500, which answers in the contract without logging it again.
    (Quart then runs the after_request functions on that answer too, and logs their
    failure once more as "Request finalizing errored": its own convention.)"""
    app = make_app()

    @app.get("/ok")
    async def ok():
        return {"ok": True}

    @app.after_request
    async def broken(response):
        raise RuntimeError(SECRET)

    with caplog.at_level(logging.INFO):
        answer = call(app, "GET", "/ok")
    assert_same(answer, InternalServerError(), path="/ok")
    assert [r.getMessage() for r in tracebacks(caplog)] == [
        "Exception on request GET /ok",
        "Request finalizing errored",
    ]


def test_http_error_in_after_request(make_app, caplog):
    """An HTTP error raised by an after_request function answers as that error."""
    app = make_app()

    @app.get("/ok")
    async def ok():
        return {"ok": True}

    @app.after_request
    async def refuse(response):
        raise Conflict("Changed meanwhile")

    with caplog.at_level(logging.INFO):
        answer = call(app, "GET", "/ok")
    assert_same(answer, Conflict("Changed meanwhile"), path="/ok")


def test_exception_in_user_error_handler(make_app, caplog):
    """A user's error handler that raises: a safe 500, one traceback logged."""
    app = make_app()

    class Mine(Exception):
        pass

    @app.errorhandler(Mine)
    async def mine(exc):
        raise RuntimeError(SECRET)

    @app.get("/mine")
    async def raise_mine():
        raise Mine()

    with caplog.at_level(logging.INFO):
        answer = call(app, "GET", "/mine")
    assert answer.status_code == 500
    assert SECRET.encode() not in answer.data
    assert len(tracebacks(caplog)) == 1


def test_werkzeug_500_raised_is_logged(make_app, caplog):
    """A werkzeug InternalServerError the view raises itself is answered and logged."""
    app = make_app()

    @app.get("/w500")
    async def w500():
        raise WerkzeugInternalServerError()

    with caplog.at_level(logging.INFO):
        answer = call(app, "GET", "/w500")
    assert_same(answer, InternalServerError(), path="/w500")
    assert len(tracebacks(caplog)) == 1


def test_werkzeug_errors_that_are_responses_are_left_alone(make_app, caplog):
    """abort(response) carries its own response: Quart's, as it is, from the view and
    from an after_request function; a werkzeug error from after_request answers in the
    contract, logged once (by Quart)."""
    from quart import Response, abort
    from werkzeug.exceptions import Gone

    app = make_app()

    @app.get("/own")
    async def own():
        abort(Response("teapot", 418))

    @app.get("/late/<what>")
    async def late(what):
        return {"ok": True}

    @app.after_request
    async def refuse(response):
        from quart import request

        if request.path == "/late/gone":
            raise Gone()
        if request.path == "/late/own":
            abort(Response("late teapot", 418))
        return response

    own_answer = call(app, "GET", "/own")
    assert (own_answer.status_code, own_answer.data) == (418, b"teapot")
    with caplog.at_level(logging.INFO):
        gone = call(app, "GET", "/late/gone")
    assert gone.status_code == 410
    assert gone.json["error"]["code"] == "gone"
    late_own = call(app, "GET", "/late/own")
    assert late_own.status_code == 418
