"""The example apps' documents, recorded error answers, and checking one against the other."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from openapi_schema_validator import OAS30Validator, OAS31Validator

JSON = "application/json"
PROBLEM = "application/problem+json"
ACCEPTS = {JSON: JSON, PROBLEM: PROBLEM}


@dataclass(frozen=True)
class Answer:
    """One recorded error answer and the operation it answered."""

    path: str
    """The path template of the operation in the document (``/users/{user_id}``)."""
    method: str
    status: int
    content_type: str
    headers: Mapping[str, str]
    body: Any


def media(content_type: str) -> str:
    """The media type of a Content-Type value."""
    return content_type.split(";", 1)[0].strip().lower()


def response_for(document: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """The Response Object the document gives for the answer's operation and status.

    An answer to a method the path does not have (a 405, or DRF's 406 when content
    negotiation runs first) is documented by any operation of the path.
    """
    item = document["paths"][answer.path]
    if answer.method.lower() in item:
        operations = [item[answer.method.lower()]]
    else:
        operations = [op for op in item.values() if isinstance(op, dict) and "responses" in op]
    for operation in operations:
        response = operation["responses"].get(str(answer.status))
        if response is not None:
            ref = response.get("$ref")
            if ref:
                response = document["components"]["responses"][ref.rsplit("/", 1)[1]]
            return response  # type: ignore[no-any-return]
    raise AssertionError(f"{answer.method} {answer.path} documents no {answer.status}")


def schema_for(document: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """The schema of the answer's media type in its Response Object."""
    content = response_for(document, answer)["content"]
    kind = media(answer.content_type)
    assert kind in content, f"{answer.method} {answer.path} {answer.status}: no {kind}"
    return content[kind]["schema"]  # type: ignore[no-any-return]


def check(document: dict[str, Any], answer: Answer) -> None:
    """Assert the answer matches its documented schema and carries its required headers."""
    schema = schema_for(document, answer)
    wrapper = {**schema, "components": document.get("components", {})}
    version = str(document["openapi"])
    validator = OAS30Validator if version.startswith("3.0") else OAS31Validator
    validator(wrapper).validate(answer.body)
    lowered = {name.lower() for name in answer.headers}
    for name, header in response_for(document, answer).get("headers", {}).items():
        if header.get("required"):
            assert name.lower() in lowered, f"{answer.status}: missing header {name}"


Send = Callable[[str, str, Mapping[str, str], bytes | None], tuple[int, Mapping[str, str], bytes]]


def record(send: Send, requests: list[tuple[str, str, str, bytes | None, str]]) -> Iterator[Answer]:
    """Send each ``(method, url, template, body, content type)`` under both Accepts."""
    for accept in (JSON, PROBLEM):
        for method, url, template, body, content_type in requests:
            headers = {"Accept": accept, "X-Request-ID": "rec-1"}
            if content_type:
                headers["Content-Type"] = content_type
            status, got, data = send(method, url, headers, body)
            if status < 400 or not data:
                continue
            yield Answer(template, method, status, got.get("content-type", got.get("Content-Type", "")),
                         dict(got), json.loads(data))  # fmt: skip


def record_dir() -> str | None:
    """Where slow tests keep recorded answers for the generated clients (env override)."""
    return os.environ.get("HTTPFAULT_RECORD_DIR")
