"""The preview's `check`: the same problems as `flagpress check`, found again in a fraction.

After one edit, most of a full check is repeated work: every file is read and
converted again, and the checks of each text (personal details, plain language) run
over 1,000 that did not change. Here the load reuses each file's last reading while
its text is the same (`load_publication`'s memo), the per-text checks come from an
in-memory load cache (the same one `check` keeps on disk), and what the file system
said about links and images is remembered until a file is added, removed or
replaced. The checks themselves are exactly `validate.validate`'s: every check that
looks across files runs in full each time, so a change in one file is still seen in
every file it affects, and a check added to flagpress is in the preview at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from flagpress.diagnostics import Problem
from flagpress.load import load_publication
from flagpress.load.cache import LoadCache
from flagpress.load.content_files import ContentFiles
from flagpress.load.private_file import Private, load_private
from flagpress.load.publication import Memo
from flagpress.model import Publication
from flagpress.publish.redaction import redact
from flagpress.validate import validate


class RememberedFiles(ContentFiles):
    """ContentFiles that remembers its answers until `forget` (a file added or removed)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._exists: dict[str, bool] = {}
        self._sizes: dict[str, tuple[int, int] | None | ValueError] = {}

    def exists(self, path: str) -> bool:
        if path not in self._exists:
            self._exists[path] = super().exists(path)
        return self._exists[path]

    def image_size(self, path: str) -> tuple[int, int] | None:
        if path not in self._sizes:
            try:
                self._sizes[path] = super().image_size(path)
            except ValueError as err:
                self._sizes[path] = err
        size = self._sizes[path]
        if isinstance(size, ValueError):
            raise size
        return size

    def forget(self) -> None:
        self._exists.clear()
        self._sizes.clear()


@dataclasses.dataclass
class Checked:
    publication: Publication | None
    private: Private
    problems: list[Problem]


class Checker:
    """Checks one publication again and again, remembering what it may reuse."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.memo: Memo = {}
        self.files = RememberedFiles(root)
        self.cache = LoadCache()  # in memory: the per-text checks of unchanged texts

    def check(self, today: dt.date, files_changed: bool = True) -> Checked:
        """Every problem in the publication, private values redacted.

        `files_changed`: a file may have been added, removed or replaced since the
        last check, so what the file system said about links and images is asked again.
        """
        if files_changed:
            self.files.forget()
        pub, problems = load_publication(self.root, self.cache, self.memo)
        if pub is not None:
            problems += validate(pub, self.files, today, self.cache)
        private, private_problems = load_private(self.root, pub)
        return Checked(pub, private, redact(sorted(set(problems + private_problems)), pub, private))
