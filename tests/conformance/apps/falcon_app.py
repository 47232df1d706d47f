"""The conformance routes on Falcon (``App`` and ``asgi.App``), with
``httpfault.adapters.falcon.install``.

Falcon answers HEAD only where a resource has ``on_head``: the resources whose errors the
HEAD scenarios ask for have one, as an API's would.
"""

from __future__ import annotations

from typing import Any, NoReturn

import falcon
import falcon.asgi

from httpfault import Config
from httpfault.adapters.falcon import install

from . import common

OWN = {
    "forbidden": falcon.HTTPForbidden,
    "not-found": falcon.HTTPNotFound,
}


def _raise_in_middleware(req: Any) -> None:
    name = req.get_header(common.RAISE_HEADER)
    if name:
        raise common.build(name)


class RaiseInMiddleware:
    """Falcon middleware raising what the request's ``X-Raise-In-Middleware`` names."""

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        _raise_in_middleware(req)


class AsyncRaiseInMiddleware:
    """The same, for ``falcon.asgi.App``."""

    async def process_request(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        _raise_in_middleware(req)


class Raise:
    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> NoReturn:
        raise common.build(name)

    on_head = on_get


class Stash:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> NoReturn:
        raise common.stashed(req.get_header("X-Request-ID"))


class Own:
    def on_get(self, req: falcon.Request, resp: falcon.Response, what: str) -> NoReturn:
        raise OWN[what]()


class Ok:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"ok": True}


class Validate:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = common.Signup.model_validate(req.get_media()).model_dump()


class AsyncRaise:
    async def on_get(self, req: Any, resp: Any, name: str) -> NoReturn:
        raise common.build(name)

    on_head = on_get


class AsyncStash:
    async def on_get(self, req: Any, resp: Any) -> NoReturn:
        raise common.stashed(req.get_header("X-Request-ID"))


class AsyncOwn:
    async def on_get(self, req: Any, resp: Any, what: str) -> NoReturn:
        raise OWN[what]()


class AsyncOk:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {"ok": True}


class AsyncValidate:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = common.Signup.model_validate(await req.get_media()).model_dump()


def _routes(app: Any, resources: tuple[Any, ...]) -> None:
    raise_, stash, own, ok, validate = resources
    app.add_route("/c/raise/{name}", raise_)
    app.add_route("/c/stash", stash)
    app.add_route("/c/own/{what}", own)
    app.add_route("/c/only-get", ok)
    app.add_route("/c/ok", ok)
    app.add_route("/c/validate", validate)


def make_wsgi(config: Config) -> falcon.App[Any, Any]:
    """A ``falcon.App`` with the conformance routes and httpfault installed with *config*."""
    app = falcon.App(middleware=[RaiseInMiddleware()])
    install(app, config)
    _routes(app, (Raise(), Stash(), Own(), Ok(), Validate()))
    return app


def make_asgi(config: Config) -> falcon.asgi.App:
    """A ``falcon.asgi.App`` with the conformance routes and httpfault installed."""
    app = falcon.asgi.App(middleware=[AsyncRaiseInMiddleware()])
    install(app, config)
    _routes(app, (AsyncRaise(), AsyncStash(), AsyncOwn(), AsyncOk(), AsyncValidate()))
    return app
