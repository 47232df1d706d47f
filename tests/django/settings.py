"""Django settings for the Django and DRF adapter tests, configured once per test process.

``settings.configure()`` can run once per process, so the Django and DRF test folders
share these settings (DRF tests switch ``ROOT_URLCONF`` with ``override_settings``).
"""

from __future__ import annotations

from typing import Any

import django
from django.conf import settings

SETTINGS: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": "tests-only",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": "tests.django.urls",
    "MIDDLEWARE": [
        "tests.django.middleware.OuterMiddleware",
        "httpfault.adapters.django.ErrorMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "tests.django.middleware.InnerMiddleware",
    ],
    "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    "DATABASES": {},
    "USE_TZ": True,
    "CSRF_FAILURE_VIEW": "httpfault.adapters.django.csrf_failure",
    "DATA_UPLOAD_MAX_MEMORY_SIZE": 1024,
    "HTTPFAULT": {"EXCLUDE_PATHS": ["/html/"]},
    # The documented DRF setup.
    "REST_FRAMEWORK": {
        "EXCEPTION_HANDLER": "httpfault.adapters.drf.exception_handler",
        "DEFAULT_CONTENT_NEGOTIATION_CLASS": "httpfault.adapters.drf.ContentNegotiation",
    },
}


def configure() -> None:
    """Configure Django for the tests (once; later calls do nothing)."""
    if not settings.configured:
        settings.configure(**SETTINGS)
        django.setup()
