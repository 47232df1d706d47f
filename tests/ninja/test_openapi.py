"""Django Ninja's OpenAPI document shows the error responses the adapter answers."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path
from ninja import NinjaAPI, Router, Schema
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle
from openapi_spec_validator import validate

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.ninja import install, responses
from tests.openapi.helpers import JSON, PROBLEM, Answer, check
from tests.openapi_headers import assert_rate_limit_headers

REF = "#/components/schemas/"


class EmailTaken(Conflict):
    """A custom 409 problem type with a typed member."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    email: str


class Payload(Schema):
    name: str


class Message(Schema):
    message: str


class Token(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token if token == "right" else None


def _api(namespace: str, config: Config | None = None) -> NinjaAPI:
    api = NinjaAPI(urls_namespace=namespace)
    install(api, config)

    @api.post("/things", response={201: Payload},
              openapi_extra={"responses": responses(EmailTaken, Conflict)})  # fmt: skip
    def create(request: HttpRequest, payload: Payload) -> tuple[int, Payload]:
        if payload.name == "taken":
            raise EmailTaken("taken", email="a@example.com")
        return 201, payload

    @api.get("/things/{thing_id}", response={200: Payload, 404: Message})
    def read(request: HttpRequest, thing_id: int) -> NoReturn:
        raise NotFound(f"No thing {thing_id}")

    @api.get("/search", throttle=[AnonRateThrottle("1/10s")])
    def search(request: HttpRequest, q: str) -> list[str]:
        return []

    @api.get("/plain")
    def plain(request: HttpRequest) -> dict[str, str]:
        return {}

    guarded = Router(auth=Token())

    @guarded.get("/secret")
    def secret(request: HttpRequest) -> dict[str, str]:
        return {}

    api.add_router("/guarded", guarded)
    return api


SETTINGS_API = _api("oapi-settings")
JSON_API = _api("oapi-json", Config(format="json"))
PROBLEM_API = _api("oapi-problem", Config(format="problem"))
AUTO_API = _api("oapi-auto", Config(format="auto"))
APIS = {"json": JSON_API, "problem": PROBLEM_API, "auto": AUTO_API}
urlpatterns = [path(f"{name}/", api.urls) for name, api in
               {"settings": SETTINGS_API, **APIS}.items()]  # fmt: skip


@pytest.fixture(autouse=True)
def _urls() -> Any:
    with override_settings(ROOT_URLCONF=__name__):
        yield


def _document(name: str) -> dict[str, Any]:
    response = Client().get(f"/{name}/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _codes(document: dict[str, Any], path: str, method: str = "get") -> set[str]:
    return set(document["paths"][path][method]["responses"])


@pytest.mark.parametrize("fmt", ["json", "problem", "auto"])
def test_document_validates_in_every_format(fmt: str) -> None:
    """The served document is valid; httpfault's responses have the format's media types."""
    document = _document(fmt)
    validate(document)
    wanted = {"json": {JSON}, "problem": {PROBLEM}, "auto": {JSON, PROBLEM}}[fmt]
    for path_, item in document["paths"].items():
        for operation in item.values():
            for code, response in operation["responses"].items():
                if int(code) >= 400 and (path_, code) != (f"/{fmt}/things/{{thing_id}}", "404"):
                    assert set(response["content"]) == wanted, (path_, code)


def test_errors_per_operation() -> None:
    """Body 400/415/422, query 422, path 404/422, auth 401, throttles 429, 500 everywhere."""
    document = _document("json")
    assert _codes(document, "/json/things", "post") == {"201", "400", "409", "415", "422", "500"}
    assert _codes(document, "/json/things/{thing_id}") == {"200", "404", "422", "500"}
    assert _codes(document, "/json/search") == {"200", "422", "429", "500"}
    assert _codes(document, "/json/plain") == {"200", "500"}
    assert _codes(document, "/json/guarded/secret") == {"200", "401", "500"}
    secret = document["paths"]["/json/guarded/secret"]["get"]["responses"]["401"]
    assert "WWW-Authenticate" in secret["headers"]


def test_declared_errors_one_of_with_members() -> None:
    """``openapi_extra`` responses: a oneOf of both 409 classes; the member is typed."""
    document = _document("problem")
    answer = document["paths"]["/problem/things"]["post"]["responses"]["409"]
    assert answer["content"][PROBLEM]["schema"]["oneOf"] == [
        {"$ref": REF + "EmailTakenProblem"}, {"$ref": REF + "ConflictProblem"}]  # fmt: skip
    assert JSON not in answer["content"]
    member = document["components"]["schemas"]["EmailTakenProblem"]["allOf"][1]
    assert member["properties"]["email"] == {"type": "string"}


def test_route_own_response_kept() -> None:
    """A 404 the operation declares in ``response=`` stays its own schema."""
    document = _document("json")
    answer = document["paths"]["/json/things/{thing_id}"]["get"]["responses"]["404"]
    assert answer["content"][JSON]["schema"] == {"$ref": REF + "Message"}


def test_settings_config_read_when_the_document_is_made() -> None:
    """With no config given, the HTTPFAULT setting's format decides the media types."""
    with override_settings(HTTPFAULT={"FORMAT": "problem"}):
        problem = _document("settings")
    with override_settings(HTTPFAULT={"FORMAT": "json"}):
        json_ = _document("settings")
    for document, media in ((problem, PROBLEM), (json_, JSON)):
        validate(document)
        assert set(document["paths"]["/settings/plain"]["get"]["responses"]["500"]["content"]) == {
            media
        }


def test_rate_limit_headers_on_429() -> None:
    """The throttled operation's 429 documents Retry-After, RateLimit-Policy and RateLimit."""
    document = _document("auto")
    assert_rate_limit_headers(
        document, document["paths"]["/auto/search"]["get"]["responses"]["429"]
    )


def test_answers_match_their_schemas() -> None:
    """What the API answers validates against the schema the document gives it."""
    document = _document("auto")
    cases = [("POST", "/auto/things", "/auto/things", b'{"name": "taken"}', JSON),
             ("POST", "/auto/things", "/auto/things", b'{"name": ', JSON),
             ("POST", "/auto/things", "/auto/things", b"{}", JSON),
             ("POST", "/auto/things", "/auto/things", b"name=x", "text/plain"),
             ("GET", "/auto/things/abc", "/auto/things/{thing_id}", None, ""),
             ("GET", "/auto/search", "/auto/search", None, ""),
             ("GET", "/auto/guarded/secret", "/auto/guarded/secret", None, "")]  # fmt: skip
    seen = set()
    client = Client()
    for accept in (JSON, PROBLEM):
        for method, url, template, body, content_type in cases:
            extra = {"content_type": content_type} if content_type else {}
            response = client.generic(method, url, body or b"", HTTP_ACCEPT=accept, **extra)
            assert response.status_code >= 400
            seen.add(response.status_code)
            check(document, Answer(template, method, response.status_code,
                                   response["Content-Type"], dict(response.headers),
                                   response.json()))  # fmt: skip
    assert seen == {400, 401, 409, 415, 422, 429}  # the throttle counts the 422 too
    for _ in range(2):
        limited = client.get("/auto/search?q=x", HTTP_ACCEPT=PROBLEM)
    assert limited.status_code == TooManyRequests.status
    check(document, Answer("/auto/search", "GET", 429, limited["Content-Type"],
                           dict(limited.headers), limited.json()))  # fmt: skip


def test_install_twice_augments_once() -> None:
    """A second ``install()`` leaves one override; the document stays valid and the same."""
    api = _api("oapi-twice", Config(format="json"))
    install(api, Config(format="json"))
    with override_settings(ROOT_URLCONF=__name__):
        document = api.get_openapi_schema(path_prefix="/")
    validate(document)
    assert set(document["paths"]["/plain"]["get"]["responses"]) == {"200", "500"}
