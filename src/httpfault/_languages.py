"""Accept-Language negotiation (RFC 9110 section 12.5.4, RFC 4647 filtering and lookup).

:func:`negotiate` picks one of the offered language tags for an ``Accept-Language``
header, or ``None`` when the client accepts none of them (the caller then answers in
English). The rules, in order:

- Ranges are taken by descending ``q`` (ties keep the header's order); a range with
  ``q=0`` never picks a language, and excludes every offered tag it is the most specific
  match of (``de;q=0`` excludes ``de`` and ``de-CH``, unless ``de-CH`` is listed itself).
- A range picks the offered tag equal to it, else the first offered tag it is a prefix
  of (basic filtering: ``de`` accepts ``de-CH``), else the longest offered prefix of it
  (lookup: ``de-CH`` falls back to ``de``, ``zh-Hans-CN`` to ``zh-Hans``).
- ``*`` picks the first offered tag not excluded.
- Tags compare case-insensitively; the offered spelling is returned.

Malformed items are skipped, never raise, and only the first :data:`MAX_ITEMS` items of a
header are read, so a hostile header costs bounded work.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MAX_ITEMS", "negotiate", "parse_accept_language"]

MAX_ITEMS = 32
"""The most comma-separated items of one header that are read."""

_MAX_CACHED = 1024
"""Headers longer than this are negotiated without being kept in the cache."""

_RANGE = re.compile(r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?", re.ASCII)


def parse_accept_language(header: str) -> list[tuple[str, float]]:
    """The ``(range, q)`` pairs of *header*, lowercased, by descending q, stable.

    Items that are not a valid language range, or whose weight is not a valid qvalue,
    are skipped; parameters other than ``q`` are ignored.
    """
    ranges: list[tuple[str, float]] = []
    for item in header.split(",", MAX_ITEMS)[:MAX_ITEMS]:
        tag, *params = item.split(";")
        tag = tag.strip(" \t")
        if not _RANGE.fullmatch(tag):
            continue
        quality: float | None = 1.0
        for param in params:
            name, eq, value = param.strip(" \t").partition("=")
            if eq and name.lower() == "q":
                quality = float(value) if _QVALUE.fullmatch(value) else None
                break
        if quality is not None:
            ranges.append((tag.lower(), quality))
    ranges.sort(key=lambda pair: -pair[1])
    return ranges


def negotiate(accept_language: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered tag that best answers *accept_language*, or ``None``.

    ``None`` also for no header, an empty or malformed one, and no offered tags.
    """
    if not accept_language or not offered:
        return None
    if len(accept_language) > _MAX_CACHED:
        return _negotiate(accept_language, offered)
    return _cached(accept_language, offered)


@lru_cache(maxsize=256)
def _cached(accept_language: str, offered: tuple[str, ...]) -> str | None:
    return _negotiate(accept_language, offered)


def _negotiate(accept_language: str, offered: tuple[str, ...]) -> str | None:
    ranges = parse_accept_language(accept_language)
    if not ranges:
        return None
    lowered = [tag.lower() for tag in offered]
    excluded = {tag for tag in lowered if _quality(tag, ranges) == 0.0}
    for language_range, quality in ranges:
        if quality == 0.0:
            break  # sorted: every range left has q=0
        found = _pick(language_range, lowered, excluded)
        if found is not None:
            return offered[found]
    return None


def _quality(tag: str, ranges: list[tuple[str, float]]) -> float | None:
    """The q of the most specific range matching *tag* by basic filtering, if any."""
    best_length, best_q = -1, None
    for language_range, quality in ranges:
        if language_range == "*":
            length = 0
        elif tag == language_range or tag.startswith(language_range + "-"):
            length = len(language_range)
        else:
            continue
        if length > best_length:
            best_length, best_q = length, quality
    return best_q


def _pick(language_range: str, offered: list[str], excluded: set[str]) -> int | None:
    """The index of the offered tag *language_range* picks (see the module docstring)."""
    allowed = [(index, tag) for index, tag in enumerate(offered) if tag not in excluded]
    if language_range == "*":
        return allowed[0][0] if allowed else None
    for index, tag in allowed:
        if tag == language_range:
            return index
    for index, tag in allowed:
        if tag.startswith(language_range + "-"):
            return index
    subtags = language_range.split("-")
    while len(subtags) > 1:
        subtags.pop()
        if len(subtags[-1]) == 1 and len(subtags) > 1:
            subtags.pop()  # a singleton (``x``, ``u``) never ends a lookup tag
        prefix = "-".join(subtags)
        for index, tag in allowed:
            if tag == prefix:
                return index
    return None
