"""AnswerCache: byte accounting, the limit, entries not used lately out first."""

from __future__ import annotations

import pickle

from httpfault._cache import AnswerCache


def test_an_entry_of_exactly_the_limit_is_kept() -> None:
    """An entry as large as the limit is kept; the cache then holds exactly the limit."""
    cache = AnswerCache(100)
    cache.put("a", "A", 100)
    assert (len(cache), cache.size, cache.get("a")) == (1, 100, "A")


def test_entries_filling_the_limit_exactly_are_all_kept() -> None:
    """Entries whose sizes add up to the limit are all kept; one more byte evicts the oldest."""
    cache = AnswerCache(100)
    cache.put("a", "A", 60)
    cache.put("b", "B", 40)
    assert (len(cache), cache.size) == (2, 100)
    cache.put("c", "C", 1)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, "B", "C")
    assert cache.size == 41


def test_an_entry_used_since_it_came_outlives_one_not_used() -> None:
    """A lookup marks an entry as used: the entry not looked up since is evicted first."""
    cache = AnswerCache(30)
    for key in ("a", "b", "c"):
        cache.put(key, key.upper(), 10)
    assert cache.get("a") == "A"
    cache.put("d", "D", 10)
    assert [cache.get(key) for key in ("a", "b", "c", "d")] == ["A", None, "C", "D"]
    assert cache.size == 30


def test_a_used_entry_gets_one_second_chance_not_more() -> None:
    """An entry passed over because it was used goes to the back once: not used again
    since, it is evicted before the entries that came after it."""
    cache = AnswerCache(20)
    cache.put("a", "A", 10)
    cache.put("b", "B", 10)
    assert cache.get("a") == "A"
    cache.put("c", "C", 10)  # "a" passed over (used), "b" evicted
    cache.put("d", "D", 10)  # "c" evicted: "a" came back behind it
    assert cache.values() == ["A", "D"]
    cache.put("e", "E", 10)  # "a", not used since its second chance, goes now
    assert cache.values() == ["D", "E"]
    assert cache.size == 20


def test_a_replaced_entry_counts_once_and_clear_forgets_all() -> None:
    """Putting a key again replaces its entry and its size; clear() empties the cache."""
    cache = AnswerCache(100)
    cache.put("a", "A", 30)
    cache.put("a", "B", 20)
    assert (len(cache), cache.size, cache.get("a")) == (1, 20, "B")
    cache.clear()
    assert (len(cache), cache.size, cache.get("a")) == (0, 0, None)
    cache.put("b", "B", 100)
    assert cache.size == 100


def test_a_pickled_cache_keeps_its_limit_and_starts_empty() -> None:
    """A copy made by pickling has the same limit and none of the entries."""
    cache = AnswerCache(123)
    cache.put("a", "A", 10)
    copy = pickle.loads(pickle.dumps(cache))
    assert (copy.limit, copy.size, len(copy)) == (123, 0, 0)
