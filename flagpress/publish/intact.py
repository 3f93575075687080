"""Whether a live release is still exactly as the build that made it left it.

A build may be skipped when nothing changed (commands/unchanged.py) only if the
website it made is still there, untouched: someone may have deleted a page, edited a
file by hand, or pointed `site` at an older release. Reading every byte back would
cost as much as a small build, so the state of a release is a digest of what the
file system records about each entry, taken when the build finished and again now:

- the link (`site`, `print`): its target and its own inode, and the names of what
  is beside the release (the kept one; no staging folder of a build that was killed);
- every file and folder of the release, by path: kind, permissions, inode, size,
  modification time and *change time* (ctime).

The change time is what makes this safe and cheap: the kernel sets it to "now" on
any write, truncation, rename, permission change or new hard link, and no program can
set it back (`touch -d` sets the modification time, and updates ctime). A changed,
added, removed or replaced file therefore changes the digest; so does a folder whose
entries changed (its modification and change times move). Anything that merely
looks like a change (a backup tool restoring times, the next build linking the same
files into its own release) only costs a real build, never a stale website.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from flagpress.publish.release import MARKER

ABSENT = "absent"  # no link and nothing there: e.g. no printer's folder (no such edition)


def state(link: Path) -> str | None:
    """The state of the release `link` points at (ABSENT if there is nothing at `link`),
    or None when `link` is not a release flagpress switched in (a plain folder, say)."""
    if not link.is_symlink():
        return None if link.exists() or link.is_symlink() else ABSENT
    release = link.parent / os.readlink(link)
    try:
        if not (release / MARKER).is_file():
            return None
        digest = hashlib.sha256()
        # What else is beside it: a killed build's staging folder is for a real build to
        # clear away, and a kept release gone or added is not what that build left.
        digest.update(os.fsencode("\0".join(sorted(os.listdir(release.parent)))) + b"\n")
        _add(digest, os.readlink(link), os.lstat(link))
        _add(digest, ".", os.lstat(release))
        _add_folder(digest, str(release), "")
    except OSError:
        return None
    return digest.hexdigest()


def _add_folder(digest: hashlib._Hash, folder: str, shown: str) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = f"{shown}/{entry.name}"
        info = entry.stat(follow_symlinks=False)
        _add(digest, name, info)
        if stat.S_ISDIR(info.st_mode):
            _add_folder(digest, entry.path, name)


def _add(digest: hashlib._Hash, name: str, info: os.stat_result) -> None:
    fields = (
        info.st_mode,
        info.st_dev,
        info.st_ino,
        info.st_nlink,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    )
    digest.update(os.fsencode(name) + b"\0" + " ".join(map(str, fields)).encode() + b"\n")
