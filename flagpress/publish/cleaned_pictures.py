"""Pictures the gate cleaned before, so an unchanged picture is not drawn again.

The gate never publishes a content picture as it is: a photo is decoded and drawn
again without its metadata, a drawing rebuilt from an allowlist (render/images.py,
render/svg.py). That takes 20-400 ms a picture, and an archive holds hundreds, all
cleaned again after every one-word edit (45 photos: 1.2 s of a 3-second rebuild).

So the gate remembers, for each picture it cleaned, a *key* and the SHA-256 of what it
published. The key is a digest of the picture's bytes, its kind (extension), the
cleaning code and the versions of the libraries it uses. When the next build cleans a
picture with a known key, and the live release holds, at the same address, a file
whose bytes have the remembered digest, that file *is* what cleaning would publish
now: the gate publishes it again (a hard link) instead of cleaning the picture.
Anything else (other bytes, other code, the live file missing or changed) cleans it
as before. The store holds digests only, never a picture, a name or a path.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flagpress.cache_file import is_digest, write_whole
from flagpress.load.cache import made_by

STORE = "cleaned-pictures.json"  # in the publication's cache folder
# What decides the bytes a picture is published as: any change cleans every picture again.
_CLEANERS = ("flagpress.render.images", "flagpress.render.svg")
_LIBRARIES = ("pillow", "defusedxml")


class CleanedPictures:
    """The pictures cleaned by earlier builds, from `memory` (None: remember nothing).

    `reused` counts the pictures published again without cleaning, so tests can see it.
    """

    def __init__(self, memory: Path | None) -> None:
        self.store = memory / STORE if memory is not None else None
        self._known = _load(self.store)
        self._used: dict[str, str] = {}
        self.reused = 0

    def key(self, data: bytes, extension: str) -> str:
        """The key of cleaning these bytes, of this kind, with the code installed now."""
        key = hashlib.sha256(f"{made_by(_CLEANERS, _LIBRARIES)}\0{extension}\0".encode())
        key.update(hashlib.sha256(data).digest())
        return key.hexdigest()

    def knows(self, key: str) -> bool:
        """Whether an earlier build published the picture of `key` (its file may be gone)."""
        return key in self._known

    def published(self, key: str, live: Path | None) -> bool:
        """Whether `live` holds exactly what cleaning the picture of `key` publishes."""
        digest = self._known.get(key)
        if digest is None or live is None:
            return False
        try:
            same = hashlib.sha256(live.read_bytes()).hexdigest() == digest
        except OSError:
            return False
        if same:
            self._used[key] = digest
            self.reused += 1
        return same

    def remember(self, key: str, made: bytes) -> None:
        """Note what cleaning the picture of `key` published."""
        self._used[key] = hashlib.sha256(made).hexdigest()

    def save(self) -> None:
        """Keep the pictures this build published (and no other): the archive's pictures
        today. A store that cannot be written only costs cleaning them next time."""
        if self.store is None or not self._used or self._used == self._known:
            return
        try:
            write_whole(self.store, json.dumps(self._used, sort_keys=True).encode())
        except OSError:
            return


def _load(store: Path | None) -> dict[str, str]:
    """The remembered digests; an unreadable or strange store is no store."""
    if store is None:
        return {}
    try:
        found = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: digest for key, digest in found.items() if is_digest(key) and is_digest(digest)}
