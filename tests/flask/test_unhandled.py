"""Unexpected exceptions: a safe 500 logged once; propagation; signals; exception_map."""

from __future__ import annotations

import logging

import pytest
from flask import Flask, got_request_exception

from httpfault import Config, Conflict, InternalServerError, NotFound

from .conftest import RID, assert_same

HEADERS = {"X-Request-ID": RID}


class DomainMissing(LookupError):
    """A domain exception mapped through Config.exception_map."""


def boom_app(make_app, config=None, **flask_config) -> Flask:
    app = make_app(config, **flask_config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("db password is hunter2")

    return app


def tracebacks(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info]


def test_safe_500_same_bytes_as_render(make_app):
    """An unexpected exception is the 500 render() makes, saying nothing about it."""
    response = boom_app(make_app).test_client().get("/boom", headers=HEADERS)
    assert_same(response, InternalServerError(), path="/boom")
    assert b"hunter2" not in response.data
    assert b"RuntimeError" not in response.data


def test_logged_once_with_traceback_through_app_logger(make_app, caplog):
    """The 500 is logged once, at ERROR, with its traceback, by app.logger."""
    app = boom_app(make_app)
    with caplog.at_level(logging.DEBUG):
        app.test_client().get("/boom", headers=HEADERS)
    logged = tracebacks(caplog)
    assert len(logged) == 1
    record = logged[0]
    assert record.name == app.logger.name
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError
    assert RID in record.getMessage()


def test_custom_logger_name_is_used(make_app, caplog):
    """Config.logger_name, when set, replaces app.logger."""
    app = boom_app(make_app, Config(logger_name="myapp.errors"))
    with caplog.at_level(logging.INFO):
        app.test_client().get("/boom")
    assert [r.name for r in tracebacks(caplog)] == ["myapp.errors"]


def test_client_errors_logged_low_without_traceback(make_app, caplog):
    """A 4xx is logged at INFO without a traceback."""
    app = make_app()
    with caplog.at_level(logging.DEBUG):
        app.test_client().get("/missing")
    records = [r for r in caplog.records if r.name == app.logger.name]
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.INFO, None)]


@pytest.mark.parametrize("flask_config", [{"DEBUG": True}, {"TESTING": True}, {}])
def test_safe_500_in_debug_and_testing_mode(make_app, flask_config):
    """app.debug and TESTING do not make exceptions propagate nor reveal them."""
    app = boom_app(make_app, **flask_config)
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert b"hunter2" not in response.data
    assert "debug" not in response.json["error"]


def test_httpfault_debug_reveals(make_app):
    """Config(debug=True) puts the exception's type, message and traceback in the body."""
    response = boom_app(make_app, Config(debug=True)).test_client().get("/boom")
    debug = response.json["error"]["debug"]
    assert debug["exception"] == "builtins.RuntimeError"
    assert debug["message"] == "db password is hunter2"


def test_propagate_exceptions_true_reraises(make_app):
    """PROPAGATE_EXCEPTIONS=True hands the exception to the caller (the test client)."""
    app = boom_app(make_app, PROPAGATE_EXCEPTIONS=True, TESTING=True)
    with pytest.raises(RuntimeError, match="hunter2"):
        app.test_client().get("/boom")


def test_propagate_keeps_http_errors_answered(make_app):
    """Even with PROPAGATE_EXCEPTIONS=True, HTTP errors are answered, not raised."""
    app = make_app(PROPAGATE_EXCEPTIONS=True)

    @app.get("/c")
    def view():
        raise Conflict("taken")

    client = app.test_client()
    assert client.get("/c").status_code == 409
    assert client.get("/nope").status_code == 404


def test_propagate_exceptions_false(make_app):
    """PROPAGATE_EXCEPTIONS=False answers the 500 even in testing mode."""
    app = boom_app(make_app, PROPAGATE_EXCEPTIONS=False, TESTING=True)
    assert app.test_client().get("/boom").status_code == 500


