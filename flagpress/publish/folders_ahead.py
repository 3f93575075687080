"""The live release's folders made in a new staging folder while the content is checked.

Every page of the website is a folder of its own (`articles/<slug>/index.html`), and
each build publishes a whole new release, so a rebuild makes every folder again:
1,500 at 1,000 articles, 7,000 at 5,000. Making a folder is a write to the file
system's journal, not to memory (0.1-0.25 ms each, measured here): 0.37 s of a
1.7-second rebuild after a one-word edit at 1,000 articles, all of it in the process
that also renders. Yet the folders of the next release are almost always those of the
live one. So a forked helper makes them in the staging folder while the main process
loads and checks the content, which needs no file system; the gate waits for it before
it publishes its first file.

The folders are only places: the gate still decides every file published, and a folder
it published nothing in is removed before the release is scanned, so the release is
exactly what it would be without them. A forked process, not a thread: the build forks
its own workers (flagpress/every_core.py), which is only safe while no other thread
runs. Not where folder names may differ in case only (a file system that ignores case
would then keep the live release's spelling), nor where there is no fork: there the
gate makes every folder, as before.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from flagpress.every_core import Helper, meanwhile
from flagpress.folder_listing import entries
from flagpress.publish.release import MARKER


class FoldersAhead:
    """A helper making, in `staging`, the folders of the `live` release (None: none)."""

    def __init__(self, staging: Path, live: Path | None) -> None:
        self.staging = staging
        self._made: set[str] | None = None
        self._helper: Helper[set[str]] | None = None
        if live is not None and _tells_case_apart(staging):
            self._helper = meanwhile(lambda: _make_folders(staging, live))
        if self._helper is None:
            self._made = set()

    def made(self) -> set[str]:
        """The folders made (addresses relative to staging); waits for the helper."""
        if self._made is None:
            assert self._helper is not None
            made = self._helper.result()
            self._made = made if made is not None else _folders_in(self.staging)
        return self._made

    def stop(self) -> None:
        """Stop the helper, if it still runs (a failed build: its staging is removed)."""
        if self._made is None:
            assert self._helper is not None
            self._helper.stop()
            self._made = set()

    def remove_unused(self, used: set[str]) -> None:
        """Remove every folder made that holds none of the `used` folders' (nor is one)."""
        needed = {""}
        for folder in used:
            while folder not in needed:
                needed.add(folder)
                folder = folder.rpartition("/")[0]
        unused = sorted(self.made() - needed, key=lambda folder: folder.count("/"), reverse=True)
        for folder in unused:
            with contextlib.suppress(OSError):  # not empty: then it holds a file published
                os.rmdir(self.staging / folder)


def _tells_case_apart(staging: Path) -> bool:
    """The file system tells names differing in case only apart."""
    return not (staging / MARKER.upper()).exists()  # the marker is there in lower case


def _folders_in(staging: Path) -> set[str]:
    """The folders a helper that failed made (none is published in yet)."""
    return {name for name in entries(staging) if (staging / name).is_dir()}


def _make_folders(staging: Path, live: Path) -> set[str]:
    """In the helper: make in `staging` each folder of `live`; those made.

    A folder that cannot be made ends the work: those made so far are returned, and
    the gate makes any other it needs.
    """
    made: set[str] = set()
    with contextlib.suppress(OSError):
        for folder, folders, _ in os.walk(live):
            folders[:] = [f for f in folders if not os.path.islink(os.path.join(folder, f))]
            relative = os.path.relpath(folder, live)
            for name in folders:
                address = name if relative == "." else f"{relative}/{name}"
                os.mkdir(staging / address)
                made.add(address)
    return made
