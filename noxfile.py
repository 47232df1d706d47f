"""The version matrix: every supported Python, and the oldest and newest framework releases.

``nox -s tests`` runs the suite on Python 3.10-3.13; ``nox -s oldest newest`` on the oldest
supported releases of every framework (Python 3.10) and on the newest (Python 3.13). The
supported ranges in pyproject.toml are the ones these sessions prove.
"""

from __future__ import annotations

import glob
import os

import nox

# Interpreters installed with pyenv are found even when pyenv's shims are not active.
_pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
_bins = sorted(glob.glob(os.path.join(_pyenv, "versions", "3.1[0-9]*", "bin")), reverse=True)
os.environ["PATH"] = os.pathsep.join([*_bins, os.environ.get("PATH", "")])

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = False
nox.options.sessions = ["tests"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
OLDEST = [
    "pydantic==2.5.3",
    "fastapi==0.115.0",
    "starlette==0.38.6",
    "flask==2.3.3",
    "werkzeug==2.3.8",
    "django==5.0.*",
    "djangorestframework==3.16.0",
    "httpx==0.27.2",
    "litestar==2.19.0",
    "django-ninja==1.4.0",
    "aiohttp==3.9.0",
    "yarl==1.9.4",  # aiohttp 3.9.0 predates yarl 1.10, which refuses its test server's Host
    "sanic==23.6.0",
    "sanic-testing==23.6.0",
    "websockets==10.4",  # Sanic 23.6 imports websockets.connection, deprecated from 11
    "falcon==4.0.0",
    # websockets 10.4 (for Sanic 23.6) predates the sans-I/O API newer uvicorns import.
    "uvicorn==0.29.0",
    # Newer releases need pydantic-settings, which needs a newer pydantic than 2.5.
    "openapi-spec-validator==0.7.1",
    # The oldest Sentry SDK the ``sentry`` extra allows (before its scope getters).
    "sentry-sdk==2.0.0",
    # The oldest OpenTelemetry the ``otel`` extra allows, and the instrumentations of the
    # same release (0.41b0 goes with 1.20.0).
    "opentelemetry-api==1.20.0",
    "opentelemetry-sdk==1.20.0",
    "opentelemetry-semantic-conventions==0.41b0",
    "opentelemetry-instrumentation==0.41b0",
    "opentelemetry-instrumentation-asgi==0.41b0",
    "opentelemetry-instrumentation-fastapi==0.41b0",
    "opentelemetry-instrumentation-starlette==0.41b0",
    "opentelemetry-instrumentation-flask==0.41b0",
    "opentelemetry-instrumentation-wsgi==0.41b0",
    "opentelemetry-instrumentation-django==0.41b0",
    "opentelemetry-util-http==0.41b0",
    # Those instrumentations import pkg_resources: setuptools 81 removed it, and from 67.3
    # importing it warns (an error under the suite's warning filters).
    "setuptools==67.2.0",
]
# Quart 0.19 (its oldest release on Flask's own code) needs Flask 3.0 and werkzeug 3.0, and
# no Quart release installs next to Flask 2.3 (Quart 0.18 wants blinker < 1.6, Flask 2.3
# blinker >= 1.6.2): the oldest Quart is proven in a session of its own, on Flask 3.0.
OLDEST_QUART = [
    *(pin for pin in OLDEST if not pin.startswith(("flask==", "werkzeug=="))),
    "quart==0.19.0",
    "flask==3.0.0",
    "werkzeug==3.0.0",
    "hypercorn==0.15.0",
]
# Declared: what the oldest releases do otherwise, or what their combination cannot run.
OLDEST_DIFFERENCES = (
    # FastAPI 0.115 validates the query before it reads the body: a 422, not the 415.
    "--deselect",
    "tests/fastapi/test_media_type.py::test_no_content_type_and_a_bad_query_is_still_415",
    # Django 5.0 answers a SuspiciousOperation raised below the middleware with DEBUG off
    # before the middleware sees it.
    "--deselect",
    "tests/django/test_outside_views.py::test_inner_middleware_errors_with_the_middleware_alone",
    # pydantic 2.5 lacks some error types the field sentences cover; tomllib is 3.11+.
    "--deselect",
    "tests/core/test_catalogues.py::test_field_messages_name_pydantic_types_and_ctx_keys",
    "--deselect", "tests/core/test_catalogues.py::test_the_wheel_ships_every_catalogue",
    # flask-smorest's oldest release on Flask 2.3 documents its own error schema.
    "--deselect", "tests/flask/test_smorest.py",
)  # fmt: skip
# The slow soak and load tests run once, in the main job; the matrix runs everything else.
PYTEST = ("python", "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2", "-m", "not slow")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite on one Python, with current releases."""
    session.install("-e", ".[test]")
    session.run(*PYTEST, *session.posargs)


@nox.session(python="3.10")
def oldest(session: nox.Session) -> None:
    """The oldest supported release of every framework, on the oldest Python."""
    # Quart installs with no Flask as old as OLDEST's: the current releases first, then
    # the oldest ones over them, then Quart out (its own session proves its oldest).
    session.install("-e", ".[test]")
    session.install(*OLDEST)
    session.run("python", "-m", "pip", "uninstall", "-y", "quart")
    session.run("python", "-m", "pip", "freeze", silent=False)
    # The docs' examples show the current releases' own bodies; they run in the main job.
    # The OpenAPI proofs' generators need a newer pydantic than the oldest supported; they
    # run in the main job and in the newest session.
    session.run(*PYTEST, "--ignore=tests/docs", "--ignore=tests/openapi", *OLDEST_DIFFERENCES,
                *session.posargs)  # fmt: skip
    if not session.posargs:
        # Sentry's oldest supported release (each case a process of its own: marked slow).
        session.run(*PYTEST, "-m", "slow and not server", "tests/observability/test_sentry.py")


@nox.session(python="3.10")
def oldest_quart(session: nox.Session) -> None:
    """The oldest supported Quart (on the Flask and werkzeug it needs), on the oldest Python."""
    # As in ``oldest``: the current releases first, then the oldest ones over them (one
    # resolution of both does not finish in reasonable time).
    session.install("-e", ".[test]")
    session.install(*OLDEST_QUART)
    session.run("python", "-m", "pip", "freeze", silent=False)
    # flask-smorest's releases that install here need Flask 3.0.2 or later.
    session.run(*PYTEST, "tests/quart", "tests/flask", "tests/conformance",
                "--deselect", "tests/flask/test_smorest.py", *session.posargs)  # fmt: skip


@nox.session(python="3.13")
def newest(session: nox.Session) -> None:
    """The newest release of every framework, on the newest Python."""
    session.install("--upgrade", "-e", ".[test]")
    session.run(*PYTEST, *session.posargs)


@nox.session(python="3.13")
def mutants(session: nox.Session) -> None:
    """Mutation testing of the safety-critical modules, on demand (not in CI).

    ``nox -s mutants`` runs every module of ``[tool.mutants.modules]`` in pyproject.toml;
    ``nox -s mutants -- _request adapters/_flask`` runs those matching. Scores and the
    equivalent mutants are kept in tests/MUTANTS.md.
    """
    session.install("-e", ".[test]", "mutmut>=3.3,<4")
    session.run("python", "scripts/mutants.py", *session.posargs)
