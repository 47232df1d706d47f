"""Django is configured with the shared test settings (once per process) before any test."""

from __future__ import annotations

from tests.django.settings import configure

configure()
