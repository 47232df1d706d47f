"""Localized answers: the language negotiated, the texts translated, the headers said."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    FieldError,
    HTTPError,
    InternalServerError,
    NotFound,
    RequestInfo,
    TooManyRequests,
    render,
)
from httpfault._catalogues import catalogue, translate
from httpfault._convert import validation_error
from httpfault._handling import handle
from httpfault._localize import choose_language, field_message, is_lazy

LANGS = Config(languages=("en", "de", "fr", "pt-BR", "zh-Hans"))
RID = {"X-Request-ID": "req-1"}


def request(accept_language: str | None = None, **kw: Any) -> RequestInfo:
    headers = dict(RID)
    if accept_language is not None:
        headers["Accept-Language"] = accept_language
    return RequestInfo("GET", "/things/1", headers, **kw)


def body_of(error: HTTPError, config: Config, req: RequestInfo) -> Any:
    return json.loads(render(error, config, req).body)


def header(rendered: Any, name: str) -> list[str]:
    return [value for key, value in rendered.headers if key.lower() == name.lower()]


def test_default_config_is_english_only_whatever_the_header() -> None:
    """Without languages configured an Accept-Language header changes nothing at all."""
    plain = render(NotFound(), None, request())
    asked = render(NotFound(), None, request("de"))
    assert asked == plain
    assert not header(asked, "Content-Language")
    assert not header(asked, "Vary")
    assert Config().languages == ("en",)
    assert Config()._offered == ()


def test_a_german_answer_translates_title_and_default_message() -> None:
    """Accept-Language: de gets the German title and default message, and says so."""
    rendered = render(NotFound(), LANGS, request("de"))
    content = json.loads(rendered.body)["error"]
    assert content["title"] == "Nicht gefunden"
    assert content["message"] == "Die angeforderte Ressource wurde nicht gefunden."
    assert content["code"] == "not_found"
    assert content["status"] == 404
    assert content["request_id"] == "req-1"
    assert header(rendered, "Content-Language") == ["de"]
    assert header(rendered, "Vary") == ["Accept-Language"]


def test_english_answers_keep_their_bytes_and_say_their_language() -> None:
    """An English answer of a config offering languages has today's body, byte for byte."""
    for accept in (None, "en", "ja", "de;q=0", "*;q=0"):
        error = Conflict("Email already registered", code="email_taken")
        rendered = render(error, LANGS, request(accept))
        assert rendered.body == render(error, None, request(accept)).body
        assert header(rendered, "Content-Language") == ["en"]
        assert header(rendered, "Vary") == ["Accept-Language"]


def test_auto_format_merges_vary() -> None:
    """Under format='auto' one Vary names both negotiated headers."""
    config = Config(format="auto", languages=("de",))
    rendered = render(NotFound(), config, request("de"))
    assert header(rendered, "Vary") == ["Accept, Accept-Language"]
    english_only = render(NotFound(), Config(format="auto"), request("de"))
    assert header(english_only, "Vary") == ["Accept"]


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("de-CH, fr;q=0.9", "de"),
        ("fr;q=0.5, de;q=0.8", "de"),
        ("pt", "pt-BR"),
        ("zh-Hans-CN", "zh-Hans"),
        ("en;q=0, de;q=0, *", "fr"),
        ("de-CH, de;q=0", "en"),
        ("ja", "en"),
        ("", "en"),
    ],
)
def test_the_language_is_negotiated_per_rfc_9110(accept: str, language: str) -> None:
    """q-values, lookup fallback, *, q=0 exclusion; English when nothing offered fits."""
    rendered = render(TooManyRequests(), LANGS, request(accept))
    assert header(rendered, "Content-Language") == [language]
    title = json.loads(rendered.body)["error"]["title"]
    assert title == translate("Too Many Requests", language)
    assert (title == "Too Many Requests") is (language == "en")


def test_english_is_offered_even_when_not_listed() -> None:
    """English is always offered, after the listed languages; tags are spelled as shipped."""
    config = Config(languages=("DE", "pt-br", "de"))
    assert config.languages == ("de", "pt-BR")
    assert config._offered == ("de", "pt-BR", "en")
    assert choose_language(config, request("en, de;q=0.5")) == "en"
    assert choose_language(config, request("*")) == "de"
    assert choose_language(config, None) == "en"
    assert Config(languages=()).languages == ("en",)
    assert Config(languages=("en",))._offered == ()


def test_unknown_languages_are_refused() -> None:
    """A language with no catalogue, a bare string or a non-string is a clear error."""
    with pytest.raises(ValueError, match="no catalogue for language 'sv'"):
        Config(languages=("en", "sv"))
    with pytest.raises(TypeError, match="tuple of language tags"):
        Config(languages="de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no catalogue"):
        Config(languages=(1,))  # type: ignore[arg-type]


def test_the_application_language_wins_where_offered() -> None:
    """RequestInfo.language (Django's, Flask-Babel's) beats Accept-Language if offered."""
    assert choose_language(LANGS, request("fr", language="de")) == "de"
    assert choose_language(LANGS, request("fr", language="de_CH")) == "de"
    assert choose_language(LANGS, request("fr", language="pt-br")) == "pt-BR"
    assert choose_language(LANGS, request("fr", language="en-us")) == "en"
    assert choose_language(LANGS, request("fr", language="sv")) == "fr"


