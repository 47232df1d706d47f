"""The cache of rendered answers: bounded by bytes, entries not used lately out first.

Each :class:`~httpfault.Config` owns one (``Config.cache_bytes``; ``0`` turns it off).
Every entry counts its body and its key. Eviction is second chance (the CLOCK
approximation of least recently used): entries leave in the order they came, except that
one used since it was last passed over goes to the back instead, once. So a flood of
one-off errors cannot push out the answers that keep coming back, and a lookup costs one
dict lookup and a flag, not a reordering. What is kept, and under which key, is decided by
:mod:`httpfault._answers`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["AnswerCache"]


class AnswerCache:
    """Rendered answers by key, at most *limit* bytes, entries not used lately out first.

    Safe under threads: lookups take no lock (a racing eviction at worst costs a render),
    insertions take one.
    """

    __slots__ = ("_entries", "_lock", "limit", "size")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        """Bytes counted for the entries held now."""
        # key -> [value, size, used since last passed over]
        self._entries: OrderedDict[Any, list[Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __reduce__(self) -> tuple[Any, ...]:
        return (AnswerCache, (self.limit,))  # a copy starts empty

    def get(self, key: Any) -> object:
        """The entry of *key* (a template, or a marker), marked as used; ``None`` if none."""
        found = self._entries.get(key)
        if found is None:
            return None
        found[2] = True
        return found[0]

    def values(self) -> list[object]:
        """What is kept now, oldest first."""
        return [entry[0] for entry in self._entries.values()]

    def put(self, key: Any, value: object, size: int) -> None:
        """Keep *value* under *key*, counted as *size* bytes; evict to stay within the limit."""
        if size > self.limit:
            return
        with self._lock:
            entries = self._entries
            old = entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            entries[key] = [value, size, False]
            self.size += size
            while self.size > self.limit:
                oldest, entry = entries.popitem(last=False)
                if entry[2]:  # used since last passed over: to the back, once
                    entry[2] = False
                    entries[oldest] = entry
                else:
                    self.size -= entry[1]

    def clear(self) -> None:
        """Forget every kept answer."""
        with self._lock:
            self._entries.clear()
            self.size = 0
