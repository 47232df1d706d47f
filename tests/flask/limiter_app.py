"""A Flask app limited by Flask-Limiter, for gunicorn: ``tests.flask.limiter_app:app``."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from httpfault.adapters.flask import HTTPFault

app = Flask("httpfault_limiter_server")
HTTPFault(app)
limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", headers_enabled=True)


@app.get("/health")
@limiter.exempt
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/items")
@limiter.limit("2 per minute")
def items() -> dict[str, bool]:
    return {"ok": True}
