"""A FastAPI app for a real uvicorn server with sentry-sdk initialised in the server process
(default integrations, Starlette's and FastAPI's, logging events at ERROR).

Each event Sentry would send is written as one JSON line to the file named by
``HTTPFAULT_SENTRY_EVENTS`` (never sent anywhere).
"""

from __future__ import annotations

import json
import logging
import os
import threading

import sentry_sdk
from fastapi import FastAPI
from sentry_sdk.envelope import Envelope
from sentry_sdk.integrations.fastapi import FastApiIntegration
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.integrations.starlette import StarletteIntegration
from sentry_sdk.transport import Transport

from httpfault.adapters.fastapi import install

from .apps import boom, conflict

EVENTS_FILE = os.environ["HTTPFAULT_SENTRY_EVENTS"]
_lock = threading.Lock()


class JSONLines(Transport):
    """Appends each error event, as one JSON line, to :data:`EVENTS_FILE`."""

    def capture_envelope(self, envelope: Envelope) -> None:
        for item in envelope.items:
            if item.type == "event" and item.payload.json is not None:
                line = json.dumps(item.payload.json, default=str)
                with _lock, open(EVENTS_FILE, "a", encoding="utf-8") as events:
                    events.write(line + "\n")


sentry_sdk.init(
    dsn="https://key@sentry.invalid/1",
    transport=JSONLines,
    integrations=[
        StarletteIntegration(),
        FastApiIntegration(),
        LoggingIntegration(event_level=logging.ERROR),
    ],
)
logging.getLogger("httpfault").setLevel(logging.INFO)

app = FastAPI()
app.get("/conflict")(conflict)
app.get("/boom")(boom)


@app.get("/health")
def health() -> dict[str, str]:
    """Readiness."""
    return {"status": "ok"}


install(app)
