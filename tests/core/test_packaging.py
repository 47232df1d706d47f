"""Packaging: the extras a user installs hold what the docs say they hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")

ROOT = Path(__file__).resolve().parents[2]


def _extras() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    return extras


def test_client_extra_holds_httpx_and_all_includes_it() -> None:
    """``httpfault[client]`` installs httpx >= 0.27, and ``httpfault[all]`` includes it."""
    extras = _extras()
    assert extras["client"] == ["httpx>=0.27"]
    included = {
        name
        for requirement in extras["all"]
        if (match := re.fullmatch(r"httpfault\[([a-z,-]+)\]", requirement))
        for name in match.group(1).split(",")
    }
    assert "client" in included


def test_readme_install_section_names_the_client_extra() -> None:
    """The README's Install section tells how to get the client's httpx."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "pip install 'httpfault[client]'" in install
