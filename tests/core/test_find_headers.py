"""The request id, ``traceparent`` and ``Accept-Language`` found together, in every kind of
header source."""

from __future__ import annotations

import pytest

from httpfault import Config, RequestInfo
from httpfault._render import request_facts
from tests.core.header_sources import CaseFree

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
VALID = f"00-{TRACE}-00f067aa0ba902b7-01"


SPELLINGS = [
    {"X-Request-Id": "r-1", "TraceParent": VALID, "Accept-Language": "de-CH"},
    {"x-request-id": "r-1", "traceparent": VALID, "accept-language": "de-CH"},
    {"X-REQUEST-ID": "r-1", "TRACEPARENT": VALID, "ACCEPT-LANGUAGE": "de-CH"},
]


@pytest.mark.parametrize("headers", SPELLINGS)
@pytest.mark.parametrize("kind", [dict, CaseFree, lambda h: list(h.items())])
def test_the_headers_are_found_in_any_case(headers: dict[str, str], kind: object) -> None:
    """A plain dict, a mapping that matches any case itself, and a list of pairs all give
    the request id, the trace id and (where languages are offered) the language, whatever
    the case of the names."""
    request = RequestInfo("GET", "/", kind(headers))  # type: ignore[operator]
    assert request_facts(Config(), request, None) == ("r-1", TRACE, None)
    offering = Config(languages=("en", "de"))
    assert request_facts(offering, request, None) == ("r-1", TRACE, "de")
    custom = Config(request_id_header="X-Correlation-ID")
    renamed = {k.replace("Request", "Correlation").replace("REQUEST", "CORRELATION")
               .replace("request", "correlation"): v for k, v in headers.items()}  # fmt: skip
    request = RequestInfo("GET", "/", kind(renamed))  # type: ignore[operator]
    assert request_facts(custom, request, None) == ("r-1", TRACE, None)
