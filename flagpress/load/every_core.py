"""Filling a cache on every core: results that are missing, made by forked workers.

Some work is many independent pieces whose results are kept in the load cache by
content (reading each Markdown file, the checks of each text). When at least
`MIN_ITEMS` pieces are missing and the machine has more than one core, a pool of
worker processes (one per core) makes them and the results are put in the cache; the
usual code that follows, piece by piece in its own order, then finds each one there.
What is found is the same either way; only the time on the clock differs.

Workers are forked, so the data and the code are already in memory: a task is only
the number of a piece. Not where there is no fork (Windows: one process does the work,
as before), nor when other threads run (`flagpress serve`), where forking is not
safe. A pool that fails leaves the work to the code that follows, which does it, and
reports any problem, as it always does.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Any

from flagpress.load.cache import LoadCache

MIN_ITEMS = 32  # fewer are done sooner by one process than a pool can start
# What the forked workers find in memory: the work, and the pieces it is done on.
_job: tuple[Callable[[Any], object | None], Sequence[tuple[str, Any]]] | None = None


def fill_cache(
    cache: LoadCache, pieces: Sequence[tuple[str, Any]], work: Callable[[Any], object | None]
) -> int:
    """Put `work(piece)` under each (key, piece) of `pieces` into `cache`, on every core
    (a result of None is not kept); returns how many were made (0: not worth a pool)."""
    global _job  # noqa: PLW0603 - handed to the forked workers through memory
    cores = cores_here()
    if cores < 2 or len(pieces) < MIN_ITEMS or not _may_fork():
        return 0
    _job = (work, pieces)
    try:
        workers = min(cores, len(pieces) // MIN_ITEMS + 1)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.imap_unordered(_make, range(len(pieces)), chunksize=8)
            for number, data in chunks:
                if data is not None:
                    cache.put_pickled(pieces[number][0], data)
    except (OSError, pickle.PicklingError, multiprocessing.ProcessError):
        return 0  # the code that follows does the work, and reports any problem
    finally:
        _job = None
    return len(pieces)


def cores_here() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _may_fork() -> bool:
    """Forking is safe here: the system has it (not Windows) and no other thread runs."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _make(number: int) -> tuple[int, bytes | None]:
    """In a worker: piece `number`'s result, pickled as the cache keeps it."""
    assert _job is not None
    work, pieces = _job
    result = work(pieces[number][1])
    return number, None if result is None else pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
