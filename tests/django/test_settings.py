"""The HTTPFAULT setting: Config fields in either case, adapter options, dotted paths."""

from __future__ import annotations

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

import httpfault
from httpfault import Config, HTTPError, RequestInfo
from httpfault.adapters._django.settings import current_options, read_options

SEEN: list[tuple[HTTPError, RequestInfo | None]] = []


def remember(error: HTTPError, request: RequestInfo | None) -> None:
    SEEN.append((error, request))


def test_field_names_in_either_case() -> None:
    """Config field names work upper- and lower-case; the logger defaults to django.request."""
    options = read_options({"FORMAT": "problem", "debug": True, "Type_Base": "https://e.x/"})
    assert options.config.format == "problem"
    assert options.config.debug
    assert options.config.type_base == "https://e.x/"
    assert options.config.logger_name == "django.request"
    assert options.paths is None
    assert options.exclude_paths == ()


def test_defaults_when_unset() -> None:
    """No HTTPFAULT setting: the default Config, every path converted."""
    options = read_options(None)
    assert options.config == Config(logger_name="django.request")
    assert options.converts("/anything")


def test_config_instance_and_amendments() -> None:
    """A Config may be given whole, as the setting or as CONFIG amended by other keys."""
    base = Config(format="auto", logger_name="myapp")
    assert read_options(base).config is base
    amended = read_options({"CONFIG": base, "DEBUG": True}).config
    assert amended.format == "auto"
    assert amended.debug
    assert amended.logger_name == "myapp"
    assert read_options({"CONFIG": base}).config is base


def test_paths_and_exclusions() -> None:
    """PATHS limits conversion to prefixes; EXCLUDE_PATHS wins over PATHS."""
    options = read_options({"PATHS": ["/api/"], "EXCLUDE_PATHS": "/api/admin/"})
    assert options.converts("/api/users")
    assert not options.converts("/api/admin/x")
    assert not options.converts("/pages/x")
    assert read_options({"PATHS": "/api/"}).paths == ("/api/",)
    assert read_options({"PATHS": None, "EXCLUDE_PATHS": None}).converts("/x")


def test_dotted_paths_are_imported() -> None:
    """Hooks, formatter, request id factory and exception_map entries may be dotted paths."""
    options = read_options(
        {
            "ON_ERROR": "tests.django.test_settings.remember",
            "REQUEST_ID_FACTORY": "httpfault._config.new_request_id",
            "FORMATTER": None,
            "EXCEPTION_MAP": {
                "builtins.KeyError": "httpfault.NotFound",
                LookupError: httpfault.Gone,
            },
        }
    )
    assert options.config.on_error == (remember,)
    assert options.config.exception_map[KeyError] is httpfault.NotFound
    assert options.config.exception_map[LookupError] is httpfault.Gone
    assert read_options({"on_error": [remember, remember]}).config.on_error == (remember, remember)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"COLOUR": "red"}, "unknown key 'COLOUR'"),
        ({"FORMAT": "xml"}, "format must be"),
        ({"CONFIG": {"format": "json"}}, "must be an httpfault.Config"),
        ({"PATHS": 3}, "list of path prefixes"),
        ({"PATHS": ["api/"]}, "starting '/'"),
        ({"EXCEPTION_MAP": ["x"]}, "must be a dict"),
        ({"ON_ERROR": "no.such.module.hook"}, "cannot import"),
        (["FORMAT"], "must be a dict"),
        ({1: "x"}, "unknown key 1"),
    ],
)
def test_bad_settings_are_improperly_configured(value: object, message: str) -> None:
    """Mistakes in HTTPFAULT raise ImproperlyConfigured with a message saying what is wrong."""
    with pytest.raises(ImproperlyConfigured, match=message):
        read_options(value)


def test_current_options_follow_override_settings() -> None:
    """The options are read again when the setting changes, and reused while it does not."""
    first = current_options()
    assert current_options() is first
    with override_settings(HTTPFAULT={"FORMAT": "problem"}):
        assert current_options().config.format == "problem"
    assert current_options().config.format == "json"


def test_on_error_hook_sees_each_error_once() -> None:
    """on_error hooks from the setting see every error the adapter answers, once."""
    SEEN.clear()
    with override_settings(HTTPFAULT={"ON_ERROR": ["tests.django.test_settings.remember"]}):
        Client().get("/conflict")
    assert len(SEEN) == 1
    error, request = SEEN[0]
    assert error.status == 409
    assert request is not None
    assert request.path == "/conflict"


def test_import_without_django_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the adapter without Django raises ImportError naming the extra to install."""
    monkeypatch.delitem(sys.modules, "httpfault.adapters.django")
    monkeypatch.setitem(sys.modules, "django.views.debug", None)
    with pytest.raises(ImportError, match=r"pip install 'httpfault\[django\]'"):
        importlib.import_module("httpfault.adapters.django")
