"""Answers reused: the same error again costs a cache lookup and a splice.

The same errors come back again and again (a required field left out, ``NotFound("No
such user")``). An answer is rendered once as a :class:`~httpfault._template.Template`
and each later request's id (and, in the problem format, its path) is spliced into the
bytes: byte for byte what rendering afresh gives. The key is
:func:`httpfault._body.cache_key` of the error, which :mod:`httpfault._body` derives from
the same facts it builds the body from, plus what the request changes in the body: the
negotiated format, whether there is a request id, whether there is a path, whether
there is a trace id, and the negotiated language. An answer is kept the second time its
key is seen, so errors that never repeat cost no more than rendering them. Kept in the
config's :class:`~httpfault._cache.AnswerCache`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._body import Facts, cache_key, facts
from ._cache import AnswerCache
from ._config import Config
from ._errors import HTTPError
from ._render import Rendered, render_facts, wants_problem
from ._request import RequestInfo
from ._template import Template, make_template

__all__ = ["ENTRY_OVERHEAD", "MAX_ANSWER_SIZE", "answer", "answer_keyed"]

MAX_ANSWER_SIZE = 4096
"""Larger answers are rendered each time, not kept."""
ENTRY_OVERHEAD = 512
"""Bytes counted for each entry besides its body and key: the key's tuples, the dict slot."""

_SEEN = object()
"""A key seen once: its answer is kept if it comes again."""
_NEVER = object()
"""A key whose answer is not kept: too large, or it does not render."""


def answer(
    error: HTTPError,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    trace_id: str | None = None,
    *,
    language: str | None,
) -> Rendered:
    """The response to *error* for *request*: kept, or rendered (and kept if it repeats).

    *trace_id* is the body's ``trace_id`` member (``None``: none); *language* the
    answer's (:func:`~httpfault._render.request_facts` gives both).
    """
    f = facts(error)
    cache = config._cache
    if cache is None or request is None:
        return render_facts(
            error, f, config, request, request_id, trace_id=trace_id, language=language
        )
    found = cache_key(f)
    if found is None:
        return render_facts(
            error, f, config, request, request_id, trace_id=trace_id, language=language
        )
    key, size = found
    return _through(
        cache, key, size, error=error, f=f, config=config, request=request,
        request_id=request_id, trace_id=trace_id, language=language,
    )  # fmt: skip


def answer_keyed(
    key: Any,
    size: int,
    make_error: Callable[[], HTTPError],
    *,
    config: Config,
    request: RequestInfo,
    request_id: str | None,
    trace_id: str | None = None,
    language: str | None,
) -> Rendered | None:
    """The kept answer of an error known by *key* before it is made; ``None`` if not kept.

    For converters that can tell two errors apart more cheaply than by making them
    (FastAPI's validation errors, by the shape of their details). The error that
    :func:`_through` renders is *make_error*'s, and it must be a function of *key* alone.
    """
    cache = config._cache
    if cache is None:
        return None
    full = _full_key(("keyed", key), config, request, request_id, trace_id, language=language)
    found = cache.get(full)
    if found.__class__ is Template:
        return found.fill(request, request_id, trace_id)
    error = make_error()
    return _through(
        cache, full, size, error=error, f=facts(error), config=config, request=request,
        request_id=request_id, complete=True, trace_id=trace_id, language=language,
    )  # fmt: skip


def _full_key(
    key: Any,
    config: Config,
    request: RequestInfo,
    request_id: str | None,
    trace_id: str | None,
    *,
    language: str | None,
) -> tuple[Any, ...]:
    """*key* with what the request changes in the body: the format, whether an id, a path,
    a trace id, and the language (``None`` where the config offers English only)."""
    problem = config.format == "problem" or (
        config.format == "auto" and wants_problem(config, request)
    )
    return (key, problem, request_id is None, not request.path, trace_id is None, language)


def _through(
    cache: AnswerCache,
    key: Any,
    size: int,
    *,
    error: HTTPError,
    f: Facts,
    config: Config,
    request: RequestInfo,
    request_id: str | None,
    complete: bool = False,
    trace_id: str | None = None,
    language: str | None,
) -> Rendered:
    # *complete*: the key already holds the request's part.
    if not complete:
        key = _full_key(key, config, request, request_id, trace_id, language=language)
    state = cache.get(key)
    if state.__class__ is Template:
        return state.fill(request, request_id, trace_id)
    cost = size + ENTRY_OVERHEAD
    if state is None:
        cache.put(key, _SEEN, cost)
    elif state is _SEEN and request.path:
        template = make_template(error, config, request, request_id, trace_id)
        if template is None or template.size > MAX_ANSWER_SIZE:
            cache.put(key, _NEVER, cost)  # each request renders (and logs a fallback) itself
        else:
            cache.put(key, template, cost + template.size)
            return template.fill(request, request_id, trace_id)
    return render_facts(error, f, config, request, request_id, trace_id=trace_id, language=language)
