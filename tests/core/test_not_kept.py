"""Answers that are not kept: over the size limit, or with no template that fits them."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from httpfault import Config, Conflict, FieldError, HTTPError, RequestInfo
from httpfault._answers import MAX_ANSWER_SIZE, answer
from httpfault._body import cache_key, facts
from httpfault._render import render_with_id
from httpfault._template import _RID as STAND_IN
from httpfault._template import Template, make_template

REQUEST = RequestInfo("GET", "/orders/7", {"X-Request-ID": "r-1"})


class Counted(Conflict):
    """A conflict that counts how often its title is read: once per reading of the error."""

    reads = 0

    @property
    def title(self) -> str:  # type: ignore[override]
        Counted.reads += 1
        return "Conflict"


def _large() -> HTTPError:
    """An answer of about 6 KB whose key is short (many short field errors)."""
    return Counted("x", errors=[FieldError(f"f{n}", "m", code="c") for n in range(100)])


def _with_stand_in() -> HTTPError:
    """An answer holding the request id's stand-in text: no template can tell it apart."""
    return Counted(f"Unknown {STAND_IN}")


def _kept(config: Config) -> list[Template]:
    assert config._cache is not None
    return [v for v in config._cache.values() if isinstance(v, Template)]


@pytest.mark.parametrize("make", [_large, _with_stand_in], ids=["large", "stand-in"])
def test_an_answer_not_kept_is_rendered_each_time_and_tried_once(
    make: Callable[[], HTTPError],
) -> None:
    """An answer too large to keep, or one no template fits, is rendered afresh for each
    request (its own id in it), is never kept, and is tried for keeping once: every later
    request reads the error once, as an answer with no key does."""
    config = Config()
    reads = []
    for n in range(6):
        rid = f"r-{n}"
        Counted.reads = 0
        got = answer(make(), config, REQUEST, rid, language=None)
        reads.append(Counted.reads)
        assert got == render_with_id(make(), config.replace(cache_bytes=0), REQUEST, rid)
    assert _kept(config) == []
    assert reads[0] == 1
    assert reads[2:] == [1, 1, 1, 1]
    assert config._cache is not None
    assert len(config._cache) == 1


def _sized(fields: int, detail: int) -> HTTPError:
    """An error of *fields* short field errors and a detail of *detail* characters."""
    return Conflict("y" * detail, errors=[FieldError(f"f{n}", "m") for n in range(fields)])


def _size(error: HTTPError) -> int:
    template = make_template(error, Config(), REQUEST, "r-1")
    assert template is not None
    return template.size


def test_an_answer_of_exactly_the_limit_is_kept() -> None:
    """An answer of exactly ``MAX_ANSWER_SIZE`` bytes is kept; one byte more is not."""
    fields = 0
    while _size(_sized(fields + 1, 0)) <= MAX_ANSWER_SIZE:
        fields += 1
    detail = MAX_ANSWER_SIZE - _size(_sized(fields, 0))
    for extra, kept in ((0, 1), (1, 0)):
        error = _sized(fields, detail + extra)
        assert _size(error) == MAX_ANSWER_SIZE + extra
        assert cache_key(facts(error)) is not None  # a key: only the size decides
        config = Config()
        for _ in range(3):
            answer(_sized(fields, detail + extra), config, REQUEST, "r-1", language=None)
        assert len(_kept(config)) == kept


def test_an_error_that_cannot_be_rendered_logs_its_fallback_each_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An error with a key but a status that is not an error status is answered with the
    minimal body for every request, first or repeated, and each answer logs the fallback
    naming the error and the reason."""
    error = Conflict("Taken")
    error.status = 299
    config = Config()
    assert cache_key(facts(error)) is not None
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        for n in range(4):
            rendered = answer(error, config, REQUEST, f"r-{n}", language=None)
            assert rendered.status == 500
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [f"could not render {error!r}; sent a minimal body instead"] * 4
    assert [str(r.exc_info[1]) for r in caplog.records if r.exc_info] == [
        "Conflict.status 299 is not a 4xx/5xx"
    ] * 4
