"""``Allow`` on a 405 is truthful in every adapter, with a path served by two routes."""

from __future__ import annotations

import pytest

from .adapters import FRAMEWORKS, sender

STANDARD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


# Declared: the conformance apps of the adapters added in this release (Litestar, Ninja,
# aiohttp, Sanic, Quart, Falcon) do not carry the split routes yet; their own test folders
# check Allow on their routing 405s.
SPLIT_ROUTES = tuple(
    f for f in FRAMEWORKS if f in ("starlette", "fastapi", "flask", "django", "drf")
)


@pytest.mark.parametrize("config_name", ["json", "problem"])
@pytest.mark.parametrize("framework", SPLIT_ROUTES)
def test_allow_lists_exactly_the_methods_the_path_answers(framework: str, config_name: str) -> None:
    """``GET /c/split/{id}`` and ``DELETE /c/split/{id}``: ``PUT`` is a 405 whose ``Allow``
    names GET and DELETE; a listed method never gets a 405, an unlisted one always does."""
    send = sender(framework, config_name)
    refused = send("PUT", "/c/split/1", {"X-Request-ID": "allow-1"}, None)
    assert refused.status == 405
    allow = {m.strip() for m in (refused.header("Allow") or "").split(",") if m.strip()}
    assert {"GET", "DELETE"} <= allow, allow
    for method in STANDARD:
        status = send(method, "/c/split/1", {}, None).status
        if method in allow:
            assert status != 405, (method, allow)
        else:
            assert status == 405, (method, allow)
