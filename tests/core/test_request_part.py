"""What a request adds to a kept answer's key: its own trace id, language and format are
never another request's, and what a stand-in fills in (the path, the ids) does not split
the key."""

from __future__ import annotations

import json

import pytest

from httpfault import Config, Conflict, NotFound, RequestInfo
from httpfault._handling import handle
from httpfault._template import Template

TRACES = ("4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c")
CONFIGS = [
    Config(),
    Config(format="problem"),
    Config(trace_id=False),
    Config(request_id_from_trace=True),
    Config(request_id_header=None),
]


def _request(trace: str | None, rid: str | None = "r-1", path: str = "/things/1") -> RequestInfo:
    headers = {} if rid is None else {"X-Request-ID": rid}
    if trace is not None:
        headers["traceparent"] = f"00-{trace}-00f067aa0ba902b7-01"
    return RequestInfo("GET", path, headers)


REQUESTS = [
    _request(TRACES[0]),
    _request(TRACES[1], rid="r-2", path="/other"),
    _request(None),
    _request(TRACES[0], rid=None),
    _request("not-a-trace-id-at-all"),
]


@pytest.mark.parametrize("config", CONFIGS)
def test_kept_answers_carry_each_requests_trace_id(config: Config) -> None:
    """Requests with and without a trace id, in turn, each answered three times (rendered,
    kept, reused), get the bytes an uncached config gives: the body's ``trace_id`` is the
    request's own, or absent where the request has none or the config leaves it out."""
    config = config.replace(request_id_factory=None)  # ids only from the requests
    for make in (lambda: NotFound("No such thing"), lambda: Conflict("Taken", user_id=1)):
        for attempt in range(3):
            for request in REQUESTS:
                got = handle(make(), config, request)
                want = handle(make(), config.replace(cache_bytes=0), request)
                assert got == want, (attempt, request)


def test_the_trace_id_member_follows_the_request() -> None:
    """Once an answer is kept, a request with another trace id gets its own in the body,
    and one without a trace id gets none."""
    config = Config()
    for trace in (TRACES[0], TRACES[0], TRACES[1]):
        body = json.loads(handle(NotFound(), config, _request(trace)).body)
        assert body["error"]["trace_id"] == trace
    body = json.loads(handle(NotFound(), config, _request(None)).body)
    assert "trace_id" not in body["error"]


def _kept(config: Config) -> list[Template]:
    assert config._cache is not None
    return [v for v in config._cache.values() if isinstance(v, Template)]


def test_one_kept_answer_serves_every_path_of_a_language() -> None:
    """With several languages offered, requests on any path in one language share one kept
    answer (the path is a stand-in), and another language gets its own, in its words."""
    config = Config(languages=("en", "de"))
    paths = [f"/things/{n}" for n in range(6)]
    for n, path in enumerate(paths):
        request = RequestInfo("GET", path, {"X-Request-ID": f"r-{n}", "Accept-Language": "de"})
        got = handle(NotFound(), config, request)
        assert got == handle(NotFound(), config.replace(cache_bytes=0), request)
    assert len(_kept(config)) == 1
    for n, path in enumerate(paths):
        request = RequestInfo("GET", path, {"X-Request-ID": f"r-{n}", "Accept-Language": "en"})
        got = handle(NotFound(), config, request)
        assert got == handle(NotFound(), config.replace(cache_bytes=0), request)
    assert len(_kept(config)) == 2


@pytest.mark.parametrize(
    ("config", "error"),
    [
        (Config(cache_bytes=0), NotFound("No such thing")),
        (Config(), NotFound("x" * 300)),  # a detail too long for a key: never kept
    ],
    ids=["no-cache", "no-key"],
)
def test_an_answer_never_kept_carries_the_trace_id_too(config: Config, error: NotFound) -> None:
    """Without a cache, or for an error with no key, each answer still has the request's
    ``trace_id`` member."""
    for trace in (TRACES[0], TRACES[1], TRACES[0]):
        body = json.loads(handle(error, config, _request(trace)).body)
        assert body["error"]["trace_id"] == trace


def test_the_language_an_adapter_gives_is_kept_apart() -> None:
    """Requests whose language the framework decided (``RequestInfo.language``, with no
    ``Accept-Language``) are answered in that language, first time or reused."""
    config = Config(languages=("de", "fr"))
    for attempt in range(3):
        for n, language in enumerate(("de", "fr", "en", "de")):
            request = RequestInfo("GET", f"/x/{n}", {"X-Request-ID": f"r-{n}"}, language)
            got = handle(NotFound(), config, request)
            assert got == handle(NotFound(), config.replace(cache_bytes=0), request), attempt
            assert ("Content-Language", language) in got.headers
