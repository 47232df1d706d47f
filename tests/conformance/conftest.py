"""Django is configured once per test process (shared with tests/django and tests/drf);
the ASGI test clients the suite keeps open are closed when the session ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.django.settings import configure

configure()


@pytest.fixture(scope="session", autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    from .adapters import close

    close()
