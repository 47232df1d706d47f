"""Checks every framework's OpenAPI tests share: the rate-limit headers of a 429."""

from __future__ import annotations

from typing import Any

from httpfault import RateLimit, TooManyRequests, render
from httpfault._sf import parse_list

RATE_LIMIT_HEADERS = ("Retry-After", "RateLimit-Policy", "RateLimit")


def _resolve(document: dict[str, Any], node: dict[str, Any], kind: str) -> dict[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return node
    prefix = f"#/components/{kind}/"
    assert ref.startswith(prefix), ref
    resolved: dict[str, Any] = document["components"][kind][ref[len(prefix) :]]
    return resolved


def assert_rate_limit_headers(document: dict[str, Any], response: dict[str, Any]) -> None:
    """*response* (a 429 of *document*) documents Retry-After, RateLimit-Policy, RateLimit.

    Each header is an optional string with a description; in a 3.1 document the
    examples of the two Structured Fields parse as Lists, in a 3.0 one there are no
    ``examples`` (3.0 has ``example``). The headers a real 429 with a rate limit sends
    are all documented.
    """
    response = _resolve(document, response, "responses")
    headers = {name.lower(): _resolve(document, h, "headers")
               for name, h in response["headers"].items()}  # fmt: skip
    version_30 = str(document["openapi"]).startswith("3.0")
    for name in RATE_LIMIT_HEADERS:
        header = headers[name.lower()]
        assert header["description"]
        assert not header.get("required", False)
        schema = header["schema"]
        assert schema["type"] == "string"
        if version_30:
            assert "examples" not in schema
            example = schema.get("example")
        else:
            example = schema.get("examples", [None])[0]
        if name != "Retry-After":
            assert isinstance(example, str)
            assert parse_list(example)
    sent = render(
        TooManyRequests(retry_after=5, ratelimit=RateLimit(quota=10, window=60, remaining=0,
                                                           reset=5))
    )  # fmt: skip
    for name, _value in sent.headers:
        if name.lower() != "content-type":
            assert name.lower() in headers, f"{name} is sent but not documented"
