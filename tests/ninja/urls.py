"""Two Ninja APIs for the tests: one on the HTTPFAULT setting, one with its own config."""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.security import HttpBasicAuth
from ninja.throttling import AnonRateThrottle

from httpfault import Config, Conflict, HTTPError, NotFound, RequestInfo
from httpfault.adapters.ninja import install

SEEN: list[tuple[int, str | None]] = []


class Gone(Exception):
    """A domain exception the own-config API maps to NotFound."""


class Teapot(Exception):
    """Answered by a handler the API registered itself."""


def hook(error: HTTPError, request: RequestInfo | None) -> None:
    SEEN.append((error.status, request.path if request else None))


class Basic(HttpBasicAuth):
    def authenticate(self, request: HttpRequest, username: str, password: str) -> str | None:
        return username if password == "right" else None


class Signup(Schema):
    name: str
    age: int


settings_api = NinjaAPI(urls_namespace="ninja-tests-settings")


@settings_api.exception_handler(Teapot)
def teapot(request: HttpRequest, exc: Exception) -> JsonResponse:
    return JsonResponse({"own": "handler"}, status=418)


install(settings_api)
own_api = NinjaAPI(urls_namespace="ninja-tests-own", auth=None)
install(
    own_api,
    Config(format="problem", exception_map={Gone: NotFound}, on_error=(hook,)),
    www_authenticate='Basic realm="tests"',
)


def routes(api: NinjaAPI) -> None:
    @api.get("/conflict")
    def conflict(request: HttpRequest) -> NoReturn:
        raise Conflict("Email already registered")

    @api.get("/http-error")
    def http_error(request: HttpRequest) -> NoReturn:
        raise HttpError(409, "Version clash")

    @api.get("/suspicious")
    def suspicious(request: HttpRequest) -> NoReturn:
        raise SuspiciousOperation("Odd header")

    @api.get("/throttled-by-view/{wait}")
    def throttled_by_view(request: HttpRequest, wait: str) -> NoReturn:
        raise Throttled(wait=None if wait == "none" else float(wait))  # type: ignore[arg-type]

    @api.get("/http-404")
    def http_404(request: HttpRequest) -> NoReturn:
        raise Http404("No row 7 in table users")

    @api.get("/auth-error")
    def auth_error(request: HttpRequest) -> NoReturn:
        raise AuthenticationError()

    @api.get("/basic", auth=Basic())
    def basic(request: HttpRequest) -> dict[str, str]:
        return {"ok": "yes"}

    @api.get("/throttled", throttle=[AnonRateThrottle("1/min")])
    def throttled(request: HttpRequest) -> dict[str, str]:
        return {"ok": "yes"}

    @api.get("/crash")
    def crash(request: HttpRequest) -> NoReturn:
        raise RuntimeError("secret database password is hunter2")

    @api.get("/async-crash")
    async def async_crash(request: HttpRequest) -> NoReturn:
        raise RuntimeError("async secret")

    @api.get("/mapped")
    def mapped(request: HttpRequest) -> NoReturn:
        raise Gone("row 7")

    @api.get("/teapot")
    def teapot_route(request: HttpRequest) -> NoReturn:
        raise Teapot()

    @api.get("/query")
    def query(request: HttpRequest, page: int) -> dict[str, int]:
        return {"page": page}

    @api.post("/signup")
    def signup(request: HttpRequest, body: Signup) -> dict[str, Any]:
        return body.model_dump()


routes(settings_api)
routes(own_api)

urlpatterns = [path("s/", settings_api.urls), path("o/", own_api.urls)]

handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
