"""The four examples serve the same API: the README's requests get the same answers from each.

Each example is served for real on an ephemeral port (uvicorn for FastAPI and Starlette,
gunicorn for Flask and Django), with one worker (the examples keep their data in memory).
The ``curl`` lines of the README's quick start are run against each, in order, on a fresh
server; every answer must equal the README's shown output and the other examples' answers,
request ids apart (they differ per request: only their presence and agreement between the
header and the body are compared).
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

README = Path(__file__).resolve().parents[1] / "README.md"
RID = "<request id>"


@dataclass(frozen=True)
class Call:
    """One curl line of the README: the request, and the answer it shows."""

    method: str
    path: str
    headers: dict[str, str]
    data: str | None
    include_headers: bool
    shown: list[str]


def readme_calls() -> list[Call]:
    """The ``$ curl`` lines of the README's console block, with the output under each."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```console\n(.*?)```", text, re.DOTALL)
    assert block is not None, "the README has no console block"
    calls: list[Call] = []
    for chunk in re.split(r"^\$ ", block.group(1), flags=re.MULTILINE)[1:]:
        command, *shown = chunk.rstrip("\n").split("\n")
        argv = shlex.split(command)
        assert argv[0] == "curl", command
        method, headers, data, include, url = "GET", {}, None, False, None
        args = iter(argv[1:])
        for arg in args:
            if arg == "-X":
                method = next(args)
            elif arg == "-H":
                name, _, value = next(args).partition(":")
                headers[name.strip()] = value.strip()
            elif arg == "-d":
                data = next(args)
                method = method if method != "GET" else "POST"
            elif arg.startswith("-") and set(arg[1:]) <= {"s", "i"}:
                include = include or "i" in arg
            else:
                url = arg
        assert url is not None, command
        assert url.startswith("localhost:8000/"), command
        calls.append(Call(method, url[len("localhost:8000") :], headers, data, include, shown))
    assert len(calls) >= 3
    return calls


def _without_ids(value: Any) -> Any:
    """*value* with request ids replaced; objects as lists of members, in the order sent."""
    if isinstance(value, dict):
        return [(k, RID if k == "request_id" else _without_ids(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def answer(status: int, headers: list[tuple[str, str]], body: str, shown: set[str] | None) -> Any:
    """What is compared of one answer: status, body (JSON, ids replaced) and, where the
    README shows headers, those it shows (request id replaced)."""
    data = json.loads(body) if body else None
    if isinstance(data, dict):
        rid = data.get("request_id", data.get("error", {}).get("request_id"))
        sent = {k.lower(): v for k, v in headers}.get("x-request-id")
        if headers:  # the README shows no headers for plain `curl -s`
            assert rid is None or rid == sent, "the body's request id is not the header's"
    if shown is None:
        return (status, _without_ids(data))
    kept = sorted(
        (k.lower(), RID if k.lower() == "x-request-id" else v)
        for k, v in headers
        if k.lower() in shown
    )
    return (status, kept, _without_ids(data))


def shown_answer(call: Call) -> Any:
    """The answer the README shows under *call*."""
    lines = call.shown
    if not call.include_headers:
        return answer(0, [], "\n".join(lines), None)[1:]
    status = int(lines[0].split()[1])
    blank = lines.index("")
    headers = [(k.strip(), v.strip()) for k, _, v in (x.partition(":") for x in lines[1:blank])]
    return answer(status, headers, "\n".join(lines[blank + 1 :]), {k.lower() for k, _ in headers})


def run(server: Server, calls: list[Call]) -> list[Any]:
    """The answers of *server* to *calls*, compared the way :func:`answer` says."""
    answers = []
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        for call in calls:
            content = call.data.encode() if call.data is not None else None
            response = http.request(call.method, call.path, headers=call.headers, content=content)
            headers = list(response.headers.multi_items())
            if call.include_headers:
                blank = call.shown.index("")
                shown = {x.partition(":")[0].strip().lower() for x in call.shown[1:blank]}
                answers.append(answer(response.status_code, headers, response.text, shown))
            else:
                answers.append(answer(response.status_code, headers, response.text, None)[1:])
    return answers


EXAMPLES = {
    "fastapi": lambda: uvicorn("examples.fastapi_app:app", ready_path="/health"),
    "starlette": lambda: uvicorn("examples.starlette_app:app", ready_path="/health"),
    "flask": lambda: gunicorn("examples.flask_app:app", workers=1, ready_path="/health"),
    "django": lambda: gunicorn(
        "examples.django_app.wsgi:application",
        workers=1,
        env={"DJANGO_SETTINGS_MODULE": "examples.django_app.settings"},
        ready_path="/health",
    ),
}


@pytest.fixture(scope="module")
def answers() -> Iterator[dict[str, list[Any]]]:
    """Each example's answers to the README's requests, each on a fresh server."""
    calls = readme_calls()
    result: dict[str, list[Any]] = {}
    with contextlib.ExitStack() as stack:
        for name, start in EXAMPLES.items():
            server = stack.enter_context(start())
            result[name] = run(server, calls)
        yield result


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_answers_as_the_readme_shows(answers: dict[str, list[Any]], name: str) -> None:
    """Every README request gets, from this example, the answer the README shows."""
    calls = readme_calls()
    assert answers[name] == [shown_answer(call) for call in calls]


def test_the_four_examples_agree(answers: dict[str, list[Any]]) -> None:
    """The four examples answer the README's requests alike."""
    first, *others = answers.values()
    for name, got in answers.items():
        assert got == first, name
    assert len(others) == 3
