"""Each example, served for real: its document validates and every error answer matches it."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from .conftest import Served
from .helpers import JSON, PROBLEM, check, media

pytestmark = pytest.mark.server


def test_document_validates(served: Served) -> None:
    """The served document is valid OpenAPI (3.1, or 3.0 where the framework offers it)."""
    validate(served.document)
    assert served.document["openapi"].startswith(("3.1", "3.0"))


def test_every_recorded_answer_matches_its_schema(served: Served) -> None:
    """Each error answer validates against its operation's schema for status and media type."""
    statuses = {a.status for a in served.answers}
    assert {400, 404, 409, 422} <= statuses, statuses
    assert {media(a.content_type) for a in served.answers} == {JSON, PROBLEM}
    for answer in served.answers:
        check(served.document, answer)


def test_every_429_documents_the_rate_limit_headers(served: Served) -> None:
    """Each documented 429 has Retry-After, RateLimit-Policy and RateLimit."""
    from tests.openapi_headers import assert_rate_limit_headers

    limited = [operation["responses"]["429"]
               for item in served.document["paths"].values() for operation in item.values()
               if isinstance(operation, dict) and "429" in operation.get("responses", {})]  # fmt: skip
    if not limited:
        pytest.skip(f"the {served.example.name} example documents no 429")
    for response in limited:
        assert_rate_limit_headers(served.document, response)
