"""DRF answers clients that accept only ``application/problem+json`` with the real status."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings

from httpfault import Config

PROBLEM = "application/problem+json"


@pytest.fixture(params=["auto", "problem"])
def fmt(request: pytest.FixtureRequest) -> Iterator[str]:
    """The documented DRF setup (the test settings'), under ``format="auto"`` and
    ``"problem"``. DRF reads its negotiation class once, when its views module loads."""
    with override_settings(HTTPFAULT={"CONFIG": Config(format=request.param)}):
        yield request.param


@pytest.mark.parametrize(
    ("path", "status", "headers"),
    [
        ("/private", 401, {"Authorization": "Bearer wrong"}),
        ("/raise/not-found", 404, {}),
        ("/raise/throttled", 429, {}),
        ("/raise/boom", 500, {}),
    ],
)
def test_errors_are_problems_not_406(
    fmt: str, path: str, status: int, headers: dict[str, str]
) -> None:
    """``Accept: application/problem+json`` gets the view's error as a problem, not a 406."""
    client = Client(raise_request_exception=False)
    response = client.get(path, headers={"Accept": PROBLEM, **headers})
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert json.loads(response.content)["status"] == status


def test_success_is_the_views_json(fmt: str) -> None:
    """A successful GET with only problem+json accepted is the view's JSON, not a 406."""
    response = Client().get("/orders", headers={"Accept": PROBLEM})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == []


def test_other_unacceptable_types_are_still_406(fmt: str) -> None:
    """Only a client accepting problem+json is helped: ``text/csv`` alone is still a 406,
    answered in the contract; ``q=0`` for problem+json is no acceptance."""
    client = Client(raise_request_exception=False)
    for accept in ("text/csv", f"text/csv, {PROBLEM};q=0"):
        response = client.get("/orders", headers={"Accept": accept})
        assert response.status_code == 406
        assert response["Content-Type"] in {PROBLEM, "application/json"}


def test_drf_views_load_first_with_the_documented_setup() -> None:
    """DRF's views module reads the negotiation class as it loads: importing it before
    anything of httpfault works (no import cycle through the adapter)."""
    code = (
        "from tests.django.settings import configure; configure()\n"
        "import rest_framework.views as views\n"
        "assert views.APIView.content_negotiation_class.__name__ == 'ContentNegotiation'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
