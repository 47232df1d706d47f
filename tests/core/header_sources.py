"""Header sources for the tests: what an adapter may give as ``RequestInfo.headers``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class CaseFree(Mapping[str, str]):
    """A header mapping that matches names in any case itself, and says so."""

    case_insensitive = True

    def __init__(self, headers: dict[str, str]) -> None:
        self._headers = {name.lower(): value for name, value in headers.items()}

    def __getitem__(self, name: str) -> str:
        return self._headers[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)
