"""Converting the Markdown files that are not in the load cache on every core, first.

Converting bodies is most of a first `check` and about 40% of a first build, and what
a Markdown file gives depends on its own text and path only (load/markdown_file.py).
So, when at least `MIN_FILES` files are not in the cache and the machine has more than
one core, a pool of worker processes (one per core) reads them and puts each result
in the cache; the reading that follows, file by file in the usual order, then finds
every one there. What is read is the same either way (a test compares the two); only
the time on the clock differs.

Workers are forked: the converter's code, the model and the people known while
reading (their ids and names, for "did you mean" suggestions) are already in memory.
Not when other threads run (`flagpress serve`), where forking is not safe, and not
without a cache to put the results in. A worker that fails leaves its files to the
reading that follows, which reports what went wrong as it always does.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

from flagpress.diagnostics import ContentError
from flagpress.load.cache import LoadCache, entry_key
from flagpress.load.markdown_body import BodyConverter
from flagpress.load.markdown_file import cacheable, read_uncached
from flagpress.load.person_ids import people_key
from flagpress.load.source_files import read_text

MIN_FILES = 32  # fewer are read sooner by one process than a pool can start
# (cache key, text, path shown, model): one file to read.
Job = tuple[str, str, str, type]


def read_ahead(root: Path, files: Iterator[tuple[Path, type]], cache: LoadCache | None,
               limit: int) -> int:
    """Read the `files` (path, model) missing from `cache` on every core, into `cache`;
    returns how many were read ahead (0 when it was not worth it or not possible)."""
    cores = _cores()
    if cache is None or cores < 2 or threading.active_count() > 1:
        return 0
    jobs = [job for job in _jobs(root, files, limit) if not cache.has(job[0])]
    if len(jobs) < MIN_FILES:
        return 0
    try:
        workers = min(cores, len(jobs) // MIN_FILES + 1)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for key, data in pool.imap_unordered(_read, jobs, chunksize=8):
                if data is not None:
                    cache.put_pickled(key, data)
    except (OSError, pickle.PicklingError, multiprocessing.ProcessError):
        return 0  # the reading that follows does the work, and reports any problem
    return len(jobs)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _jobs(root: Path, files: Iterator[tuple[Path, type]], limit: int) -> Iterator[Job]:
    """Each plain file that can be read as text (any other is left to the usual reading,
    which reports it), with its cache key."""
    for path, model in files:
        if path.is_symlink():
            continue
        shown = path.relative_to(root).as_posix()
        try:
            text = read_text(path, shown, limit)
        except ContentError:
            continue
        yield entry_key(model.__name__, shown, text, people_key()), text, shown, model


def _read(job: Job) -> tuple[str, bytes | None]:
    """In a worker: the file's reading, pickled as the cache keeps it (None: not kept)."""
    key, text, shown, model = job
    read = read_uncached(text, shown, model, _converter)
    return key, pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL) if cacheable(read) else None


@functools.cache
def _converter() -> BodyConverter:
    """One converter for all of a worker's files (made in the worker, after the fork)."""
    return BodyConverter()
