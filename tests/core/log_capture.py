"""Records of one logger kept in a list, for the tests that check what was logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def captured(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records of logger *name*, at every level, kept while the block runs."""
    logger = logging.getLogger(name)
    kept: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = kept.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield kept
    finally:
        logger.removeHandler(handler)
