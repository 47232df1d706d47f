"""The Sanic app the adapter's tests use; ``tests.sanic.apps:app`` for Sanic's server."""

from __future__ import annotations

import itertools
from typing import Any, NoReturn

from pydantic import BaseModel, Field
from sanic import Blueprint, Request, Sanic
from sanic.exceptions import (
    BadRequest,
    Forbidden,
    MethodNotAllowed,
    SanicException,
    ServerError,
    ServiceUnavailable,
    Unauthorized,
)
from sanic.response import HTTPResponse, json, redirect

from httpfault import Config, Conflict, NotFound
from httpfault.adapters.sanic import install, read_json


class EmailTaken(Conflict):
    """A custom problem type."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class User(BaseModel):
    """The body of ``POST /users``."""

    name: str = Field(min_length=1)
    email: str


class DomainError(Exception):
    """Mapped to ``NotFound`` by the app's config."""


class Teapot(SanicException):
    """A SanicException subclass of the application's own, with a status Sanic lacks."""

    status_code = 418
    quiet = True


CONFIG = Config(exception_map={DomainError: NotFound})
_names = itertools.count()


def make_app(config: Config = CONFIG, **settings: Any) -> Sanic:  # type: ignore[type-arg]
    """The test app: routes on the app, in a Blueprint and in a blueprint group."""
    app = Sanic(f"httpfault_tests_{next(_names)}")
    # TOUCHUP (Sanic's start-up rewrite of its own methods, through ast) is for a process
    # that starts one app; the in-process tests start many. The served app keeps it.
    app.config.update({"REQUEST_MAX_SIZE": 1024 * 1024, "TOUCHUP": False, **settings})

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        return json({"ok": True})

    @app.post("/users")
    async def users(request: Request) -> HTTPResponse:
        user = User.model_validate(read_json(request))
        if user.email == "taken@example.com":
            raise EmailTaken("Email already registered", field_name="email")
        return json(user.model_dump(), status=201)

    @app.post("/native-json")
    async def native_json(request: Request) -> HTTPResponse:
        return json(User.model_validate(request.json).model_dump())

    @app.route("/conflict", methods=["GET", "HEAD"])
    async def conflict(request: Request) -> NoReturn:
        raise Conflict("Email already registered")

    @app.get("/sanic-404")
    async def sanic_404(request: Request) -> NoReturn:
        from sanic.exceptions import NotFound as SanicNotFound

        raise SanicNotFound("No such widget")

    @app.get("/unauthorized")
    async def unauthorized(request: Request) -> NoReturn:
        raise Unauthorized("Token expired", scheme="Bearer", realm="api")

    @app.get("/forbidden")
    async def forbidden(request: Request) -> NoReturn:
        raise Forbidden()

    @app.get("/bad-request")
    async def bad_request(request: Request) -> NoReturn:
        raise BadRequest("Missing ?q")

    @app.get("/teapot")
    async def teapot(request: Request) -> NoReturn:
        raise Teapot("Short and stout")

    @app.get("/unavailable")
    async def unavailable(request: Request) -> NoReturn:
        raise ServiceUnavailable("db-3 is down")

    @app.get("/server-error")
    async def server_error(request: Request) -> NoReturn:
        raise ServerError("upstream password hunter2")

    @app.get("/redirect")
    async def go_elsewhere(request: Request) -> HTTPResponse:
        return redirect("/health")

    @app.get("/crash")
    async def crash(request: Request) -> NoReturn:
        raise RuntimeError("database password is hunter2")

    @app.get("/mapped")
    async def mapped(request: Request) -> NoReturn:
        raise DomainError("row 7")

    @app.route("/post-only", methods=["POST", "PUT"])
    async def post_only(request: Request) -> HTTPResponse:
        return json({"ok": True})

    @app.get("/html-route", error_format="html")
    async def html_route(request: Request) -> NoReturn:
        raise Conflict("Email already registered")

    @app.get("/405-raised")
    async def raised_405(request: Request) -> NoReturn:
        raise MethodNotAllowed("nope", "GET", ["POST", "PUT"])

    @app.on_request
    async def refuse_admin(request: Request) -> None:
        if request.path.startswith("/admin"):
            raise Forbidden()
        if request.headers.get("X-Crash-In-Middleware"):
            raise RuntimeError("middleware crash: hunter2")

    bp = Blueprint(f"items_{next(_names)}", url_prefix="/items")

    @bp.get("/<item_id:int>")
    async def item(request: Request, item_id: int) -> NoReturn:
        raise NotFound("No such item")

    @bp.get("/crash")
    async def item_crash(request: Request) -> NoReturn:
        raise RuntimeError("blueprint crash: hunter2")

    inner = Blueprint(f"inner_{next(_names)}", url_prefix="/inner")

    @inner.get("/conflict")
    async def inner_conflict(request: Request) -> NoReturn:
        raise Conflict("In a group")

    app.blueprint(bp)
    app.blueprint(Blueprint.group(inner, url_prefix="/group"))
    install(app, config)
    return app


app = make_app(FALLBACK_ERROR_FORMAT="html", TOUCHUP=True)
"""For Sanic's server: ``sanic tests.sanic.apps:app`` (with Sanic's HTML fallback format)."""


def problem_app() -> Sanic:  # type: ignore[type-arg]
    """For Sanic's server, answering ``application/problem+json`` (``instance`` is the path):
    ``sanic tests.sanic.apps:problem_app --factory``."""
    return make_app(CONFIG.replace(format="problem"), TOUCHUP=True)
