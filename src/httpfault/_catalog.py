"""``catalog``: one entry per registered 4xx/5xx status, built from the classes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields

from ._catalog_data import TEXTS, StatusText
from ._classes import REGISTRY
from ._errors import HTTPError

__all__ = ["Catalog", "CatalogEntry", "catalog"]


@dataclass(frozen=True)
class CatalogEntry(StatusText):
    """What a status means and how to use it in a JSON API: its prose, and its class."""

    status: int
    code: str
    cls: type[HTTPError]

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
                **{f.name: getattr(TEXTS[status], f.name) for f in fields(StatusText)},
                status=status,
                code=cls.code,
                cls=cls,
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
