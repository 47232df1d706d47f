"""Shared pytest set-up: hypothesis profiles sized for CI."""

from __future__ import annotations

import importlib.util
import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


# The oldest Flask the adapters support (2.3) installs with no Quart release: the oldest
# session runs without Quart, and what needs it is left out there.
_NO_QUART = importlib.util.find_spec("quart") is None
# The whole folder, its conftest.py included (a glob of its files would still load that).
collect_ignore = ["quart"] if _NO_QUART else []
collect_ignore_glob = ["docs/*"] if _NO_QUART else []
