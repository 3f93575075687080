"""One digest of everything a run's result depends on, to tell that nothing changed.

An editor often runs `flagpress check` (or `build`) again without having changed a
thing, or after changing something and changing it back; on a large archive even a
warm check loads every file from the cache. Comparing this digest with the last run's
lets the commands repeat their last answer instead (commands/unchanged.py). It covers:

- every file and folder under content/ and templates/: its path, and every byte of
  it (the private file and images included), so an edit shows whatever the clock or
  the file's times say;
- site_config.yml, and the publication folder's real path (messages can name it);
- today's date: embargoes, withdrawals and consent reviews change with it;
- the command and its options that change its result, and the FLAGPRESS_* variables;
- what makes the result: all of flagpress's code and every installed library's version
  (`cache.made_by`, which also keys the load cache).

Anything it cannot vouch for gives None instead, and the run takes the normal path: a
folder that is a link (its files could change elsewhere), something that is neither a
file nor a folder, a file it cannot read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from flagpress.load.cache import made_by
from flagpress.load.layout import CONFIG_FILE, CONTENT_DIR, TEMPLATES_DIR

_ENVIRONMENT_PREFIX = "FLAGPRESS_"  # e.g. FLAGPRESS_PDF_CPU_SECONDS, the limit per PDF


class _Unusual(Exception):
    """Something in the inputs this digest cannot vouch for."""


def inputs_digest(root: Path, today: dt.date, options: Mapping[str, object]) -> str | None:
    """The digest of a run of flagpress in `root` on `today` with `options` (a command's
    name and the values that change its result), or None when it cannot be trusted."""
    digest = hashlib.sha256()
    context = {
        "root": str(root.resolve()),
        "today": today.isoformat(),
        "options": options,
        "environment": {k: v for k, v in os.environ.items() if k.startswith(_ENVIRONMENT_PREFIX)},
        "made by": made_by(("flagpress",), None),
    }
    digest.update(json.dumps(context, sort_keys=True, default=str).encode("utf-8", "replace"))
    try:
        _add_file(digest, root / CONFIG_FILE, CONFIG_FILE)
        for folder in (CONTENT_DIR, TEMPLATES_DIR):
            _add_folder(digest, root / folder, folder)
    except (_Unusual, OSError):
        return None
    return digest.hexdigest()


def _add_folder(digest: hashlib._Hash, folder: Path, shown: str) -> None:
    """Every entry of `folder`, in name order, and the folders inside it."""
    if folder.is_symlink():
        raise _Unusual(shown)
    if not folder.exists():
        _add(digest, "missing", shown)
        return
    _add(digest, "folder", shown)
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = f"{shown}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            _add_folder(digest, Path(entry.path), name)
        elif entry.is_file(follow_symlinks=False):  # the usual case, from the listing alone
            _add_bytes(digest, entry.path, name)
        else:
            _add_file(digest, Path(entry.path), name)


def _add_file(digest: hashlib._Hash, path: Path, shown: str) -> None:
    """A file's name and bytes; a link's target too (a link to a folder is unusual)."""
    if path.is_symlink():
        _add(digest, "link", shown, os.readlink(path))
        if not path.exists():
            return  # a broken link: the normal path reports it, the same each time
    if path.is_dir():
        raise _Unusual(shown)
    if not path.exists():
        _add(digest, "missing", shown)
        return
    if not path.is_file():  # a pipe or a device: reading it could block, or never end
        raise _Unusual(shown)
    _add_bytes(digest, str(path), shown)


def _add_bytes(digest: hashlib._Hash, path: str, shown: str) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    _add(digest, "file", shown, str(len(data)))
    digest.update(data)


def _add(digest: hashlib._Hash, *fields: str) -> None:
    for text in fields:
        digest.update(os.fsencode(text) + b"\0")
