"""Localized answers in Django: LocaleMiddleware's language wins, lazy details translated."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, override_settings
from django.utils import translation

from httpfault import Config, Conflict, RequestInfo, render
from httpfault._body import cache_key, facts
from httpfault._localize import is_lazy
from tests.django.helpers import HEADERS
from tests.django.settings import SETTINGS

LOCALE = [*SETTINGS["MIDDLEWARE"][:1], "django.middleware.locale.LocaleMiddleware",
          *SETTINGS["MIDDLEWARE"][1:]]  # fmt: skip
LANGUAGES = {"LANGUAGES": ["de", "fr"]}
DJANGO_LANGUAGES = [("en", "English"), ("de", "German")]


def required_de() -> str:
    """Django's own German for "This field is required." (worded anew in some releases)."""
    with translation.override("de"):
        german = str(translation.gettext("This field is required."))
    assert german.startswith("Dieses Feld ist")  # translated, not the English
    return german


def get(path: str, accept_language: str) -> Any:
    client = Client(headers={**HEADERS, "Accept-Language": accept_language},
                    raise_request_exception=False)  # fmt: skip
    return client.get(path)


def test_accept_language_picks_the_language_without_locale_middleware() -> None:
    """Without LocaleMiddleware the Accept-Language negotiation decides, as elsewhere."""
    with override_settings(HTTPFAULT=LANGUAGES):
        response = get("/conflict", "fr;q=0.9, de;q=0.5")
    assert response["Content-Language"] == "fr"
    assert response["Vary"] == "Accept-Language"
    assert json.loads(response.content)["error"]["title"] == "Conflit"


def test_locale_middlewares_language_wins() -> None:
    """The language LocaleMiddleware activated (de) beats the header's first choice (fr)."""
    with override_settings(HTTPFAULT=LANGUAGES, MIDDLEWARE=LOCALE, LANGUAGES=DJANGO_LANGUAGES):
        response = get("/conflict", "fr, de;q=0.5")
    assert response["Content-Language"] == "de"
    body = json.loads(response.content)["error"]
    assert body["title"] == "Konflikt"
    assert body["message"] == "Email already registered"  # the application's own text
    assert body["code"] == "email_taken"


def test_a_lazy_detail_is_rendered_in_the_answers_language() -> None:
    """gettext_lazy text is rendered in the negotiated language, not the active one."""
    with override_settings(HTTPFAULT=LANGUAGES):
        german = get("/lazy", "de")
        english = get("/lazy", "en")
    assert json.loads(german.content)["error"]["message"] == required_de()
    assert json.loads(english.content)["error"]["message"] == "This field is required."
    assert translation.get_language() in {"en-us", "en"}  # nothing left activated


def test_a_lazy_detail_without_languages_follows_the_active_language() -> None:
    """With English only offered, a lazy detail is Django's text in the active language."""
    with override_settings(MIDDLEWARE=LOCALE, LANGUAGES=DJANGO_LANGUAGES):
        response = get("/lazy", "de")
    assert response["Content-Language"] == "de"  # LocaleMiddleware's own header
    body = json.loads(response.content)["error"]
    assert body["message"] == required_de()
    assert body["title"] == "Conflict"


def test_lazy_details_are_never_reused_by_key() -> None:
    """An error with a lazy detail is rendered each time, in each request's language."""
    error = Conflict(translation.gettext_lazy("This field is required."))
    assert is_lazy(error.detail)
    config = Config(languages=("de",))
    assert cache_key(facts(error)) is None
    de = render(error, config, RequestInfo("GET", "/x", {"Accept-Language": "de"}))
    en = render(error, config, RequestInfo("GET", "/x", {"Accept-Language": "en"}))
    assert json.loads(de.body)["error"]["message"] == required_de()
    assert json.loads(en.body)["error"]["message"] == "This field is required."


def test_lazy_texts_follow_the_answers_language_not_the_active_one() -> None:
    """A lazy title and a lazy detail are rendered in the answer's language: German while
    Django has English active, and English while Django has German active."""
    from django.utils.translation import gettext_lazy

    class Lazy(Conflict):
        type = "https://example.com/problems/lazy"  # its own title, not the status phrase
        title = gettext_lazy("This field is required.")

    config = Config(languages=("de",))
    error = Lazy(gettext_lazy("This field is required."))
    with translation.override("en"):
        de = render(error, config, RequestInfo("GET", "/x", {"Accept-Language": "de"}))
    with translation.override("de"):
        en = render(error, config, RequestInfo("GET", "/x", {"Accept-Language": "en"}))
    german = json.loads(de.body)["error"]
    assert (german["title"], german["message"]) == (required_de(), required_de())
    english = json.loads(en.body)["error"]
    assert english["title"] == english["message"] == "This field is required."
