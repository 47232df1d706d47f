"""The conformance suite: every scenario of ``scenarios.SCENARIOS`` through every adapter.

For each (scenario, config, framework): the status, the contract's headers and the body
bytes are exactly what ``httpfault.render()`` gives for the scenario's error, apart from
the differences the scenario declares; the response passes
``httpfault.testing.assert_conforms``. Then, per (scenario, config), the frameworks are
compared with each other directly.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .adapters import FRAMEWORKS, Reply, sender
from .apps import common
from .checks import conforms, contract_headers, expected_for, normalized, send
from .scenarios import CASES, RID, Scenario

_REPLIES: dict[tuple[str, str, str], Reply] = {}


def reply_for(framework: str, scenario: Scenario, config_name: str) -> Reply:
    """The reply of *framework* to *scenario* (sent once per session, then kept)."""
    key = (framework, scenario.name, config_name)
    if key not in _REPLIES:
        _REPLIES[key] = send(framework, scenario, config_name)
    return _REPLIES[key]


def _case_id(case: tuple[Scenario, str]) -> str:
    return f"{case[0].name}-{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_scenario_matches_render(framework: str, case: tuple[Scenario, str]) -> None:
    """The framework answers the scenario with render()'s status, contract headers and
    body bytes (except what the scenario declares different), and the response conforms."""
    scenario, config_name = case
    reply = reply_for(framework, scenario, config_name)
    differs = scenario.differences(framework)
    instead = next((d.expect for d in differs if d.expect is not None), None)
    status, headers, body = expected_for(scenario, config_name, reply, instead)
    for difference in differs:
        headers.update(difference.headers)
    members = [d.member for d in differs if d.member]
    assert reply.status == status, reply.body
    got = {name: reply.header(name) for name in headers}
    assert got == headers
    assert normalized(reply.body, members) == normalized(body, members)
    if scenario.method == "HEAD":
        assert reply.body == b""
    else:
        length = reply.header("Content-Length")
        assert length is None or int(length) == len(reply.body)
        conforms(reply, scenario, config_name)
        _check_debug(reply.body, body, members)


def _check_debug(got: bytes, want: bytes, members: list[str]) -> None:
    """Where the traceback is set apart, it is still the original exception's."""
    if "debug.traceback" not in members:
        return
    got_debug = _error(json.loads(got))["debug"]
    want_debug = _error(json.loads(want))["debug"]
    frames = got_debug["traceback"]
    assert isinstance(frames, list)
    assert all(isinstance(line, str) for line in frames)
    assert frames[0] == "Traceback (most recent call last):"
    assert frames[-1] == want_debug["traceback"][-1]


def _error(body: dict[str, Any]) -> dict[str, Any]:
    inner = body.get("error", body)
    assert isinstance(inner, dict)
    return inner


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_frameworks_agree(case: tuple[Scenario, str]) -> None:
    """All frameworks answer the scenario with the same status, contract headers and
    body bytes, once each framework's declared differences are set apart."""
    scenario, config_name = case
    # What any framework declares different is set apart for all of them.
    skipped = {name for d in scenario.differs for name in d.headers}
    members = [d.member for d in scenario.differs if d.member]
    seen: dict[tuple[Any, ...], list[str]] = {}
    for framework in FRAMEWORKS:
        if any(d.expect is not None for d in scenario.differences(framework)):
            continue  # it answers another error: checked against that one alone
        reply = reply_for(framework, scenario, config_name)
        rid_name = common.CONFIGS[config_name].request_id_header
        rid = reply.header(rid_name or "")
        headers = tuple(
            (name, "<rid>" if name == rid_name and rid else reply.header(name))
            for name in contract_headers(config_name)
            if name not in skipped
        )
        body = normalized(reply.body, members)
        if rid:  # a generated id differs by nature: compared as a placeholder
            body = body.replace(rid.encode(), b"<rid>")
        seen.setdefault((reply.status, headers, body), []).append(framework)
    assert len(seen) == 1, "frameworks disagree:\n" + "\n".join(
        f"{fws}: {key!r}" for key, fws in seen.items()
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_success_is_left_alone(framework: str) -> None:
    """A successful response is the application's own: no request id echoed, no error
    body, whatever the config."""
    reply = sender(framework, "auto")("GET", "/c/ok", {"X-Request-ID": RID}, None)
    assert reply.status == 200
    assert reply.header("X-Request-ID") is None
    assert json.loads(reply.body) == {"ok": True}
