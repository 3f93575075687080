"""Filling the load cache on every core: the results that are missing, made by workers.

Reading each Markdown file and the checks of each text depend on a piece's own text
only, and their results are kept in the load cache by content. The pieces missing
from it are made on every core first (flagpress/every_core.py) and put in the cache;
the usual code that follows, piece by piece in its own order, then finds each one
there, and makes (and reports) itself whatever is still missing.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any

from flagpress.every_core import on_every_core
from flagpress.load.cache import LoadCache

TOGETHER = 64  # results stored in one go: few transactions, little held in memory


def fill_cache(
    cache: LoadCache, pieces: Sequence[tuple[str, Any]], work: Callable[[Any], object | None]
) -> int:
    """Put `work(piece)` under each (key, piece) of `pieces` into `cache`, on every core
    (a result of None is not kept); returns how many were made (0: not worth a pool)."""

    def made(number: int) -> bytes | None:  # in a worker: pickled as the cache keeps it
        result = work(pieces[number][1])
        return None if result is None else pickle.dumps(result, pickle.HIGHEST_PROTOCOL)

    waiting: list[tuple[str, bytes]] = []

    def keep(number: int, data: bytes | None) -> None:
        if data is not None:
            waiting.append((pieces[number][0], data))
        if len(waiting) >= TOGETHER:
            cache.put_many(waiting)
            waiting.clear()

    try:
        return len(pieces) if on_every_core(made, len(pieces), keep) else 0
    finally:
        cache.put_many(waiting)
