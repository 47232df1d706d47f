"""Reused answers: the core decides what a body holds and when two errors share one."""

from __future__ import annotations

import pickle
from http import HTTPStatus
from typing import Any

import pytest

from httpfault import (
    Config,
    Conflict,
    FieldError,
    Gone,
    HTTPError,
    NotFound,
    RequestInfo,
    TooManyRequests,
)
from httpfault._answers import answer as _answer_with
from httpfault._body import Facts, cache_key, facts
from httpfault._cache import AnswerCache
from httpfault._fields import MAX_KEY_TEXT
from httpfault._localize import choose_language
from httpfault._render import render_with_id
from httpfault._template import Template

CONFIGS = [
    Config(),
    Config(format="problem"),
    Config(format="problem", type_base="https://errors.example/"),
    Config(format="auto"),
    Config(request_id_header=None),
    Config(languages=("en", "de")),
    Config(format="auto", languages=("de", "en")),
]
REQUESTS = [
    RequestInfo("GET", "/users/7", {"X-Request-ID": "r-1"}),
    RequestInfo("GET", "", {"X-Request-ID": "r-2"}),  # an empty path, as h11 accepts it
    RequestInfo("HEAD", "/users/7", {"X-Request-ID": "r-3"}),
    RequestInfo("GET", "/a b/é", {"Accept": "application/problem+json"}),
    RequestInfo("POST", "/users", {"Accept": "application/json", "X-Request-ID": "r-5"}),
    RequestInfo("GET", "/users/7", [("accept-language", "de-DE"), ("x-request-id", "r-6")]),
]


def answer(error: HTTPError, config: Config, request: RequestInfo, rid: str | None) -> Any:
    """The core's answer, in the language the request negotiates."""
    return _answer_with(error, config, request, rid, language=choose_language(config, request))


def _with(**attributes: Any) -> Any:
    def make() -> HTTPError:
        error = Conflict("Email already registered")
        for name, value in attributes.items():
            setattr(error, name, value)
        return error

    return make


CASES: dict[str, Any] = {
    "plain": lambda: Conflict("Email already registered"),
    "no-detail": NotFound,
    "detail-int": _with(detail=1),
    "detail-true": _with(detail=True),
    "detail-float": _with(detail=1.0),
    "status-enum": _with(status=HTTPStatus.CONFLICT),
    "extension-none": lambda: Conflict("x", user_id=None),
    "extension-one": lambda: Conflict("x", user_id=1),
    "extension-true": lambda: Conflict("x", user_id=True),
    "extension-float": lambda: Conflict("x", user_id=1.0),
    "extension-list": lambda: Conflict("x", ids=[1, 2]),
    "headers": lambda: TooManyRequests(retry_after=30),
    "fields": lambda: Conflict(errors=[FieldError(("items", 0, "name"), "taken", code="t")]),
    "instance": lambda: Conflict("x", instance="/orders/1"),
    "hidden": lambda: Conflict("secret", expose=False),
    "long-detail": lambda: NotFound("x" * (MAX_KEY_TEXT + 1)),
    "type": _with(type="https://example.com/problems/taken"),
}


def _fresh(error: HTTPError, config: Config, request: RequestInfo, rid: str | None) -> Any:
    return render_with_id(error, config.replace(cache_bytes=0), request, rid)


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("request_info", REQUESTS)
def test_reused_answers_are_fresh_renderings(config: Config, request_info: RequestInfo) -> None:
    """Every case, first, second and third time (rendered, kept, reused), in every format
    and for every request shape, answers the bytes and headers of a fresh rendering."""
    config = config.replace()  # a cache of its own
    for name, make in CASES.items():
        for attempt in range(3):
            for rid in ("id-a", "id-b", None):
                got = answer(make(), config, request_info, rid)
                want = _fresh(make(), config, request_info, rid)
                assert got == want, (name, attempt, rid)


def test_equal_in_python_is_not_equal_on_the_wire() -> None:
    """Details and extensions equal in Python (1, True, 1.0) never share an answer."""
    config, request = Config(), RequestInfo("GET", "/x")
    bodies = set()
    for name in ("detail-int", "detail-true", "detail-float"):
        for _ in range(3):
            last = answer(CASES[name](), config, request, "rid").body
        bodies.add(last)
    assert len(bodies) == 3
    assert cache_key(facts(CASES["extension-float"]())) is None  # -0.0 == 0.0: no key


def _changed(name: str, value: Any) -> Any:
    """A different value of the same kind, for the drift test."""
    if name == "status":
        return 418
    if isinstance(value, bool):
        return not value
    if isinstance(value, list):
        return [FieldError("changed", "changed", code="changed")]
    if isinstance(value, dict):
        return {"X-Changed": "changed"} if name == "headers" else {"changed_member": "x"}
    if isinstance(value, int):
        return value + 1
    return "changed-value"


