"""Lazy strings (Babel's ``LazyProxy``) in an answer: rendered as their text, any language."""

from __future__ import annotations

import json
from typing import Any

import pytest

from httpfault import Config, Conflict, RequestInfo, render

CONFIG = Config(type_base="https://errors.example/", languages=("de",))


support = pytest.importorskip("babel.support")


def lazy(text: str) -> Any:
    """A lazy string of Babel's: its text is made only when it is rendered."""
    return support.LazyProxy(lambda: text, enable_cache=False)


class Taken(Conflict):
    title = lazy("Taken already")  # type: ignore[assignment]
    default_detail = lazy("That one is taken.")  # type: ignore[assignment]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_a_lazy_title_and_message_are_their_text(language: str, fmt: str) -> None:
    """A lazy title, detail and default message, in a translated answer or an English
    one, are sent as the text the lazy string gives (a translation of its own, which the
    core's catalogue does not replace)."""
    config = CONFIG.replace(format=fmt)  # type: ignore[arg-type]
    request = RequestInfo("GET", "/x", {"Accept-Language": language})
    for error, message in (
        (Taken(lazy("Email already registered")), "Email already registered"),
        (Taken(), "That one is taken."),
    ):
        rendered = render(error, config, request)
        assert rendered.status == 409
        content = json.loads(rendered.body)
        content = content if fmt == "problem" else content["error"]
        assert content["title"] == "Taken already"
        assert content["detail" if fmt == "problem" else "message"] == message
        assert ("Content-Language", language) in rendered.headers
