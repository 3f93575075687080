"""One SQLite file holding a cache's entries (key -> bytes), for DiskCache.

A first build of 1,000 articles keeps over 3,000 entries (each file's reading, its
text checks, each described page). As one file each, creating them was 15% of the
build's time (half a millisecond of the system's time per file made, here), and
their 256 folders had to be walked to prune them. One SQLite database (write-ahead
log, so a write is an append, and readers never wait for writers) holds them all:
each entry is written whole in a transaction of its own, two runs at once each see
whole entries, and a run killed half-way loses at most what it had not written.
What is deleted is overwritten (SQLite's secure delete), and pruning empties the log,
so a page that named someone who has since withdrawn consent does not stay in the
file's free space, as it would not stay in a deleted file.

The file is only a cache: one that cannot be opened, is not a database or is
damaged is deleted and made again once, and after that the run goes on without it
(every miss only costs reading the file again).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

FILE = "entries.sqlite"
_BATCH = 500  # keys per query (SQLite allows at least 999 parameters)
# Connections a forked worker found open: SQLite's rule is that a child process neither
# uses nor closes them, so they are held here (never closed) and a new one is opened.
_INHERITED: list[sqlite3.Connection] = []
_SETUP = (
    # What is deleted is overwritten, not left in free pages: a page described before
    # someone withdrew consent must not linger in the file after it is pruned.
    "PRAGMA secure_delete=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",  # no fsync per write: a cache may lose its last writes
)
# A table with row ids: entries are kilobytes, for which SQLite's WITHOUT ROWID tables
# (used until December 2026, dropped when found) were 1.6x slower to write, 2.6x to read.
_TABLE = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
_OLD_TABLE = "SELECT 1 FROM sqlite_master WHERE name = 'entries' AND sql LIKE '%WITHOUT ROWID%'"


class EntryStore:
    """The entries in `folder`/entries.sqlite; opened (and made) on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._path = folder / FILE  # made once: a build reads thousands of entries
        self._db: sqlite3.Connection | None = None
        self._tries = 2  # open, and once more after deleting a damaged file
        self._pid = os.getpid()  # the process the connection was opened in

    def get(self, key: str) -> bytes | None:
        cursor = self._execute("SELECT value FROM entries WHERE key = ?", (key,), create=False)
        row = cursor.fetchone() if cursor is not None else None
        return bytes(row[0]) if row else None

    def missing(self, keys: list[str]) -> set[str]:
        """The `keys` with no entry (all of them when the store is unusable): a few
        queries for thousands of keys, not one each."""
        found: set[str] = set()
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            sql = f"SELECT key FROM entries WHERE key IN ({','.join('?' * len(batch))})"
            cursor = self._execute(sql, tuple(batch), create=False)
            if cursor is None:
                return set(keys)
            found.update(row[0] for row in cursor)
        return set(keys) - found

    def put(self, key: str, value: bytes) -> bool:
        """Keep `value` under `key`; False when the store cannot be written."""
        sql = "INSERT OR REPLACE INTO entries VALUES (?, ?)"
        return self._execute(sql, (key, value), create=True) is not None

    def put_many(self, items: list[tuple[str, bytes]]) -> bool:
        """Keep each (key, value) in one transaction (a transaction each was a tenth of a
        cold check's time in the main process); False when the store cannot be written."""
        db = self._open(create=True)
        if db is None:
            return False
        try:
            db.execute("BEGIN")
            try:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", items)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # busy beyond the timeout, or the disk: not kept
            return False
        except sqlite3.DatabaseError:  # damaged since it was opened: made again next time
            self._discard()
            return False
        return True

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every entry whose key is not one of `keys`."""
        db = self._open(create=False)
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            with db:  # one transaction
                db.execute("DELETE FROM kept")
                db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
                db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM kept)")
            # The log still holds the deleted entries' pages: written back and emptied.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _execute(self, sql: str, args: tuple, create: bool) -> sqlite3.Cursor | None:
        """`sql` run, or None when the store is unusable (busy, unwritable, damaged)."""
        for _ in range(2):
            db = self._open(create)
            if db is None:
                return None
            try:
                return db.execute(sql, args)
            except sqlite3.OperationalError:  # busy beyond the timeout, or the disk: a miss
                return None
            except sqlite3.DatabaseError:  # damaged since it was opened: made again once
                self._discard()
        return None

    def _open(self, create: bool) -> sqlite3.Connection | None:
        path = self._path
        if self._pid != os.getpid():  # a forked worker (flagpress/every_core.py)
            if self._db is not None:
                _INHERITED.append(self._db)
            self._db, self._tries, self._pid = None, 2, os.getpid()
        while self._db is None and self._tries > 0 and (create or path.is_file()):
            self._tries -= 1
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(
                    path, timeout=30, isolation_level=None, check_same_thread=False
                )
                for statement in _SETUP:
                    db.execute(statement)
                if db.execute(_OLD_TABLE).fetchone():
                    db.execute("DROP TABLE entries")  # its pages overwritten (secure_delete)
                db.execute(_TABLE)
                self._db = db
            except (sqlite3.OperationalError, OSError):
                self._tries = 0  # cannot be opened or written here: go on without it
            except sqlite3.DatabaseError:
                self._discard()  # not a database: deleted, and made again once
        return self._db

    def _discard(self) -> None:
        """Close and delete a file that is not a usable database."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                (self.folder / (FILE + suffix)).unlink(missing_ok=True)
