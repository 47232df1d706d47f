"""The prose of the status-code catalogue: one record per registered 4xx/5xx status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class StatusText:
    """Human-readable facts about one status code."""

    title: str
    """The RFC 9110 reason phrase."""
    message: str
    """The default sentence sent to clients when an error carries no detail."""
    meaning: str
    """What the status means."""
    use: str
    """Its typical use in a JSON API."""
    fix: str
    """How a client resolves it."""
    retryable: bool
    """Whether the same request, unchanged, may succeed later."""
    required_headers: tuple[str, ...]
    """Response headers the specification requires with this status."""
    recommended_headers: tuple[str, ...]
    """Response headers the specification recommends (SHOULD/MAY) with this status."""


def _load() -> dict[int, StatusText]:
    raw = json.loads(files(__package__).joinpath("_catalog_data.json").read_text("utf-8"))
    texts = {}
    for status, fields in raw.items():
        fields["required_headers"] = tuple(fields["required_headers"])
        fields["recommended_headers"] = tuple(fields["recommended_headers"])
        texts[int(status)] = StatusText(**fields)
    return texts


TEXTS: dict[int, StatusText] = _load()
"""Status -> its prose, read from ``_catalog_data.json`` (data, not code)."""
