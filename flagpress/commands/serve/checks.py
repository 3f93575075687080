"""The preview's `check`: the same problems as `flagpress check`, found again in a fraction.

After one edit, most of a full check is repeated work: every file is read and
converted again, and the checks of each article (personal details, plain language,
sign-off fingerprints) run over 1,000 that did not change. Here the load reuses each
file's last reading while its text is the same (`load_publication`'s memo), those
checks run again only for articles and pages that changed (or when the settings or
the contributors did), and what the file system said about links and images is
remembered until a file is added, removed or replaced. Every check that looks across
files (people, links, consent) runs in full each time, so a change in one file is
still seen in every file it affects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from flagpress.diagnostics import Problem
from flagpress.load import load_publication
from flagpress.load.content_files import ContentFiles
from flagpress.load.private_file import Private, load_private
from flagpress.load.publication import Memo
from flagpress.model import Publication
from flagpress.publish.redaction import redact
from flagpress.validate import (
    accessibility,
    consent,
    markup,
    people,
    personal_data,
    plain_language,
    references,
    sign_off,
    structure,
)

# Together these are exactly the checks `validate.validate` runs (a test compares the
# problems of both on the same publication, before and after edits).
WHOLE: tuple[Callable[[Publication, ContentFiles, dt.date], Iterable[Problem]], ...] = (
    lambda pub, _files, _today: people.check(pub),
    lambda pub, _files, _today: structure.check(pub),
    references.check,
    lambda pub, _files, _today: markup.check(pub),
    lambda pub, _files, today: consent.check(pub, today),
    lambda pub, _files, _today: accessibility.check(pub),
)
# Checks whose problems about an article or page depend only on it and the details
# files (settings, contributors, issues).
PER_ITEM: tuple[Callable[[Publication], Iterable[Problem]], ...] = (
    personal_data.check,
    plain_language.check,
    sign_off.check,
)


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
        # source -> (its text, every details file's text, its problems) when last checked
        self._items: dict[str, tuple[str | None, tuple[str, ...], list[Problem]]] = {}

    def check(self, today: dt.date, files_changed: bool = True) -> Checked:
        """Every problem in the publication, private values redacted.

        `files_changed`: a file may have been added, removed or replaced since the
        last check, so what the file system said about links and images is asked again.
        """
        if files_changed:
            self.files.forget()
        pub, problems = load_publication(self.root, memo=self.memo)
        if pub is not None:
            problems += self.validate(pub, self.files, today)
        private, private_problems = load_private(self.root, pub)
        return Checked(pub, private, redact(sorted(set(problems + private_problems)), pub, private))

    def validate(self, pub: Publication, files: ContentFiles, today: dt.date) -> list[Problem]:
        """What `validate.validate(pub, files, today)` returns, checking only changes again."""
        problems = [p for check in WHOLE for p in check(pub, files, today)]
        items = [a.source for a in pub.all_articles()] + [p.source for p in pub.pages]
        # What each file held when read (the load's memo), and every details file:
        # an article unchanged in a publication whose other files are unchanged has
        # the same problems as last time.
        texts = {key[0]: kept[0] for key, kept in self.memo.items()}
        context = tuple(
            text for (path, _), (text, _, _) in self.memo.items() if path[-4:] == ".yml"
        )
        fresh = {
            source
            for source in items
            if (kept := self._items.get(source)) is None
            or kept[0] != texts.get(source)
            or kept[1] != context
        }
        if fresh:
            found = self._per_item(pub, fresh)
            for source in fresh:
                self._items[source] = (texts.get(source), context, found.get(source, []))
        for gone in set(self._items) - set(items):
            del self._items[gone]
        problems += [p for source in items for p in self._items[source][2]]
        return sorted(set(problems))

    @staticmethod
    def _per_item(pub: Publication, sources: set[str]) -> dict[str, list[Problem]]:
        """The per-item checks' problems, by file, for the articles and pages of `sources`."""
        only = dataclasses.replace(
            pub,
            issues=tuple(
                dataclasses.replace(i, articles=tuple(a for a in i.articles if a.source in sources))
                for i in pub.issues
            ),
            articles=tuple(a for a in pub.articles if a.source in sources),
            pages=tuple(p for p in pub.pages if p.source in sources),
        )
        found: dict[str, list[Problem]] = {}
        for check in PER_ITEM:
            for problem in check(only):
                found.setdefault(problem.path, []).append(problem)
        return found
