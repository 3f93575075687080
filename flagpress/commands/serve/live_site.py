"""The preview's website: built whole once, then kept current one page at a time.

A build of 1,000 articles takes seconds, but after a one-word edit a reader looks at
one page. So after each change the pages are only described (which template, with
what), every page is marked out of date, and a page is rendered again, from the new
Edition through the warmed theme (`LivePages`), when it is asked for or when the
preview is idle. A change to the list of pages or to the nav (a new article, a new
issue) builds the whole website again, into a new folder, switched in when done.
Nothing here publishes: the folders are private temporary ones, never `site/`.
"""

from __future__ import annotations

import itertools
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flagpress.diagnostics import ContentError, Problem, has_errors
from flagpress.publish.gate import Gate
from flagpress.render import OUTPUTS, Edition
from flagpress.render.feed import AtomFeed
from flagpress.render.web import Website, site_settings, theme_problem
from flagpress.render.web.context import PageSpec, SiteBuilder, WebPage
from flagpress.render.web.mkdocs_adapter import LivePages, RendererError
from flagpress.render.web.pages import compute_site
from flagpress.render.web.search_index import search_docs
from flagpress.render.web.sharing import describe

SEARCH_INDEX = "search/search_index.json"


class _Described(SiteBuilder):
    """Collects how each page is made instead of making it; `page` makes one."""

    def __init__(self, edition: Edition, gate: Gate) -> None:
        super().__init__(edition, gate)
        self.specs: dict[str, PageSpec] = {}

    def make(self, spec: PageSpec) -> None:
        self.specs[spec.src] = spec

    def page(self, src: str) -> WebPage:
        SiteBuilder.make(self, self.specs[src])
        return self.site.pages.pop()


@dataclass
class _Current:
    """One built website and what renders its pages again."""

    folder: Path
    described: _Described
    gate: Gate
    live: LivePages
    by_dest: dict[str, str]  # 'articles/x/index.html' -> 'articles/x.md'
    dest_of: dict[str, str]  # and back
    stale: set[str]  # pages (by src) rendered before the latest change


