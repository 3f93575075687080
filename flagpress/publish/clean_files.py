"""Which output files the leak scan has already found clean, so it never reads them again.

Reading a file's text (decoding, removing markup, every object of a PDF) and searching
it is most of a build's time when there is a private file, yet most output files are
byte for byte the previous build's. So a file found clean is remembered under a *key*:
a SHA-256 digest of what made the verdict (the scan's CACHE_VERSION, a digest of the
scanning code and the versions of the libraries that read PDFs and fold letters), the
channel, the digest of the secrets searched for, and the SHA-256 of the file's bytes.
A file is skipped only when its key is known, so:

- other bytes, a new secret, a withdrawal or a takedown (a new secrets digest),
  another channel or a stronger scan all make a new key: the file is read again;
- only clean verdicts are kept: a file with a finding is read every time;
- the store holds digests only, never a private value, a name or any text;
- a damaged or planted store costs at most a rescan: a key is only ever compared with
  one made from the digest of the bytes being checked now.

The keys live in one file, `.flagpress-cache/leak-scan/clean`, read once and written
once per command, atomically (a temporary file, then a rename). A build keeps only the
keys it used or added, so what the site no longer holds is forgotten; `flagpress pdf`
and `flagpress report` only add theirs.

A file's digest is remembered for the rest of the command by device, inode, size,
modification and change time: the kept previous release shares every unchanged file
with the new one by hard link, so its scan reads no byte the new release's scan read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flagpress.cache_file import DIGEST, write_whole
from flagpress.load.cache import made_by

HEADER = b"flagpress leak-scan clean files 1\n"
KEY_SIZE = 32  # bytes of a SHA-256 digest
MAX_STORE = 64 * 1024 * 1024  # a store larger than this is not ours: ignored
# The code and libraries that decide whether a file is clean: any change is a new cache.
_SCANNERS = (
    "flagpress.matching",
    "flagpress.publish.leak_scan",
    "flagpress.publish.output_texts",
    "flagpress.publish.pdf_texts",
    "flagpress.publish.font_texts",
    "flagpress.publish.picture_texts",
    "flagpress.publish.secrets",
)
_LIBRARIES = ("pypdf", "fonttools", "pyahocorasick", "anyascii", "confusable-homoglyphs", "regex")
_Identity = tuple[int, int, int, int, int]


class CleanFiles:
    """The keys of files found clean, loaded from `folder` (None: remember nothing).

    `hashed` counts files whose bytes were read to make a digest, so callers and
    tests can see what was reused.
    """

    def __init__(self, folder: Path | None) -> None:
        self.store = folder / "leak-scan" / "clean" if folder is not None else None
        self._known = _load(self.store)
        self._used: set[bytes] = set()
        self._added = False
        self._digests: dict[_Identity, bytes] = {}
        self.hashed = 0

    def digest(self, path: Path) -> bytes:
        """The SHA-256 of the file's bytes, read only if this file was not hashed before."""
        identity = _identity(path)
        known = self._digests.get(identity)
        if known is None:
            known = content_digest(path.read_bytes())
            self.hashed += 1
            self._digests[identity] = known
        return known

    def is_clean(self, key: bytes) -> bool:
        """Whether a file with this key was found clean (by this command or an earlier one)."""
        if key in self._known:
            self._used.add(key)
            return True
        return False

    def remember(self, key: bytes) -> None:
        """Note that the file with this key was read whole and found clean."""
        self._added = self._added or key not in self._known
        self._known.add(key)
        self._used.add(key)

    def save(self, prune: bool) -> None:
        """Write the keys; with `prune` (after a whole build's scan) only those used.

        A store that cannot be written is simply not kept: the next run scans again.
        """
        keep = self._used if prune else self._known
        if prune and not self._used:
            return  # nothing was scanned (a build stopped before its scan): keep all
        if self.store is None or (keep == self._known and not self._added):
            return
        try:
            write_whole(self.store, HEADER + b"".join(sorted(keep)))
            if prune:
                _forget_old_markers(self.store.parent)
        except OSError:
            return
        self._known, self._added = set(keep), False


def content_digest(data: bytes) -> bytes:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(data).digest()


def verdict_key(version: str, channel: str, secrets_digest: str, digest: bytes) -> bytes:
    """The key under which a clean verdict for these bytes, channel and secrets is kept."""
    key = hashlib.sha256()
    for part in (made_by(_SCANNERS, _LIBRARIES), version, channel, secrets_digest):
        key.update(part.encode() + b"\0")
    key.update(digest)
    return key.digest()


def _identity(path: Path) -> _Identity:
    """What a file's bytes cannot change without (in one command): a hard link to the same
    inode, untouched since, has the same; any write changes the times."""
    stat = path.stat()
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _load(store: Path | None) -> set[bytes]:
    """The keys in the store; none if it is missing, damaged or not one of ours."""
    if store is None:
        return set()
    try:
        if store.stat().st_size > MAX_STORE:
            return set()
        data = store.read_bytes()
    except OSError:
        return set()
    body = data[len(HEADER) :]
    if not data.startswith(HEADER) or len(body) % KEY_SIZE:
        return set()
    return {body[i : i + KEY_SIZE] for i in range(0, len(body), KEY_SIZE)}


def _forget_old_markers(folder: Path) -> None:
    """Delete the one-file-per-PDF markers older versions left (their keys differ)."""
    for path in folder.iterdir():
        if DIGEST.fullmatch(path.name):  # a clean PDF as older versions remembered it
            path.unlink(missing_ok=True)
