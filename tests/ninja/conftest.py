"""Django is configured for the whole test process before Ninja is imported."""

from __future__ import annotations

from tests.django.settings import configure

configure()
