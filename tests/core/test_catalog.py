"""The catalogue: one entry per status, with the facts the docs are generated from."""

from __future__ import annotations

from pathlib import Path

import pytest

from httpfault import catalog
from httpfault._explain import catalog_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "status-codes.md"


def test_catalog_has_an_entry_per_status() -> None:
    """Every registered status has a complete entry."""
    assert len(catalog) == 40
    assert list(catalog) == sorted(catalog)
    for status, entry in catalog.items():
        assert entry.status == status == entry.cls.status
        assert entry.code == entry.cls.code
        for text in (entry.message, entry.meaning, entry.use, entry.fix):
            assert text.strip(), status
            assert text[-1] in ".)", (status, text)
    assert repr(catalog) == "<Catalog of 40 statuses>"


@pytest.mark.parametrize(
    ("status", "header"),
    [(401, "WWW-Authenticate"), (405, "Allow"), (407, "Proxy-Authenticate"), (426, "Upgrade")],
)
def test_required_headers(status: int, header: str) -> None:
    """Statuses whose responses need a header name it as required."""
    assert header in catalog[status].required_headers


def test_retry_after_is_recommended_where_the_classes_take_it() -> None:
    """The statuses with a retry_after argument recommend Retry-After."""
    for status in (413, 429, 503):
        assert "Retry-After" in catalog[status].recommended_headers


def test_aliases_are_listed() -> None:
    """Entries list the older names of their class."""
    assert set(catalog[413].aliases) == {"PayloadTooLarge", "RequestEntityTooLarge"}
    assert catalog[404].aliases == ()


def test_generated_reference_page_is_current() -> None:
    """docs/reference/status-codes.md is exactly what the catalogue generates."""
    assert DOC.read_text(encoding="utf-8") == catalog_markdown(), (
        "regenerate with: python -m httpfault catalog --markdown > docs/reference/status-codes.md"
    )


def test_reference_has_a_title_table_per_language() -> None:
    """The generated reference lists every status's title in every shipped language."""
    from httpfault._catalogues import LANGUAGES, translate

    page = catalog_markdown()
    assert "| Status | en | " + " | ".join(LANGUAGES) + " |" in page
    for status, entry in catalog.items():
        row = f"| {status} | {entry.title} | " + " | ".join(
            translate(entry.title, tag) for tag in LANGUAGES
        )
        assert row + " |" in page
    assert "| 404 | Not Found | Nicht gefunden | No encontrado | Introuvable |" in page
