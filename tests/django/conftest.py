"""Django is configured for the whole test process before the adapter is imported."""

from __future__ import annotations

from tests.django.settings import configure

configure()
