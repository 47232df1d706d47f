"""``catalog``: one entry per registered 4xx/5xx status, built from the classes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ._catalog_data import TEXTS
from ._classes import REGISTRY
from ._errors import HTTPError

__all__ = ["Catalog", "CatalogEntry", "catalog"]


@dataclass(frozen=True)
class CatalogEntry:
    """What a status means and how to use it in a JSON API."""

    status: int
    code: str
    title: str
    cls: type[HTTPError]
    message: str
    """The default sentence a body carries when the error has no (exposed) detail."""
    meaning: str
    use: str
    fix: str
    retryable: bool
    required_headers: tuple[str, ...]
    recommended_headers: tuple[str, ...]

    @property
    def aliases(self) -> tuple[str, ...]:
        """Older names of the class that are still exported."""
        from . import _classes

        return tuple(
            name
            for name, value in vars(_classes).items()
            if value is self.cls and name != self.cls.__name__
        )


class Catalog(Mapping[int, CatalogEntry]):
    """A read-only mapping of status -> :class:`CatalogEntry`, in status order."""

    def __init__(self) -> None:
        self._entries = {
            status: CatalogEntry(
                status=status,
                code=cls.code,
                title=cls.title,
                cls=cls,
                message=TEXTS[status].message,
                meaning=TEXTS[status].meaning,
                use=TEXTS[status].use,
                fix=TEXTS[status].fix,
                retryable=TEXTS[status].retryable,
                required_headers=TEXTS[status].required_headers,
                recommended_headers=TEXTS[status].recommended_headers,
            )
            for status, cls in REGISTRY.items()
        }

    def __getitem__(self, status: int) -> CatalogEntry:
        return self._entries[status]

    def __iter__(self) -> Iterator[int]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Catalog of {len(self)} statuses>"


catalog = Catalog()
"""The status-code catalogue."""