def test_got_request_exception_sent_once(make_app):
    """got_request_exception is sent once for an unhandled exception, as Flask does."""
    app = boom_app(make_app)

    @app.get("/c")
    def conflict():
        raise Conflict()

    seen = []

    def receiver(sender, exception, **extra):
        seen.append(type(exception))

    with got_request_exception.connected_to(receiver, app):
        client = app.test_client()
        client.get("/boom")
        client.get("/c")
        client.get("/missing")
    assert seen == [RuntimeError]


def test_exception_map(make_app):
    """Config.exception_map turns a domain exception into its error, not a 500."""
    config = Config(exception_map={DomainMissing: NotFound, KeyError: lambda e: Conflict("dup")})
    app = make_app(config)

    @app.get("/missing")
    def missing():
        raise DomainMissing("user 7")

    @app.get("/dup")
    def dup():
        raise KeyError("x")

    client = app.test_client()
    assert_same(client.get("/missing", headers=HEADERS), NotFound(), path="/missing",
                config=config)  # fmt: skip
    assert client.get("/dup").json["error"]["message"] == "dup"


def test_failing_exception_map_is_a_500(make_app, caplog):
    """An exception_map entry that fails gives a 500, and the failure is logged."""

    def broken(exc):
        raise ValueError("mapper bug")

    app = make_app(Config(exception_map={DomainMissing: broken}))

    @app.get("/x")
    def view():
        raise DomainMissing()

    with caplog.at_level(logging.INFO):
        assert app.test_client().get("/x").status_code == 500
    assert any("exception_map" in r.getMessage() for r in caplog.records)


def test_on_error_hook_sees_every_error(make_app):
    """on_error hooks are called once per error, with the request."""
    seen = []
    app = boom_app(make_app, Config(on_error=lambda error, req: seen.append((error.status,
                                                                          req.path))))  # fmt: skip
    client = app.test_client()
    client.get("/boom")
    client.get("/nope")
    assert seen == [(500, "/boom"), (404, "/nope")]


def test_exception_in_user_error_handler(make_app, caplog):
    """An error handler of the user's that fails gives the safe 500, logged once by Flask."""
    app = make_app()

    class Oops(Exception):
        pass

    @app.errorhandler(Oops)
    def bad_handler(error):
        raise RuntimeError("handler bug")

    @app.get("/x")
    def view():
        raise Oops

    with caplog.at_level(logging.INFO):
        response = app.test_client().get("/x")
    assert response.status_code == 500
    assert b"handler bug" not in response.data
    assert len(tracebacks(caplog)) == 1


def test_http_exception_in_after_request_with_response(make_app):
    """abort(Response) from an after_request hook is answered by that response."""
    from flask import Response, abort

    app = make_app()

    @app.after_request
    def hook(response):
        if response.status_code == 200:
            abort(Response("teapot", status=418))
        return response

    @app.get("/x")
    def view():
        return "ok"

    assert app.test_client().get("/x").status_code == 418


def test_werkzeug_error_in_after_request(make_app):
    """A werkzeug error raised by an after_request hook is converted like any other."""
    from flask import abort

    app = make_app()

    @app.after_request
    def hook(response):
        if response.status_code == 200:
            abort(403)
        return response

    @app.get("/x")
    def view():
        return "ok"

    response = app.test_client().get("/x")
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_raised_werkzeug_500_with_original_is_logged(make_app, caplog):
    """A werkzeug InternalServerError the user raises is answered and logged once."""
    from werkzeug.exceptions import InternalServerError as WerkzeugInternalServerError

    app = make_app()

    @app.get("/x")
    def view():
        raise WerkzeugInternalServerError(original_exception=ValueError("secret"))

    with caplog.at_level(logging.INFO):
        response = app.test_client().get("/x")
    assert response.status_code == 500
    assert b"secret" not in response.data
    assert len(tracebacks(caplog)) == 1