def _key_of(error: HTTPError) -> Any:
    found = cache_key(facts(error))
    assert found is not None
    return found[0]


def _bases() -> list[HTTPError]:
    """Errors showing every member: one with a detail, one showing its default sentence."""
    return [
        TooManyRequests("slow", retry_after=5, user_id=1, instance="/i", type="https://e.x/t"),
        Conflict(code="c", type="https://e.x/c", errors=[FieldError("a", "b")]),
    ]


def test_every_member_the_answer_shows_is_in_the_key() -> None:
    """Changing any attribute of an error either leaves its answer alone or changes its
    key: a member added to the body but not to the key fails here."""
    names = sorted(
        name for name in dir(_bases()[0])
        if not name.startswith("_") and not callable(getattr(_bases()[0], name, None))
    )  # fmt: skip
    assert set(Facts._fields) <= set(names)
    checked = set()
    for name in names:
        for config in (Config(), Config(format="problem")):
            for index in range(len(_bases())):
                error = _bases()[index]
                before = render_with_id(error, config, RequestInfo("GET", "/p"), "rid")
                key = _key_of(error)
                try:
                    setattr(error, name, _changed(name, getattr(error, name)))
                except AttributeError:  # a read-only property: nothing of its own to show
                    continue
                after = render_with_id(error, config, RequestInfo("GET", "/p"), "rid")
                if after != before:
                    assert _key_of(error) != key, name
                    checked.add(name)
    assert set(Facts._fields) - {"expose"} <= checked


def test_a_flood_of_one_off_errors_keeps_the_hot_answers() -> None:
    """Entries not used lately go first: a repeated error survives a flood of one-offs,
    and the cache never holds more than its byte limit."""
    config = Config(cache_bytes=64 * 1024)
    cache = config._cache
    assert cache is not None
    request = RequestInfo("GET", "/items/1")
    hot = lambda: NotFound("No such item")  # noqa: E731
    for n in range(5000):
        answer(hot(), config, request, "rid")
        answer(NotFound(f"No item {n}"), config, request, "rid")
        assert cache.size <= config.cache_bytes
    kept = [v for v in cache.values() if isinstance(v, Template)]
    assert len(kept) == 1
    assert answer(hot(), config, request, "r2") == _fresh(hot(), config, request, "r2")


def test_keys_hold_no_long_text() -> None:
    """An error with a string longer than the bound (say a client-sent id) has no key."""
    assert cache_key(facts(NotFound("x" * MAX_KEY_TEXT))) is not None
    for error in (
        NotFound("x" * (MAX_KEY_TEXT + 1)),
        Conflict(errors=[FieldError(("y" * (MAX_KEY_TEXT + 1),), "m")]),
        Conflict(note="z" * (MAX_KEY_TEXT + 1)),
        Conflict(headers={"X-Long": "v" * (MAX_KEY_TEXT + 1)}),
        Conflict(errors=[FieldError((f"{n}" + "w" * 200,), "m") for n in range(20)]),
    ):
        assert cache_key(facts(error)) is None


def test_the_cache_can_be_turned_off() -> None:
    """``cache_bytes=0`` keeps nothing; a negative or non-int size is refused."""
    assert Config(cache_bytes=0)._cache is None
    assert Config(debug=True)._cache is None
    for bad in (-1, 1.5, "1"):
        with pytest.raises(ValueError, match="cache_bytes"):
            Config(cache_bytes=bad)  # type: ignore[arg-type]


def test_each_config_has_its_own_cache_and_copies_start_empty() -> None:
    """Configs compare equal whatever their caches hold; a pickled copy starts empty."""
    config = Config()
    for _ in range(2):
        answer(NotFound(), config, RequestInfo("GET", "/"), "r")
    assert config._cache is not None
    assert len(config._cache) == 1
    assert config == Config()
    copy = pickle.loads(pickle.dumps(config._cache))
    assert isinstance(copy, AnswerCache)
    assert len(copy) == 0
    assert config.replace()._cache is not config._cache


def test_an_entry_larger_than_the_limit_is_not_kept() -> None:
    """The cache refuses an entry that alone exceeds its limit."""
    cache = AnswerCache(100)
    cache.put("big", object(), 101)
    assert len(cache) == 0
    assert cache.size == 0
    cache.put("a", object(), 60)
    cache.put("a", object(), 50)  # replaced, counted once
    assert cache.size == 50
    assert cache.get("missing") is None


def test_an_int_enum_status_works_as_its_int() -> None:
    """A subclass whose status is ``HTTPStatus.GONE`` renders as a 410, not the fallback."""

    class Retired(Gone):
        status = HTTPStatus.GONE  # type: ignore[assignment]

    assert Retired.status.__class__ is int
    rendered = render_with_id(Retired("Moved on"), Config(), RequestInfo("GET", "/"), "r")
    assert rendered.status == 410
    assert b"Moved on" in rendered.body
