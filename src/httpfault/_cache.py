"""The cache of rendered answers: bounded by bytes, least recently used out first.

Each :class:`~httpfault.Config` owns one (``Config.cache_bytes``; ``0`` turns it off).
Every entry counts its body and its key, and the least recently used entries go first,
so a flood of one-off errors cannot push out the answers that keep coming back. What is
kept, and under which key, is decided by :mod:`httpfault._answers`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["AnswerCache"]


class AnswerCache:
    """Rendered answers by key, at most *limit* bytes, least recently used out first.

    Safe under threads: lookups take no lock (a racing eviction at worst costs a render),
    insertions take one.
    """

    __slots__ = ("_entries", "_lock", "limit", "size")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        """Bytes counted for the entries held now."""
        self._entries: OrderedDict[Any, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __reduce__(self) -> tuple[Any, ...]:
        return (AnswerCache, (self.limit,))  # a copy starts empty

    def get(self, key: Any) -> object:
        """The entry of *key* (a template, or a marker), marked as used; ``None`` if none."""
        entries = self._entries
        found = entries.get(key)
        if found is None:
            return None
        try:
            entries.move_to_end(key)
        except KeyError:  # evicted by another thread meanwhile
            return None
        return found[0]

    def put(self, key: Any, value: object, size: int) -> None:
        """Keep *value* under *key*, counted as *size* bytes; evict to stay within the limit."""
        if size > self.limit:
            return
        with self._lock:
            entries = self._entries
            old = entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            entries[key] = (value, size)
            self.size += size
            while self.size > self.limit:
                _, (_, freed) = entries.popitem(last=False)
                self.size -= freed

    def clear(self) -> None:
        """Forget every kept answer."""
        with self._lock:
            self._entries.clear()
            self.size = 0
