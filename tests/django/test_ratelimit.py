"""The rate limiters of Django projects answer in the contract, with the real libraries.

- django-ratelimit's ``Ratelimited`` (a ``PermissionDenied``) is a 429 Too Many Requests,
  not a 403, from a Django view (``ErrorMiddleware``) and from a DRF view (DRF handler).
- DRF's throttles keep their ``Retry-After``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from django.core.cache import cache
from django.test import Client, override_settings

import httpfault
from httpfault import client as httpfault_client
from httpfault.testing import assert_conforms, assert_error
from tests.django.helpers import HEADERS, assert_rendered
from tests.servers import gunicorn


@pytest.fixture(autouse=True)
def _urls() -> Iterator[None]:
    cache.clear()  # the limiters count in Django's default (local memory) cache
    with override_settings(ROOT_URLCONF="tests.django.urls_ratelimit"):
        yield
    cache.clear()


@pytest.fixture
def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


def test_django_ratelimit_is_429_not_403(client: Client) -> None:
    """Two requests pass, the third is ``Ratelimited``: a 429 in the contract, not a 403."""
    assert [client.get("/limited").status_code for _ in range(2)] == [200, 200]
    response = client.get("/limited")
    assert response.status_code == 429
    assert_rendered(response, httpfault.TooManyRequests())
    assert_conforms(response)
    assert json.loads(response.content)["error"]["code"] == "too_many_requests"


def test_django_ratelimit_in_a_drf_view(client: Client) -> None:
    """``Ratelimited`` raised around a DRF view goes through DRF's handler: a 429 too."""
    assert client.get("/drf/decorated").status_code == 200
    response = client.get("/drf/decorated")
    assert_error(response, httpfault.TooManyRequests)
    assert_conforms(response)


def test_drf_throttle_keeps_retry_after(client: Client) -> None:
    """DRF's throttle: 429 in the contract with ``Retry-After`` in whole seconds."""
    assert [client.get("/drf/throttled").status_code for _ in range(2)] == [200, 200]
    response = client.get("/drf/throttled")
    assert_error(response, httpfault.TooManyRequests)
    assert_conforms(response)
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    error = httpfault_client.error_from_response(response)
    assert isinstance(error, httpfault.TooManyRequests)
    assert error.retry_after == retry_after


@pytest.mark.server
def test_limiters_on_a_real_server() -> None:
    """Under gunicorn (one worker: the cache is in its memory), the same 429s."""
    with (
        gunicorn("tests.django.ratelimit_server:app", workers=1, ready_path="/nothing") as server,
        httpx.Client(base_url=server.url, timeout=10.0) as http,
    ):
        assert [http.get("/limited").status_code for _ in range(2)] == [200, 200]
        limited = http.get("/limited")
        assert [http.get("/drf/throttled").status_code for _ in range(2)] == [200, 200]
        throttled = http.get("/drf/throttled")
    assert_error(limited, httpfault.TooManyRequests)
    assert_conforms(limited)
    assert_error(throttled, httpfault.TooManyRequests)
    assert_conforms(throttled)
    assert 1 <= int(throttled.headers["Retry-After"]) <= 60
