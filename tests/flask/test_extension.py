"""The extension conventions: init_app, app.extensions, app.config["HTTPFAULT"], imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from flask import Flask

from httpfault import Config
from httpfault.adapters._wsgi.request import EnvironHeaders, request_info
from httpfault.adapters.flask import HTTPFault, HTTPFaultState


def test_init_app_factory_pattern():
    """One extension object installs on several apps, each with its own app.config."""
    ext = HTTPFault(config=Config(format="problem"))
    first, second = Flask("first"), Flask("second")
    second.config["HTTPFAULT"] = {"format": "json", "debug": True}
    ext.init_app(first)
    ext.init_app(second)
    assert HTTPFault.config_for(first).format == "problem"
    assert HTTPFault.config_for(second).format == "json"
    assert HTTPFault.config_for(second).debug is True
    assert first.test_client().get("/x").headers["Content-Type"] == "application/problem+json"
    assert second.test_client().get("/x").headers["Content-Type"] == "application/json"


def test_state_on_app_extensions():
    """init_app keeps its state in app.extensions["httpfault"]."""
    app = Flask("state")
    ext = HTTPFault(app)
    state = app.extensions["httpfault"]
    assert isinstance(state, HTTPFaultState)
    assert state.extension is ext
    assert state.app is app
    assert state.config == Config()
    assert "HTTPFaultState(app='state'" in repr(state)


def test_app_config_may_hold_a_config():
    """app.config["HTTPFAULT"] may be a Config, which is used as it is."""
    app = Flask("cfg")
    config = Config(format="auto", request_id_header=None)
    app.config["HTTPFAULT"] = config
    HTTPFault(app, Config(format="problem"))
    assert HTTPFault.config_for(app) is config
    response = app.test_client().get("/nope")
    assert "X-Request-ID" not in response.headers


def test_app_config_unknown_setting():
    """An unknown name in app.config["HTTPFAULT"] is refused with the valid names."""
    app = Flask("bad")
    app.config["HTTPFAULT"] = {"formt": "json"}
    with pytest.raises(ValueError, match="formt"):
        HTTPFault(app)


def test_app_config_wrong_type():
    """app.config["HTTPFAULT"] of another type is refused clearly."""
    app = Flask("bad")
    app.config["HTTPFAULT"] = "json"
    with pytest.raises(TypeError, match="HTTPFAULT"):
        HTTPFault(app)


def test_config_argument_type_checked():
    """HTTPFault(config=...) must be a Config."""
    with pytest.raises(TypeError, match="Config"):
        HTTPFault(config={"format": "json"})  # type: ignore[arg-type]


def test_config_for_uninstalled_app():
    """config_for() on an app without httpfault says how to install it."""
    with pytest.raises(RuntimeError, match="HTTPFault"):
        HTTPFault.config_for(Flask("bare"))


def test_init_app_twice_uses_the_latest_config():
    """Calling init_app again replaces the state and the handler, never stacking them."""
    app = Flask("twice")
    HTTPFault(app)
    HTTPFault(app, Config(format="problem"))
    assert app.test_client().get("/x").headers["Content-Type"] == "application/problem+json"
    assert len(app.error_handler_spec[None][None]) == 1


def test_import_without_flask_names_the_extra():
    """Importing the adapter without Flask raises ImportError naming httpfault[flask]."""
    code = (
        "import sys; sys.modules['flask'] = None\n"
        "try:\n    import httpfault.adapters.flask\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    assert "pip install 'httpfault[flask]'" in out.stdout


def test_environ_headers_mapping():
    """EnvironHeaders reads headers from a WSGI environ, case-insensitively."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/a",
        "CONTENT_TYPE": "application/json",
        "HTTP_X_REQUEST_ID": "abc",
        "HTTP_ACCEPT": "*/*",
        "wsgi.input": object(),
        "HTTP_X_ODD": 3,
    }
    headers = EnvironHeaders(environ)
    assert headers["x-request-id"] == "abc"
    assert headers["Content-Type"] == "application/json"
    assert headers.get("missing") is None
    assert headers.get("X-Odd") is None
    assert set(headers) == {"content-type", "x-request-id", "accept"}
    assert len(headers) == 3
    assert dict(headers.items())["accept"] == "*/*"
    with pytest.raises(KeyError):
        headers["X-Odd"]
    assert "abc" in repr(EnvironHeaders({"HTTP_X_REQUEST_ID": "abc"}))
    info = request_info(environ)
    assert (info.method, info.path, info.header("X-REQUEST-ID")) == ("POST", "/a", "abc")
    assert info.header("X-Missing") is None
    assert EnvironHeaders.case_insensitive is True


def test_request_info_path():
    """The path is taken as sent (RAW_URI, REQUEST_URI), else rebuilt from the environ."""
    assert request_info({"RAW_URI": "/a%2Fb?x=1"}).path == "/a%2Fb"
    assert request_info({"REQUEST_URI": "/q?x"}).path == "/q"
    assert request_info({"SCRIPT_NAME": "/app", "PATH_INFO": "/caf\u00c3\u00a9"}).path == (
        "/app/caf\u00e9"
    )
    assert request_info({"RAW_URI": "http://proxy/x", "PATH_INFO": "/x"}).path == "/x"
    assert request_info({"PATH_INFO": "/\u20ac"}).path == "/\u20ac"
    assert request_info({}).path == "/"
    assert request_info({}).method == "GET"
