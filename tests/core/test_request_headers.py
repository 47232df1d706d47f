"""Header lookups in RequestInfo: mappings that declare themselves case-insensitive."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from httpfault import RequestInfo


class LowerHeaders(Mapping[str, str]):
    """A mapping that matches names in any case in get(), and counts scans of its items."""

    case_insensitive = True

    def __init__(self, data: dict[str, str]) -> None:
        self.data = {k.lower(): v for k, v in data.items()}
        self.scans = 0

    def __getitem__(self, name: str) -> str:
        return self.data[name.lower()]

    def __iter__(self) -> Iterator[str]:
        self.scans += 1
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class Scanned(LowerHeaders):
    """The same mapping without the declaration."""

    case_insensitive = False


def test_case_insensitive_mapping_is_not_scanned() -> None:
    """An absent header is not searched for again in a case-insensitive mapping's items."""
    headers = LowerHeaders({"Accept": "*/*"})
    info = RequestInfo("GET", "/", headers)
    assert info.header("ACCEPT") == "*/*"
    assert info.header("X-Request-ID") is None
    assert headers.scans == 0


def test_other_mappings_are_still_scanned() -> None:
    """A mapping without the declaration is scanned, so keys in any case are found."""
    headers = Scanned({"Accept": "*/*"})
    assert RequestInfo("GET", "/", headers).header("X-Request-ID") is None
    assert headers.scans == 1
    assert RequestInfo("GET", "/", {"X-Request-Id": "r"}).header("x-request-ID") == "r"