def test_what_is_never_translated() -> None:
    """code, type, status, pointers, instance, ids, extensions and given details stay."""
    error = Conflict(
        "Email already registered", code="email_taken", type="https://e.example/taken",
        errors=[FieldError(("items", 0), "Field required.", code="missing")], sku="Not Found",
    )  # fmt: skip
    content = body_of(error, LANGS.replace(format="problem"), request("fr"))
    assert content["type"] == "https://e.example/taken"
    assert content["detail"] == "Email already registered"
    assert content["code"] == "email_taken"
    assert content["status"] == 409
    assert content["instance"] == "/things/1"
    assert content["request_id"] == "req-1"
    assert content["sku"] == "Not Found"
    assert content["errors"] == [
        {"in": "body", "pointer": "#/items/0", "detail": "Champ obligatoire.", "code": "missing"}
    ]
    assert content["title"] == "Conflit"  # the class's title, translated
    own = body_of(Conflict(title="Email taken", type="https://e.example/t"), LANGS,
                  request("fr"))["error"]  # fmt: skip
    assert own["title"] == "Email taken"  # a title of the application's own stays


def test_hidden_5xx_detail_gets_the_translated_default() -> None:
    """A 5xx whose detail is not exposed says the default message in the language."""
    content = body_of(InternalServerError("db down at 10.0.0.3"), LANGS, request("de"))
    assert "10.0.0.3" not in json.dumps(content)
    assert content["error"]["message"] == catalogue("de")[InternalServerError.default_detail]


class Signup(BaseModel):
    """A model whose errors carry limits."""

    name: str = Field(min_length=3)
    age: int = Field(gt=17)
    tags: list[str] = Field(max_length=2)
    email: str


def test_pydantic_field_errors_are_translated_with_their_limits() -> None:
    """pydantic's messages become the catalogue's sentences, limits read back from them."""
    try:
        Signup.model_validate({"name": "ab", "age": 3, "tags": ["a", "b", "c"]})
    except ValidationError as exc:
        error = validation_error(exc, LANGS)
    messages = [e["message"] for e in body_of(error, LANGS, request("de"))["error"]["errors"]]
    assert messages == [
        "Die Zeichenkette ist zu kurz; die Mindestlänge ist 3.",
        catalogue("de")["Input should be greater than {gt}."].format(gt=17),
        catalogue("de")["Too many items; the maximum is {max_length}."].format(max_length=2),
        "Feld erforderlich.",
    ]
    english = [e["message"] for e in body_of(error, LANGS, request("en"))["error"]["errors"]]
    assert english[0] == "String should have at least 3 characters"


def test_the_applications_own_field_messages_stay() -> None:
    """A message that is not a generic sentence of its type is the application's own."""
    assert field_message("Pick a longer name", "string_too_short", "de") == "Pick a longer name"
    assert field_message("Value error, must be even", "value_error", "de") == (
        "Value error, must be even"
    )
    assert field_message("whatever", None, "de") == "whatever"
    assert field_message("whatever", "no_such_type", "de") == "whatever"
    assert field_message("x" * 300, "missing", "de") == "x" * 300
    assert field_message("Invalid value.", "value_error", "ja") == catalogue("ja")["Invalid value."]
    quoted = "Input should be a valid date or datetime."  # the no-echo rule's sentence
    assert (
        field_message(quoted, "date_from_datetime_parsing", "de")
        == catalogue("de")["Input should be a valid date."]
    )


def test_reuse_keys_on_the_language() -> None:
    """Answers kept for reuse are never served in another request's language."""
    config = Config(languages=("de", "fr"))
    seen = {}
    for _ in range(4):
        for accept in ("de", "fr", "en", None):
            rendered = handle(BadRequest(), config, request(accept))
            seen.setdefault(accept, set()).add((rendered.body, tuple(rendered.headers)))
            expected = render(BadRequest(), config, request(accept))
            assert rendered == expected
    assert all(len(answers) == 1 for answers in seen.values())
    assert len({next(iter(a))[0] for a in seen.values()}) == 3  # de, fr, English twice


def test_head_and_minimal_answers_carry_the_language_headers() -> None:
    """HEAD has no body but the headers; the fallback body is English and says so."""
    rendered = render(NotFound(), LANGS, RequestInfo("HEAD", "/x", {"Accept-Language": "de"}))
    assert rendered.body == b""
    assert header(rendered, "Content-Language") == ["de"]

    error = NotFound(thing=object())  # no JSON form: the minimal body
    fallback = render(error, Config(languages=("de",), format="auto"), request("de"))
    assert json.loads(fallback.body)["error"]["title"] == "Not Found"
    assert header(fallback, "Content-Language") == ["en"]
    assert header(fallback, "Vary") == ["Accept, Accept-Language"]


def test_plain_strings_are_not_lazy() -> None:
    """Only the lazy string types of loaded translation libraries count as lazy."""
    assert not is_lazy("text")
    assert not is_lazy(3)
    with pytest.raises(TypeError, match="detail must be a str"):
        NotFound(3)  # type: ignore[arg-type]
