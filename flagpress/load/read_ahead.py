"""The Markdown files not in the load cache, read on every core before they are read.

Converting bodies is most of a first `check` and about 40% of a first build, and what
a Markdown file gives depends on its own text and path only (load/markdown_file.py).
So the files missing from the cache are read by forked workers first
(flagpress/every_core.py), and the reading that follows, file by file in the usual order,
finds every one in the cache. The people known while reading (their ids and names,
for "did you mean" suggestions) are in the workers' memory too, as forked.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from flagpress.diagnostics import ContentError
from flagpress.load.cache import LoadCache, entry_key
from flagpress.load.fill_cache import fill_cache
from flagpress.load.markdown_body import BodyConverter
from flagpress.load.markdown_file import Read, cacheable, read_uncached
from flagpress.load.person_ids import people_key
from flagpress.load.source_files import read_text

# (text, path shown, model): one file to read.
Piece = tuple[str, str, type]


def read_ahead(
    root: Path, files: Iterator[tuple[Path, type]], cache: LoadCache | None, limit: int
) -> int:
    """Read the `files` (path, model) missing from `cache` on every core, into `cache`;
    returns how many were read ahead (0 when it was not worth it or not possible)."""
    if cache is None:
        return 0
    pieces = list(_pieces(root, files, limit))
    missing = cache.missing([key for key, _ in pieces])
    return fill_cache(cache, [(key, piece) for key, piece in pieces if key in missing], _read)


def _pieces(
    root: Path, files: Iterator[tuple[Path, type]], limit: int
) -> Iterator[tuple[str, Piece]]:
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
        yield entry_key(model.__name__, shown, text, people_key()), (text, shown, model)


def _read(piece: Piece) -> Read | None:
    """In a worker: the file's reading, if it may be kept."""
    text, shown, model = piece
    read = read_uncached(text, shown, model, _converter)
    return read if cacheable(read) else None


@functools.cache
def _converter() -> BodyConverter:
    """One converter for all of a worker's files (made in the worker, after the fork)."""
    return BodyConverter()
