"""Django is configured before its adapter is imported (shared settings of the suite)."""

from __future__ import annotations

from tests.django.settings import configure

configure()
