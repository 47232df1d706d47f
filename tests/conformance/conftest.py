"""Django is configured once per test process (shared with tests/django and tests/drf)."""

from __future__ import annotations

from tests.django.settings import configure

configure()
