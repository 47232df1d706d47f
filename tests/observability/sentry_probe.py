"""Run in a process of its own: sentry-sdk initialised for one adapter, events captured.

``python -m tests.observability.sentry_probe <adapter>`` prints, as JSON, what Sentry
received for each case: a 4xx and a 5xx with sentry-sdk's default integrations plus the
framework's own, the same with ``LoggingIntegration(event_level=logging.ERROR)``, a 4xx
the application reports itself (an ``on_error`` hook), a 4xx and a 5xx without the
framework's integration, and a transport that fails.
Sentry patches frameworks process-wide when initialised, hence the process of its own.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import sys
from typing import Any

import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import Transport

from httpfault import Config, HTTPError, RequestInfo

from .apps import TRACE, TRACEPARENT, app_for

EVENTS: list[dict[str, Any]] = []
FAILED_SENDS: list[str] = []


class Capturing(Transport):
    """Keeps every error event instead of sending it."""

    def capture_envelope(self, envelope: Envelope) -> None:
        for item in envelope.items:
            if item.type == "event" and item.payload.json is not None:
                EVENTS.append(item.payload.json)


class Failing(Transport):
    """An exporter that is down: every send raises."""

    def capture_envelope(self, envelope: Envelope) -> None:
        FAILED_SENDS.append("event")
        raise ConnectionError("sentry is down")


def _framework_integrations(adapter: str) -> list[Any]:
    """The framework's own Sentry integrations (Django's covers DRF and Django Ninja)."""
    if adapter.startswith("fastapi"):
        from sentry_sdk.integrations.fastapi import FastApiIntegration
        from sentry_sdk.integrations.starlette import StarletteIntegration

        return [StarletteIntegration(), FastApiIntegration()]
    if adapter in ("django", "drf", "ninja"):
        from sentry_sdk.integrations.django import DjangoIntegration

        return [DjangoIntegration()]
    name = adapter.partition("-")[0]  # falcon-asgi: Falcon's integration covers both
    try:
        module = importlib.import_module(f"sentry_sdk.integrations.{name}")
    except ImportError:  # a release of sentry-sdk without it (Litestar's came in 2.x)
        return []
    return [getattr(module, _INTEGRATIONS[name])()]


_INTEGRATIONS = {
    "starlette": "StarletteIntegration", "flask": "FlaskIntegration",
    "litestar": "LitestarIntegration", "quart": "QuartIntegration",
    "falcon": "FalconIntegration", "aiohttp": "AioHttpIntegration",
    "sanic": "SanicIntegration",
}  # fmt: skip


def _summary(event: dict[str, Any]) -> dict[str, Any]:
    values = event.get("exception", {}).get("values", [])
    return {
        "exception": [value.get("type") for value in values],
        "tags": event.get("tags", {}),
        "logger": event.get("logger"),
    }


def _case(adapter: str, path: str, config: Config | None = None) -> dict[str, Any]:
    EVENTS.clear()
    headers = {"traceparent": TRACEPARENT, "X-Request-ID": "rid-probe"}
    with app_for(adapter, config=config) as get:
        status, body = get(path, headers)
    with contextlib.suppress(ConnectionError):  # the failing transport, sending what is left
        sentry_sdk.flush(timeout=5)
    return {"status": status, "body": body, "events": [_summary(e) for e in EVENTS]}


def _report_4xx(error: HTTPError, request: RequestInfo | None) -> None:
    """An application that wants its 4xx in Sentry too: one ``on_error`` hook."""
    if error.status < 500:
        sentry_sdk.capture_exception(error)


def main(adapter: str) -> dict[str, Any]:
    """Every case for *adapter*, with what Sentry received."""
    if adapter in ("django", "drf", "ninja"):
        from tests.django.settings import configure

        configure()
    logging.basicConfig(level=logging.CRITICAL + 1)  # nothing printed; records still made
    for name in ("httpfault", "django.request", "observed"):
        logging.getLogger(name).setLevel(logging.INFO)
    base = {"dsn": "https://key@sentry.invalid/1", "default_integrations": True}
    integrations = _framework_integrations(adapter)
    results: dict[str, Any] = {}
    logging_events = LoggingIntegration(event_level=logging.ERROR)
    # First, before the framework's integration patches anything: without it (auto-enabled
    # integrations off; sentry-sdk 2.11+ also has ``disabled_integrations``), as advised
    # for Litestar and Sanic apps.
    sentry_sdk.init(**base, transport=Capturing, auto_enabling_integrations=False,
                    integrations=[logging_events])  # fmt: skip
    results["bare-4xx"] = _case(adapter, "/conflict")
    results["bare-5xx"] = _case(adapter, "/boom")
    sentry_sdk.init(**base, transport=Capturing, integrations=integrations)
    results["default-4xx"] = _case(adapter, "/conflict")
    results["default-5xx"] = _case(adapter, "/boom")
    sentry_sdk.init(**base, transport=Capturing, integrations=[*integrations, logging_events])
    results["logging-4xx"] = _case(adapter, "/conflict")
    results["logging-5xx"] = _case(adapter, "/boom")
    results["asked-4xx"] = _case(adapter, "/conflict", Config(on_error=(_report_4xx,)))
    sentry_sdk.init(**base, transport=Failing, integrations=integrations)
    failing = _case(adapter, "/boom")
    failing["sends"] = len(FAILED_SENDS)
    results["failing-5xx"] = failing
    results["trace"] = TRACE
    results["integrations"] = [type(integration).__name__ for integration in integrations]
    return results


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
