"""Real servers for tests: uvicorn, gunicorn and Sanic processes on 127.0.0.1, ephemeral ports.

Every server is started by the test that needs it and stopped in teardown; every wait
has a timeout, so a server that does not come up fails the test instead of hanging.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A server process: its base URL, and its combined output once stopped."""

    def __init__(self, argv: Sequence[str], port: int, env: Mapping[str, str] | None) -> None:
        self.argv = list(argv)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log = tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False)  # noqa: SIM115
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        full_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT), full_env.get("PYTHONPATH", "")) if p
        )
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=full_env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        """Everything the server printed so far (all of it, once stopped)."""
        if not self._log.closed:
            self._log.flush()
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, path: str = "/", timeout: float = START_TIMEOUT) -> None:
        """Wait until the server answers an HTTP request (any status) on *path*."""
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                httpx.get(self.url + path, timeout=2.0)
                return
            except httpx.HTTPError as exc:
                last = exc
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"server not ready after {timeout}s ({last}):\n{self.output()}")

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None

    def stop(self) -> None:
        """Stop the process group: SIGTERM, then SIGKILL after a timeout."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT)
        self._log.close()

    def cleanup(self) -> None:
        """Remove the output file."""
        with contextlib.suppress(OSError):
            os.unlink(self._log.name)


@contextlib.contextmanager
def serve(
    argv: Sequence[str],
    port: int,
    *,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
) -> Iterator[Server]:
    """Run *argv* (which must listen on *port*) until the block ends."""
    server = Server(argv, port, env)
    try:
        server.wait_ready(ready_path)
        yield server
    finally:
        server.stop()
        server.cleanup()


def uvicorn(
    app: str,
    *,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
    extra: Sequence[str] = (),
) -> contextlib.AbstractContextManager[Server]:
    """A uvicorn server for the ASGI *app* (``module:attribute``)."""
    port = free_port()
    argv = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
            "--no-access-log", *extra]  # fmt: skip
    return serve(argv, port, env=env, ready_path=ready_path)


def gunicorn(
    app: str,
    *,
    workers: int = 2,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
    extra: Sequence[str] = (),
) -> contextlib.AbstractContextManager[Server]:
    """A gunicorn server (sync workers) for the WSGI *app* (``module:attribute``)."""
    port = free_port()
    argv = [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "5",
            *extra]  # fmt: skip
    return serve(argv, port, env=env, ready_path=ready_path)


def sanic(
    app: str,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
    extra: Sequence[str] = (),
) -> contextlib.AbstractContextManager[Server]:
    """Sanic's own server for *app* (``module:attribute``): one process, or *workers*."""
    port = free_port()
    processes = ["--single-process"] if workers == 1 else ["--workers", str(workers)]
    argv = [sys.executable, "-m", "sanic", app, "--host", "127.0.0.1", "--port", str(port),
            "--no-access-logs", "--no-motd", *processes, *extra]  # fmt: skip
    return serve(argv, port, env=env, ready_path=ready_path)


def hypercorn(
    app: str,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
    extra: Sequence[str] = (),
) -> contextlib.AbstractContextManager[Server]:
    """A hypercorn server (asyncio workers) for the ASGI *app* (``module:attribute``)."""
    port = free_port()
    argv = [sys.executable, "-m", "hypercorn", app, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--graceful-timeout", "5", *extra]  # fmt: skip
    return serve(argv, port, env=env, ready_path=ready_path)
