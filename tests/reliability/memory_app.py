"""A FastAPI worker for the reuse memory test: ``tests.reliability.memory_app:app``.

``CACHE_BYTES`` sets ``Config.cache_bytes`` (``0``: nothing reused).
"""

from __future__ import annotations

import os

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from httpfault import Config
from httpfault.adapters.fastapi import install


class Strict(BaseModel):
    """A model that refuses every key it does not declare: each one is a field error."""

    model_config = ConfigDict(extra="forbid")
    name: str = ""


app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/rss")
async def rss() -> dict[str, int]:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return {"kb": int(line.split()[1])}
    return {"kb": -1}


@app.post("/strict")
async def strict(body: Strict) -> Strict:
    return body


install(app, Config(cache_bytes=int(os.environ.get("CACHE_BYTES", str(1 << 20)))))
