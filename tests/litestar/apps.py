"""Litestar apps with httpfault's plugin: one route per error path the adapter answers."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from litestar import Litestar, Request, get, post
from litestar.config.cors import CORSConfig
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    TooManyRequestsException,
    ValidationException,
)
from litestar.handlers.base import BaseRouteHandler
from litestar.params import Body, Parameter
from litestar.types import ASGIApp, Receive, Scope, Send
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, HTTPError, NotFound, RequestInfo, Unauthorized
from httpfault.adapters.litestar import HTTPFaultPlugin

try:  # Litestar 2.23+ wants dependencies marked; older releases infer them
    from litestar.di import NamedDependency

    Thing: Any = NamedDependency[str]
except ImportError:  # pragma: no cover - older Litestar
    Thing = str

ORIGIN = "https://app.example.com"
SEEN: list[tuple[int, str | None]] = []
"""What the ``on_error`` hook saw: (status, request path)."""


class EmailTaken(Conflict):
    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    age: int
    tags: list[str] = []


class Gone(Exception):
    """A domain exception the config maps to NotFound."""


def hook(error: HTTPError, request: RequestInfo | None) -> None:
    SEEN.append((error.status, request.path if request else None))


async def deny(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    raise Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')


async def broken_dependency() -> str:
    raise Conflict("Dependency refused")


def raising_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] == "/mw-error":
            raise Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')
        if scope["path"] == "/mw-crash":
            raise RuntimeError("middleware secret")
        await app(scope, receive, send)

    return middleware


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/conflict")
async def conflict() -> NoReturn:
    raise Conflict("Email already registered")


@get("/custom")
async def custom() -> NoReturn:
    raise EmailTaken("ada@example.com is taken", field_name="email")


@get("/crash")
async def crash() -> NoReturn:
    raise RuntimeError("secret database password is hunter2")


@get("/mapped")
async def mapped() -> NoReturn:
    raise Gone("row 7")


@get("/guarded", guards=[deny])
async def guarded() -> None:
    return None


@get("/dependency", dependencies={"thing": Provide(broken_dependency)})
async def dependency(thing: Thing) -> str:
    return thing


@get("/mw-error")
async def mw_error() -> None:
    return None


@get("/mw-crash")
async def mw_crash() -> None:
    return None


OWN: dict[str, HTTPException] = {
    "not-found": NotFoundException(),
    "not-found-detail": NotFoundException("No widget 7"),
    "forbidden": PermissionDeniedException("Admins only"),
    "unauthorized": NotAuthorizedException(headers={"WWW-Authenticate": 'Bearer realm="api"'}),
    "throttled": TooManyRequestsException(headers={"Retry-After": "30"}),
    "validation": ValidationException("Check the name", extra=[{"key": "name",
                                      "message": "Too short", "source": "body"}]),
    "teapot": HTTPException(status_code=418),
    "not-modified": HTTPException(status_code=304),
}  # fmt: skip


@get("/own/{what:str}", sync_to_thread=False)
def own(request: Request[Any, Any, Any]) -> NoReturn:
    raise OWN[request.path_params["what"]]


@post("/post-only")
async def post_only() -> None:
    return None


@post("/users")
async def create_user(data: Annotated[UserIn, Body()]) -> dict[str, Any]:
    return data.model_dump()


@get("/query")
async def query(page: Annotated[int, Parameter()]) -> dict[str, int]:
    return {"page": page}


@post("/raw-json")
async def raw_json(request: Request[Any, Any, Any]) -> Any:
    return await request.json()


ROUTES = [health, conflict, custom, crash, mapped, guarded, dependency, mw_error, mw_crash,
          own, post_only, create_user, query, raw_json]  # fmt: skip


def make(config: Config | None = None, **kwargs: Any) -> Litestar:
    """The test app, the plugin installed with *config*."""
    cfg = config or Config(exception_map={Gone: NotFound}, on_error=(hook,))
    return Litestar(
        route_handlers=ROUTES,
        middleware=[raising_middleware],
        cors_config=CORSConfig(allow_origins=[ORIGIN]),
        plugins=[HTTPFaultPlugin(cfg)],
        **kwargs,
    )


app = make()
