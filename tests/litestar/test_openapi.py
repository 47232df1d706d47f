"""Litestar's OpenAPI document shows the contract's error responses."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from litestar import Litestar, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.params import Body, Parameter
from litestar.testing import TestClient
from openapi_spec_validator import validate
from pydantic import BaseModel

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.litestar import HTTPFaultPlugin, raises
from tests.openapi.helpers import JSON, PROBLEM, Answer, check
from tests.openapi_headers import assert_rate_limit_headers

REF = "#/components/schemas/"


class EmailTaken(Conflict):
    """A custom 409 problem type with a typed member."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    email: str


class Payload(BaseModel):
    name: str


def _deny(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    raise NotAuthorizedException()


@post("/things", raises=[EmailTaken, Conflict])
async def create(data: Annotated[Payload, Body()]) -> Payload:
    if data.name == "taken":
        raise EmailTaken("taken", email="a@example.com")
    return data


@get("/things/{thing_id:int}", raises=raises(NotFound))
async def read(thing_id: Annotated[int, Parameter(gt=0)]) -> Payload:
    raise NotFound(f"No thing {thing_id}")


@get("/native", raises=[NotFoundException])
async def native() -> None:
    raise NotFoundException()


@get("/limited", raises=raises(TooManyRequests))
async def limited() -> None:
    raise TooManyRequests(retry_after=3)


@get("/guarded", guards=[_deny])
async def guarded() -> None: ...


@get("/plain")
async def plain() -> dict[str, str]:
    return {}


@post("/own", responses={409: ResponseSpec(data_container=Payload, description="Mine")},
      raises=raises(EmailTaken))  # fmt: skip
async def own() -> None: ...


HANDLERS = [create, read, native, limited, guarded, plain, own]


def _app(fmt: str = "json", openapi_config: OpenAPIConfig | None = None) -> Litestar:
    kwargs: dict[str, Any] = {} if openapi_config is None else {"openapi_config": openapi_config}
    return Litestar(HANDLERS, plugins=[HTTPFaultPlugin(Config(format=fmt))],  # type: ignore[arg-type]
                    **kwargs)  # fmt: skip


def _document(app: Litestar, path: str = "/schema/openapi.json") -> dict[str, Any]:
    with TestClient(app) as client:
        response = client.get(path)
        assert response.status_code == 200
        document: dict[str, Any] = response.json()
    return document


def _codes(document: dict[str, Any], path: str, method: str = "get") -> set[str]:
    return set(document["paths"][path][method]["responses"])


@pytest.mark.parametrize("fmt", ["json", "problem", "auto"])
def test_document_validates_in_every_format(fmt: str) -> None:
    """The document is valid OpenAPI; every error response has the format's media types."""
    document = _document(_app(fmt))
    validate(document)
    wanted = {"json": {JSON}, "problem": {PROBLEM}, "auto": {JSON, PROBLEM}}[fmt]
    for path, item in document["paths"].items():
        for operation in item.values():
            for code, response in operation["responses"].items():
                if int(code) >= 400 and (path, code) != ("/own", "409"):  # the route's own
                    assert set(response["content"]) == wanted, (path, code)


def test_errors_per_operation() -> None:
    """Declared errors, then body 400/415/422, parameters 422, guards 401/403, 500 always."""
    document = _document(_app())
    assert _codes(document, "/things", "post") == {"201", "400", "409", "415", "422", "500"}
    assert _codes(document, "/things/{thing_id}") == {"200", "404", "422", "500"}
    assert _codes(document, "/native") == {"200", "404", "500"}
    assert _codes(document, "/limited") == {"200", "429", "500"}
    assert _codes(document, "/guarded") == {"200", "401", "403", "500"}
    assert _codes(document, "/plain") == {"200", "500"}


def test_litestar_error_schema_replaced_by_the_contract() -> None:
    """No Litestar ``status_code``/``detail`` error schema is left; refs are components."""
    document = _document(_app())
    assert '"status_code"' not in repr(document).replace("'", '"')
    schemas = document["components"]["schemas"]
    assert {"HTTPFaultError", "HTTPFaultFieldError", "EmailTakenError", "NotFoundError",
            "UnprocessableContentError", "InternalServerErrorError"} <= set(schemas)  # fmt: skip
    read_404 = document["paths"]["/things/{thing_id}"]["get"]["responses"]["404"]
    assert read_404["content"][JSON]["schema"] == {"$ref": REF + "NotFoundError"}
    native_404 = document["paths"]["/native"]["get"]["responses"]["404"]
    assert native_404["content"][JSON]["schema"] == {"$ref": REF + "NotFoundError"}


def test_classes_of_one_status_are_one_of_with_members() -> None:
    """``raises=[EmailTaken, Conflict]``: a oneOf of both; the typed member is in the schema."""
    document = _document(_app("problem"))
    schema = document["paths"]["/things"]["post"]["responses"]["409"]["content"][PROBLEM]["schema"]
    assert schema["oneOf"] == [{"$ref": REF + "EmailTakenProblem"},
                               {"$ref": REF + "ConflictProblem"}]  # fmt: skip
    member = document["components"]["schemas"]["EmailTakenProblem"]["allOf"][1]
    assert member["properties"]["email"] == {"type": "string"}
    assert "email" in member["required"]


def test_route_own_response_kept() -> None:
    """A 409 the route declares itself in ``responses=`` stays the route's."""
    document = _document(_app())
    answer = document["paths"]["/own"]["post"]["responses"]["409"]
    assert answer["description"] == "Mine"
    assert "HTTPFault" not in repr(answer)


def test_rate_limit_headers_on_429() -> None:
    """The 429 documents Retry-After, RateLimit-Policy and RateLimit; the document validates."""
    document = _document(_app("auto"))
    validate(document)
    assert_rate_limit_headers(document, document["paths"]["/limited"]["get"]["responses"]["429"])


def test_answers_match_their_schemas() -> None:
    """What the app answers validates against the schema the document gives it."""
    app = _app("auto")
    document = _document(app)
    cases = [("POST", "/things", "/things", b'{"name": "taken"}'),
             ("POST", "/things", "/things", b'{"name": '),
             ("POST", "/things", "/things", b"{}"),
             ("GET", "/things/5", "/things/{thing_id}", None),
             ("GET", "/things/0", "/things/{thing_id}", None),
             ("GET", "/native", "/native", None),
             ("GET", "/limited", "/limited", None),
             ("GET", "/guarded", "/guarded", None)]  # fmt: skip
    seen = set()
    with TestClient(app) as client:
        for accept in (JSON, PROBLEM):
            for method, url, template, body in cases:
                headers = {"Accept": accept, "Content-Type": JSON}
                response = client.request(method, url, content=body, headers=headers)
                assert response.status_code >= 400
                seen.add(response.status_code)
                check(document, Answer(template, method, response.status_code,
                                       response.headers["content-type"], response.headers,
                                       response.json()))  # fmt: skip
    assert seen == {400, 401, 404, 409, 422, 429}


def test_every_render_plugin_serves_the_errors_and_config_is_not_shared() -> None:
    """With only Swagger configured the JSON document is still served with the errors;
    the OpenAPI config given to the app is left as it was (another app may share it)."""
    openapi_config = OpenAPIConfig(title="t", version="1", render_plugins=[SwaggerRenderPlugin()])
    app = _app(openapi_config=openapi_config)
    document = _document(app)
    validate(document)
    assert "500" in document["paths"]["/plain"]["get"]["responses"]
    assert [type(p) for p in openapi_config.render_plugins] == [SwaggerRenderPlugin]
    with TestClient(app) as client:
        assert client.get("/schema/swagger").status_code == 200
        assert client.get("/schema").status_code == 200
    bare = Litestar([plain], openapi_config=openapi_config)
    assert "500" not in _document(bare)["paths"]["/plain"]["get"]["responses"]


def test_document_augmented_once() -> None:
    """Serving the document twice gives the same document (augmented once)."""
    app = _app()
    with TestClient(app) as client:
        first = client.get("/schema/openapi.json").json()
        second = client.get("/schema/openapi.json").json()
    assert first == second


def test_app_without_openapi() -> None:
    """With ``openapi_config=None`` the app runs and answers errors as before."""
    app = Litestar(HANDLERS, openapi_config=None, plugins=[HTTPFaultPlugin()])
    with TestClient(app) as client:
        assert client.get("/schema/openapi.json").status_code == 404
        assert client.get("/things/5").json()["error"]["code"] == "not_found"


def test_raises_helper() -> None:
    """``raises()`` gives one Litestar stand-in per class, made once; non-classes refused."""
    first, second = raises(NotFound, EmailTaken)
    assert (first.status_code, second.status_code) == (404, 409)
    assert raises(NotFound)[0] is first
    assert first.__name__ == "NotFound"
    with pytest.raises(TypeError, match="HTTPError classes"):
        raises(NotFoundException)  # type: ignore[arg-type]


def test_unregistered_statuses_left_out() -> None:
    """A Litestar exception of no registered status is not documented as an httpfault
    class; the document still validates."""
    from litestar.exceptions import HTTPException

    class ClientClosed(HTTPException):
        status_code = 499

    @get("/odd", raises=[ClientClosed])
    async def odd() -> None: ...

    document = _document(Litestar([odd], plugins=[HTTPFaultPlugin()]))
    validate(document)
    assert _codes(document, "/odd") == {"200", "500"}
