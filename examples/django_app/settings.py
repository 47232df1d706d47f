"""Settings of the example project. httpfault needs the three marked settings (and the
``handler*`` lines in ``urls.py`` only for errors of middleware listed above its own)."""

from __future__ import annotations

import os

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-a-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "examples.django_app.urls"
WSGI_APPLICATION = "examples.django_app.wsgi.application"
INSTALLED_APPS = ["rest_framework", "drf_spectacular"]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True

MIDDLEWARE = [
    "httpfault.adapters.django.ErrorMiddleware",  # httpfault (1/3): first in the list
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
HTTPFAULT = {"FORMAT": "auto"}  # httpfault (2/3): any Config field, upper- or lower-case
CSRF_FAILURE_VIEW = "httpfault.adapters.django.csrf_failure"
REST_FRAMEWORK = {
    # httpfault (3/3): DRF's exceptions in the same contract
    "EXCEPTION_HANDLER": "httpfault.adapters.drf.exception_handler",
    # The OpenAPI document (drf-spectacular) lists the errors httpfault answers.
    "DEFAULT_SCHEMA_CLASS": "httpfault.adapters.drf.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "httpfault.adapters.drf.ContentNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "httpfault Django REST framework example",
    "VERSION": "1.0.0",
    "OAS_VERSION": os.environ.get("OAS_VERSION", "3.1.0"),
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # larger bodies get a 413

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        # httpfault logs each error once, where Django logs its own: 5xx with the traceback.
        "django.request": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
