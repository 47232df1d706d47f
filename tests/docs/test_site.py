"""The documentation site builds in strict mode, and the pages that need care render well."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs", reason="the docs tools come with the dev extra")

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 120


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once with ``mkdocs build --strict`` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{output}"
    assert not re.search(r"^(WARNING|ERROR)\b", output, re.MULTILINE), output
    return out


def page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_site_builds_strictly(site: Path) -> None:
    """``mkdocs build --strict`` succeeds with no warning and writes the home page."""
    assert "httpfault" in (site / "index.html").read_text(encoding="utf-8")


def test_status_code_reference_renders_tabs_and_anchors(site: Path) -> None:
    """Each status has its own anchor, and its two example bodies render as content tabs."""
    html = page(site, "reference/status-codes")
    section = html.split('id="404"', 1)[1].split('id="405"', 1)[0]
    assert "404 Not Found" in section
    assert 'class="tabbed-set tabbed-alternate"' in section
    assert re.search(r"<label[^>]*>json</label>.*<label[^>]*>problem</label>", section, re.S)
    assert "application/problem+json" in section
    assert "=== " not in section  # tab markup was converted
    assert "{:" not in section  # attribute lists were applied
    assert 'href="#404"' in html


def test_changelog_page_includes_the_changelog(site: Path) -> None:
    """The changelog page is the root CHANGELOG.md, pulled in by the snippets extension."""
    html = page(site, "changelog")
    assert "--8&lt;--" not in html
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for level in (2, 3):
        headings = re.findall(rf"^{'#' * level} ", changelog, re.MULTILINE)
        assert headings, f"CHANGELOG.md has no level-{level} heading to look for"
        assert len(re.findall(rf"<h{level}[ >]", html)) >= len(headings)
