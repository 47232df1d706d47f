"""schemathesis against each example served for real: no error-related check fails.

The four checks that concern errors run (undocumented status, undocumented content
type, body not matching its schema, missing documented header), with a bounded number
of examples per operation and a time budget. The run's numbers are printed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Served

pytestmark = [pytest.mark.slow, pytest.mark.server]

CHECKS = ("status_code_conformance,content_type_conformance,response_schema_conformance,"
          "response_headers_conformance")  # fmt: skip
MAX_EXAMPLES = 20
MAX_TIME = 90  # seconds per example app


def test_schemathesis_finds_no_error_failures(served: Served, tmp_path: Path) -> None:
    """A bounded schemathesis run reports no failure of the error-related checks."""
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    if st is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    url = served.server.url + served.example.document_path
    argv = [st, "run", url, "--checks", CHECKS, "--max-examples", str(MAX_EXAMPLES),
            "--max-time", str(MAX_TIME), "--seed", "14", "--request-timeout", "10",
            "--report", "json", "--report-dir", str(tmp_path), "--no-color"]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, timeout=MAX_TIME + 120,
                          check=False, cwd=tmp_path)  # fmt: skip
    reports = sorted(tmp_path.glob("json-*.json"))
    assert reports, done.stdout[-3000:] + done.stderr[-2000:]
    report = json.loads(reports[-1].read_text())
    cases = report["test_cases"]
    print(
        f"\nschemathesis {served.example.name} {served.document['openapi']}: "
        f"operations {report['operations']['tested']}/{report['operations']['total']}, "
        f"examples {cases['generated']}, failures {cases['unique_failures']}, "
        f"errors {report['errors']}"
    )
    assert report["failures"] == [], done.stdout[-6000:]
    assert not report["errors"], done.stdout[-6000:]
    assert report["operations"]["tested"] == report["operations"]["total"]
