"""What flagpress remembers between runs about each file it reads, by content hash.

Converting Markdown and reading YAML front matter is most of the time `check` takes
on a large archive, and an editor usually changes one file between two runs. What
depends only on a file's bytes (its checked details, converted body, outline, links,
and the problems found while reading it) is kept in `.flagpress-cache/load/`, under
a key made of:

- the file's text and its path relative to the publication (locations name the
  path; moving the whole publication folder keeps every entry valid);
- what the result was made by: flagpress's version and a digest of its own loading
  code and model, and the versions of Python, Python-Markdown, pymdown-extensions
  and PyYAML (a converter upgrade may change the HTML);
- the settings the result depends on, passed in by the caller.

Entries are pickles, kept in one SQLite file (load/entry_store.py), read
back by an unpickler that only builds flagpress's own model classes, so an entry
that is corrupt, from an older flagpress, or planted there cannot run code: it is
ignored and the file is read again. The private file is never cached. Entries hold
what the content files hold, no more. The folder is safe to delete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import importlib
import io
import os
import pickle
import sys
from pathlib import Path

from flagpress.cache_file import DIGEST
from flagpress.load.entry_store import EntryStore

# Bump when the layout of an entry changes in a way the code digest would not catch.
FORMAT = 1
FOLDER = "load"
# The modules whose code decides what an entry holds: any change to them is a new cache.
_MAKERS = (
    "flagpress.load",
    "flagpress.model",
    "flagpress.written",
    "flagpress.settings",
    "flagpress.diagnostics",
    "flagpress.keys",
    "flagpress.slugs",
)
_LIBRARIES = ("flagpress", "markdown", "pymdown-extensions", "pyyaml")
_PACKAGE = Path(__file__).resolve().parent.parent  # flagpress itself
# Only these may be rebuilt from an entry: data classes, never functions.
_ALLOWED_MODULES = frozenset(
    {"flagpress.model", "flagpress.written", "flagpress.diagnostics", "flagpress.settings"}
)


class LoadCache:
    """Remembers entries in memory for as long as the object lives (`flagpress serve`).

    `hits` and `misses` count lookups, so callers and tests can see what was reused.
    """

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> object | None:
        """The value stored under `key`, or None (also for an unusable entry)."""
        value = _loads(self._read(key))
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: object) -> bool:
        """Store `value` under `key`; False when it could not be kept."""
        return self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> bool:
        """Store a value already pickled (by a worker process); False when not kept."""
        return self._write(key, data)

    def put_many(self, pickled: list[tuple[str, bytes]]) -> bool:
        """Store values already pickled, together; False when they were not kept."""
        return all([self._write(key, data) for key, data in pickled])

    def missing(self, keys: list[str]) -> set[str]:
        """The `keys` nothing is stored under (what is stored may still be unusable)."""
        return {key for key in keys if key not in self._entries}

    def _read(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def _write(self, key: str, data: bytes) -> bool:
        self._entries[key] = data
        return True


class DiskCache(LoadCache):
    """Entries kept in `folder` (normally `.flagpress-cache/load/` in the publication),
    in one SQLite file (load/entry_store.py)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self._store = EntryStore(folder)
        self._used: set[str] = set()

    def missing(self, keys: list[str]) -> set[str]:
        return self._store.missing(keys)

    def put_many(self, pickled: list[tuple[str, bytes]]) -> bool:
        self._used.update(key for key, _ in pickled)
        return self._store.put_many(pickled)

    def keep(self, keys: list[str]) -> None:
        """Keep these entries at the next `prune`, though this object did not read them."""
        self._used.update(keys)

    def prune(self) -> None:
        """Delete every entry this object neither read nor wrote: after a whole run,
        those are old versions of files, so the store does not grow with each edit."""
        self._store.keep_only(self._used)
        for path in self.folder.glob("??/*"):  # one file per entry, as kept until December 2026
            if DIGEST.fullmatch(path.name):
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    path.parent.rmdir()

    def _read(self, key: str) -> bytes | None:
        self._used.add(key)
        return self._store.get(key)

    def _write(self, key: str, data: bytes) -> bool:
        self._used.add(key)
        return self._store.put(key, data)


def disk_cache(root: Path, cache_dir: str) -> DiskCache:
    """The publication's own cache of read files."""
    return DiskCache(root / cache_dir / FOLDER)


def entry_key(kind: str, shown: str, text: str, settings: str = "") -> str:
    """The key of what reading `text` (the file at publication-relative `shown`) as
    `kind` gives, with `settings` standing for the settings the reading depends on."""
    digest = hashlib.sha256()
    for part in (made_by(), kind, shown, settings):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.cache
def made_by(
    makers: tuple[str, ...] = _MAKERS, libraries: tuple[str, ...] | None = _LIBRARIES
) -> str:
    """What a remembered result was made by: Python's and the `libraries`' versions, and
    a digest of flagpress's code in `makers` (modules, or packages: every file in their
    folder, templates included). `libraries=None` stands for every installed library,
    for results that depend on more than reading (a whole run, load/inputs.py).

    Code is found by path, never imported: telling that nothing changed must stay cheap.
    """
    parts = [f"format {FORMAT}", sys.version, *_versions(libraries)]
    code = hashlib.sha256()
    for source in _code_files(makers):
        shown = source.relative_to(_PACKAGE).as_posix()
        code.update(shown.encode("utf-8", "surrogateescape") + b"\0" + source.read_bytes())
    parts.append(code.hexdigest())
    return "\n".join(parts)


def _versions(libraries: tuple[str, ...] | None) -> list[str]:
    """Each library's version; for None, every distribution installed where Python looks,
    by the name of its metadata folder (name and version) and when it was installed."""
    if libraries is None:
        return _installed()
    from importlib import metadata  # 10 ms, for the load cache only; not for inputs.py

    found = []
    for name in libraries:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} none")
    return found


def _installed() -> list[str]:
    found = set()
    # The same folder may be on the path twice, or as "" (the current folder, for
    # `python -c`): each counted once, by its real path.
    for folder in {os.path.realpath(folder or ".") for folder in sys.path}:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info")):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found.add(f"{folder}/{entry.name} {stat.st_ino} {stat.st_mtime_ns}")
    return sorted(found)


def _code_files(makers: tuple[str, ...]) -> list[Path]:
    """The files of `makers` ("flagpress.load", "flagpress.model"), by path."""
    files: list[Path] = []
    for name in makers:
        where = _PACKAGE.joinpath(*name.split(".")[1:])
        if where.is_dir():
            files += sorted(
                p
                for p in where.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            )
        else:
            files.append(where.with_suffix(".py"))
    return files


class _ModelOnly(pickle.Unpickler):
    """Rebuilds flagpress's data classes and dates, and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        found = _allowed(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"not allowed in a cache entry: {module}.{name}")
        return found


@functools.cache
def _allowed(module: str, name: str) -> type | None:
    """The class an entry may name, or None: decided once per name, not once per entry
    (each of the thousands of entries read names the same few classes)."""
    if module == "datetime" and name == "date":
        return dt.date
    if module in _ALLOWED_MODULES:
        found = getattr(importlib.import_module(module), name, None)
        is_data = dataclasses.is_dataclass(found) or (
            isinstance(found, type) and issubclass(found, enum.Enum)
        )
        if isinstance(found, type) and is_data:
            return found
    return None


def _loads(data: bytes | None) -> object | None:
    """The entry's value, or None when it is missing, corrupt or not allowed."""
    if data is None:
        return None
    try:
        return _ModelOnly(io.BytesIO(data)).load()
    except Exception:  # any broken entry is only a miss: the file is read again
        return None
