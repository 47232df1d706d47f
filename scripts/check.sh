#!/usr/bin/env bash
# The whole test suite: lint, formatting, types, then tests with branch coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== ruff check"; ruff check .
echo "== ruff format --check"; ruff format --check .
echo "== mypy --strict"; mypy
echo "== pytest"
status=0
python -m pytest -n "${PYTEST_WORKERS:-2}" --cov --cov-branch --cov-report=term-missing:skip-covered "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: the suite is broken" >&2
    exit 1
fi
exit "$status"
