"""Localized answers in Flask: Flask-Babel's selected locale wins, lazy_gettext rendered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask import Flask
from flask_babel import Babel, lazy_gettext

from httpfault import Config, Conflict
from httpfault.adapters.flask import HTTPFault

CONFIG = Config(languages=("de", "fr"))


def _translations(root: Path) -> Path:
    """A compiled catalogue translating one sentence into German."""
    catalog = Catalog(locale="de")
    catalog.add("Out of stock", "Nicht vorrätig")
    folder = root / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as out:
        write_mo(out, catalog)
    return root


def make(tmp_path: Path, selector: Any = None) -> Flask:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(_translations(tmp_path))
    Babel(app, locale_selector=selector)
    HTTPFault(app, config=CONFIG)

    @app.get("/lazy")
    def lazy() -> Any:
        raise Conflict(lazy_gettext("Out of stock"))

    return app


def error_of(app: Flask, accept_language: str) -> tuple[dict[str, Any], Any]:
    response = app.test_client().get("/lazy", headers={"Accept-Language": accept_language})
    return json.loads(response.data)["error"], response.headers


@pytest.mark.parametrize(("accept", "language", "text"), [
    ("de", "de", "Nicht vorrätig"), ("fr", "fr", "Out of stock"), ("ja", "en", "Out of stock"),
])  # fmt: skip
def test_without_a_selector_accept_language_decides(
    tmp_path: Path, accept: str, language: str, text: str
) -> None:
    """No locale selector: the header picks the language; lazy_gettext follows it."""
    body, headers = error_of(make(tmp_path), accept)
    assert headers["Content-Language"] == language
    assert body["message"] == text
    assert body["code"] == "conflict"


def test_the_locale_selector_wins(tmp_path: Path) -> None:
    """Flask-Babel's selected locale (de) beats the header's choice (fr)."""
    body, headers = error_of(make(tmp_path, lambda: "de_CH"), "fr")
    assert headers["Content-Language"] == "de"
    assert body["title"] == "Konflikt"
    assert body["message"] == "Nicht vorrätig"


def test_a_selected_locale_not_offered_leaves_the_header_to_decide(tmp_path: Path) -> None:
    """A locale httpfault does not offer (sv) falls back to the Accept-Language choice."""
    body, headers = error_of(make(tmp_path, lambda: "sv"), "fr")
    assert headers["Content-Language"] == "fr"
    assert body["title"] == "Conflit"