class LiveSite:
    """The preview's website in `base` (a private temporary folder). Thread-safe."""

    def __init__(self, base: Path, found: Callable[[list[Problem]], None] = print) -> None:
        """`found` is told of problems found while rendering a page (after a check)."""
        self.base, self.found = base, found
        self.lock = threading.RLock()
        self.current: _Current | None = None
        self.page_problems: dict[str, list[Problem]] = {}  # found while rendering a page
        self._numbers = itertools.count(1)

    @property
    def folder(self) -> Path | None:
        return self.current.folder if self.current else None

    def update(self, edition: Edition, whole: bool = False) -> list[Problem]:
        """Show `edition`: pages are marked out of date, or the website built again when
        `whole` or when its pages or nav changed. Returns the problems found."""
        with self.lock:
            current = self.current
            if whole or current is None:
                return self._build(edition)
            gate = Gate(edition.root, current.folder, edition.config.downloads)
            described = _describe(edition, gate)
            if set(described.specs) != set(current.described.specs) or (
                described.site.nav != current.described.site.nav
            ):
                return self._build(edition)
            problems = AtomFeed().render(edition, gate) + gate.problems
            gate.problems = []
            current.gate, current.described = gate, described
            current.stale = set(described.specs)
            self.page_problems = {}
            return problems

    def _build(self, edition: Edition) -> list[Problem]:
        """The whole website into a new folder, switched in if it could be made."""
        folder = self.base / f"site-{next(self._numbers)}"
        folder.mkdir()
        gate = Gate(edition.root, folder, edition.config.downloads)
        problems: list[Problem] = []
        try:
            for output in (o for o in OUTPUTS if isinstance(o, Website | AtomFeed)):
                try:
                    problems += output.render(edition, gate)
                except ContentError as err:
                    problems += err.problems
                problems += gate.problems
                gate.problems = []
            if has_errors(problems):
                shutil.rmtree(folder, ignore_errors=True)
                return problems
            described = _describe(edition, gate)
            pages = [WebPage(src, spec.title, "") for src, spec in described.specs.items()]
            described.site.pages = pages
            live = LivePages(described.site, site_settings(edition), folder)
            described.site.pages = []
            _warm(described, live)
        except RendererError as err:
            problems.append(theme_problem(edition.root, err))
        finally:
            gate.close()
        if has_errors(problems):
            shutil.rmtree(folder, ignore_errors=True)
            return problems
        by_dest = {f.dest_uri: f.src_uri for f in live.files.documentation_pages()}
        dest_of = {src: dest for dest, src in by_dest.items()}
        old = self.current
        self.current = _Current(folder, described, gate, live, by_dest, dest_of, set())
        self.page_problems = {}
        if old is not None:
            old.live.close()
            shutil.rmtree(old.folder, ignore_errors=True)
        return problems

    def file(self, dest: str) -> bytes | None:
        """The file at `dest` ('articles/x/index.html'), its page made again first if it is
        out of date; None if there is no such file. `dest` must be inside the website."""
        with self.lock:  # never from a folder a rebuild is replacing
            current = self.current
            if current is None:
                return None
            src = current.by_dest.get(dest)
            if dest == SEARCH_INDEX and current.stale != set(current.described.specs):
                return current.live.search_index(_search_docs(current.described))
            made = self._render(current, src, dest) if src in current.stale else None
            if made is not None:
                return made
            path = current.folder / dest
            return path.read_bytes() if path.is_file() else None

    def _render(self, current: _Current, src: str | None, dest: str) -> bytes | None:
        if src is None:
            return None
        try:
            html = current.live.render(current.described.page(src))
        except RendererError as err:
            self._failed(src, [theme_problem(current.described.edition.root, err)])
            return None
        except ContentError as err:
            self._failed(src, err.problems)
            return None
        finally:
            found, current.gate.problems = current.gate.problems, []
        self._failed(src, found)
        current.stale.discard(src)
        target = current.folder / dest
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(html)
        partial.replace(target)  # a reader never gets half a page
        return html

    def _failed(self, src: str, problems: list[Problem]) -> None:
        """Keep what rendering `src` found, and say it if it is new."""
        if problems != self.page_problems.get(src):
            self.found(problems)
        self.page_problems[src] = problems

    def refresh_one(self) -> bool:
        """Render one out-of-date page (when idle); False when none is left."""
        with self.lock:
            current = self.current
            if current is None or not current.stale:
                return False
            src = next(iter(current.stale))
            dest = current.dest_of[src]
            if self._render(current, src, dest) is None:
                current.stale.discard(src)  # its problem is shown; not tried again
            if not current.stale:
                index = current.live.search_index(_search_docs(current.described))
                (current.folder / SEARCH_INDEX).write_bytes(index)
            return True

    def problems(self) -> list[Problem]:
        with self.lock:
            return sorted({p for found in self.page_problems.values() for p in found})

    def close(self) -> None:
        with self.lock:
            if self.current is not None:
                self.current.live.close()
            self.current = None


def _warm(described: _Described, live: LivePages) -> None:
    """Render one page of each template (and throw it away): the first edit is then as
    quick as the next, its templates already compiled."""
    first: dict[str, str] = {}
    for src, spec in described.specs.items():
        first.setdefault(spec.template, src)
    for src in first.values():
        live.render(described.page(src))


def _search_docs(described: _Described) -> list[dict[str, str]]:
    """The search index's entries for every described page, in the site's order."""
    edition, namer = described.edition, described.namer
    pages = [
        WebPage(src, s.title, "", s.description or describe(edition, namer, s.template, s.context))
        for src, s in described.specs.items()
    ]
    return search_docs(described.edition, pages)


def _describe(edition: Edition, gate: Gate) -> _Described:
    """Every page of `edition`, described (not rendered), with the site's nav."""
    website = next(o for o in OUTPUTS if isinstance(o, Website))
    described = _Described(edition, gate)
    compute_site(edition, gate, website.extras, builder=described)
    return described
