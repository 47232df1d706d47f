"""drf-spectacular with httpfault's AutoSchema: every operation documents its errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

JSON = "application/json"
PROBLEM = "application/problem+json"
REST = {
    "EXCEPTION_HANDLER": "httpfault.adapters.drf.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "httpfault.adapters.drf.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},
}


@pytest.fixture(autouse=True)
def _schema_settings() -> Iterator[None]:
    with override_settings(REST_FRAMEWORK=REST, ROOT_URLCONF="tests.drf.schema_views"):
        yield


def _document(version: str = "3.1.0", **httpfault: Any) -> dict[str, Any]:
    with override_settings(SPECTACULAR_SETTINGS={"OAS_VERSION": version}, HTTPFAULT=httpfault):
        document: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return document


def _codes(document: dict[str, Any], path: str, method: str) -> set[str]:
    return set(document["paths"][path][method]["responses"])


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
@pytest.mark.parametrize("fmt", ["json", "problem", "auto"])
def test_document_validates(version: str, fmt: str) -> None:
    """The document is valid in both OpenAPI versions and every format."""
    document = _document(version, FORMAT=fmt)
    validate(document)
    wanted = {"json": {JSON}, "problem": {PROBLEM}, "auto": {JSON, PROBLEM}}[fmt]
    for item in document["paths"].values():
        for operation in item.values():
            assert set(operation["responses"]["500"]["content"]) == wanted


def test_errors_per_operation() -> None:
    """Body: 400/415/422; detail route: 404; auth: 401/403; throttles: 429; 405/406/500."""
    document = _document()
    everywhere = {"405", "406", "500"}
    assert _codes(document, "/things", "post") == {"201", "400", "409", "415", "422"} | everywhere
    assert _codes(document, "/things", "get") == {"200"} | everywhere
    assert _codes(document, "/things/{thing_id}", "get") == {"200", "404"} | everywhere
    assert _codes(document, "/guarded", "get") == {"200", "401", "403", "429"} | everywhere
    assert _codes(document, "/session", "get") == {"200", "403"} | everywhere


def test_headers_and_components() -> None:
    """Challenge, Retry-After and request-id headers; schemas are components."""
    document = _document()
    guarded = document["paths"]["/guarded"]["get"]["responses"]
    assert "WWW-Authenticate" in guarded["401"]["headers"]
    assert "Retry-After" in guarded["429"]["headers"]
    assert all("X-Request-ID" in r["headers"] for c, r in guarded.items() if c >= "400")
    post = document["paths"]["/things"]["post"]["responses"]
    assert post["422"]["content"][JSON]["schema"] == {
        "$ref": "#/components/schemas/UnprocessableContentError"
    }
    schemas = document["components"]["schemas"]
    assert {"HTTPFaultError", "HTTPFaultFieldError", "OutOfStockError"} <= set(schemas)


def test_declared_errors_one_of_with_members() -> None:
    """responses(...) in extend_schema: a oneOf of both 409 types, members typed."""
    document = _document(FORMAT="problem")
    schema = document["paths"]["/things"]["post"]["responses"]["409"]["content"][PROBLEM]["schema"]
    assert schema["oneOf"] == [{"$ref": "#/components/schemas/OutOfStockProblem"},
                               {"$ref": "#/components/schemas/VersionConflictProblem"}]  # fmt: skip
    assert schema["discriminator"]["propertyName"] == "type"
    member = document["components"]["schemas"]["OutOfStockProblem"]["allOf"][1]
    assert member["properties"]["sku"] == {"type": "string"}
    assert "sku" in member["required"]


def test_configured_statuses() -> None:
    """The HTTPFAULT setting's validation and malformed-body statuses are documented."""
    document = _document(VALIDATION_STATUS=400, MALFORMED_BODY_STATUS=400)
    codes = _codes(document, "/things", "post")
    assert "422" not in codes
    assert "400" in codes
    validate(document)


def test_lazy_export() -> None:
    """AutoSchema and responses come from drf.py; unknown names still fail."""
    from httpfault.adapters import drf
    from httpfault.adapters._django.schema import AutoSchema

    assert drf.AutoSchema is AutoSchema
    with pytest.raises(AttributeError):
        drf.NoSuchThing


def test_without_drf_spectacular_the_error_names_the_extra() -> None:
    """Without drf-spectacular, the handler still imports; AutoSchema names the extra."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['drf_spectacular'] = None\n"
        "from tests.django.settings import configure; configure()\n"
        "import httpfault.adapters.drf as drf\n"
        "try:\n    drf.AutoSchema\nexcept ImportError as exc:\n    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "pip install 'httpfault[drf-spectacular]'" in result.stdout


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_rate_limit_headers_on_429(version: str) -> None:
    """A throttled view's 429 documents Retry-After, RateLimit-Policy and RateLimit."""
    from tests.openapi_headers import assert_rate_limit_headers

    document = _document(version)
    validate(document)
    assert_rate_limit_headers(document, document["paths"]["/guarded"]["get"]["responses"]["429"])
