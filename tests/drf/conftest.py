"""DRF tests share the Django test settings; their URLconf is tests.drf.urls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.django.settings import configure

configure()


@pytest.fixture(autouse=True)
def _drf_urls() -> Iterator[None]:
    with override_settings(ROOT_URLCONF="tests.drf.urls"):
        yield
