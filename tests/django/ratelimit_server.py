"""The rate-limiter URLconf as a WSGI app for gunicorn: ``tests.django.ratelimit_server:app``.

Settings are the tests' own (``tests.django.settings``) with ``tests.django.urls_ratelimit``
as the URLconf and the test client's host allowed.
"""

from __future__ import annotations

from django.conf import settings

from tests.django.settings import SETTINGS

if not settings.configured:
    settings.configure(**{**SETTINGS, "ROOT_URLCONF": "tests.django.urls_ratelimit",
                          "ALLOWED_HOSTS": ["127.0.0.1"]})  # fmt: skip

from django.core.wsgi import get_wsgi_application

app = get_wsgi_application()
