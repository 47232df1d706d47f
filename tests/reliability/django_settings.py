"""Settings of the reliability Django project when it runs under gunicorn or uvicorn.

(In-process tests use the shared test settings with ``override_settings``; see
:data:`IN_PROCESS`.)
"""

from __future__ import annotations

from tests.reliability.scenarios import CONFIG, LOGGER

DEBUG = False
SECRET_KEY = "tests-only"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
ROOT_URLCONF = "tests.reliability.django_urls"
INSTALLED_APPS = ["rest_framework"]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
MIDDLEWARE = ["httpfault.adapters.django.ErrorMiddleware"]
HTTPFAULT = {"CONFIG": CONFIG}
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "httpfault.adapters.drf.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "httpfault.adapters.drf.ContentNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        LOGGER: {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

IN_PROCESS = {
    "ROOT_URLCONF": ROOT_URLCONF,
    "MIDDLEWARE": MIDDLEWARE,
    "HTTPFAULT": HTTPFAULT,
    "REST_FRAMEWORK": REST_FRAMEWORK,
    "ALLOWED_HOSTS": ALLOWED_HOSTS,
}
"""What the in-process tests override on top of the shared Django test settings."""
