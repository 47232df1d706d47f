"""A FastAPI app for a real uvicorn server, instrumented with OpenTelemetry, that shows
the spans it has finished at ``/spans`` (kept in memory, never sent anywhere)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from httpfault.adapters.fastapi import install

from .apps import boom, conflict

logging.getLogger("httpfault").setLevel(logging.CRITICAL)  # the test reads spans, not logs
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))

app = FastAPI()
app.get("/conflict")(conflict)
app.get("/boom")(boom)


@app.get("/health")
def health() -> dict[str, str]:
    """Readiness."""
    return {"status": "ok"}


@app.get("/spans")
def spans() -> list[dict[str, Any]]:
    """The server spans finished so far, then forgotten."""
    done = [
        {
            "trace_id": f"{span.context.trace_id:032x}",
            "status": span.status.status_code.name,
            "error_type": (span.attributes or {}).get("error.type"),
            "target": (span.attributes or {}).get("http.target")
            or (span.attributes or {}).get("url.path"),
            "exceptions": [dict(e.attributes or {}) for e in span.events if e.name == "exception"],
        }
        for span in exporter.get_finished_spans()
        if span.kind.name == "SERVER"
    ]
    exporter.clear()
    return done


install(app)
FastAPIInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls="spans,health")
