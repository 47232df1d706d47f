"""Every answer of the conformance scenarios matches the schema httpfault.openapi gives it.

The conformance suite checks that every adapter answers each scenario with exactly the
bytes ``render()`` gives; here those bytes are checked against the document a route
declaring the error's class gets (3.1 and 3.0), headers included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from httpfault import RequestInfo, render
from httpfault.openapi import components, responses
from tests.conformance.apps import common
from tests.conformance.scenarios import CASES, Scenario

from .helpers import Answer, check


def _document(error_class: type[Any], config_name: str, version: str) -> dict[str, Any]:
    config = common.CONFIGS[config_name]
    answers = responses(error_class, config=config, version=version)  # type: ignore[arg-type]
    return {
        "openapi": "3.1.0" if version == "3.1" else "3.0.3",
        "info": {"title": "conformance", "version": "1"},
        "paths": {"/op": {"post": {"responses": answers}}},
        "components": components(config, version=version),  # type: ignore[arg-type]
    }


BODIED = [(s, c) for s, c in CASES if s.method != "HEAD"]  # a HEAD answer has no body


@pytest.mark.parametrize("version", ["3.1", "3.0"])
@pytest.mark.parametrize(("scenario", "config_name"), BODIED,
                         ids=[f"{s.name}-{c}" for s, c in BODIED])  # fmt: skip
def test_answer_matches_documented_schema(
    scenario: Scenario, config_name: str, version: str
) -> None:
    """The scenario's answer validates against its class's documented response."""
    config = common.CONFIGS[config_name]
    request = RequestInfo(scenario.method, scenario.path.partition("?")[0], scenario.headers)
    error = scenario.expect()
    rendered = render(error, config, request)
    answer = Answer("/op", "post", rendered.status, rendered.media_type,
                    dict(rendered.headers), json.loads(rendered.body))  # fmt: skip
    check(_document(type(error), config_name, version), answer)
