"""Pages through a warmed MkDocs: whole builds, incremental builds and the preview.

MkDocs is set up once (config, theme environment, files, nav) and then renders any
page exactly as `mkdocs build` would write it. A build writes its pages on every core
(flagpress/every_core.py): rendering them in Material's templates is most of what
MkDocs does, and each page depends only on what was set up before the workers forked.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from mkdocs.commands.build import _build_theme_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from flagpress.every_core import on_every_core
from flagpress.render.progress import Progress, quiet
from flagpress.render.web.context import Site, WebPage
from flagpress.render.web.mkdocs_adapter.site import (
    SiteSettings,
    _config_yaml,
    _date,
    _escape_shown_values,
    _FlagpressPlugin,
    _index_language,
    _mkdocs_warnings,
    _search,
    _theme_env,
)


class LivePages:
    """One page at a time through a warmed MkDocs, for `flagpress serve`.

    A whole `mkdocs build` of 1,000 articles takes seconds; after a one-word edit only
    the page being looked at is needed. This sets MkDocs up once, as `render_site`
    does (config, theme environment, files, nav), and then renders any one page
    exactly as a build would write it. The search index is made from the whole
    Edition's entries (unlike `mkdocs build --dirty`'s, which holds only the pages
    built). The nav and the
    list of pages are fixed: when they change, make a new one. Not thread-safe.
    """

    def __init__(self, site: Site, settings: SiteSettings, site_dir: Path) -> None:
        """`site_dir` is where MkDocs may write (the pages' addresses are relative to it)."""
        self._work = tempfile.TemporaryDirectory(prefix="flagpress-live-")
        docs_dir = os.path.join(self._work.name, "docs")
        os.mkdir(docs_dir)
        out_dir = site_dir.resolve()
        with _mkdocs_warnings([]):  # a setting MkDocs refuses or warns about
            config = load_config(
                io.StringIO(_config_yaml(site, settings, docs_dir, out_dir)),
                config_file_path=os.path.join(self._work.name, "mkdocs.yml"),
            )
        _escape_shown_values(config, settings)
        if settings.overrides is not None and settings.overrides.is_dir():
            config.theme.dirs.insert(0, str(settings.overrides))
        theme = config.theme
        theme.get_env = lambda: _theme_env(theme)  # type: ignore[method-assign]
        self._search = _search([], _index_language(settings))
        config.plugins["material/search"] = self._search
        self._plugin = _FlagpressPlugin(site, settings.language)
        config.plugins["flagpress"] = self._plugin
        with _mkdocs_warnings(list(theme.dirs)):
            self.config = config.plugins.on_config(config)
            self.env = theme.get_env()
            self.files = config.plugins.on_files(Files([]), config=config)
            self.nav: Navigation = get_navigation(self.files, config)
            # Listed once: listing them for each page made a build of N pages take N².
            self.documents = self.files.documentation_pages()
            self.nav = config.plugins.on_nav(self.nav, config=config, files=self.files)
            self.env = config.plugins.on_env(self.env, config=config, files=self.files)

    def render(self, page: WebPage) -> bytes:
        """The page at `page.src_uri` as `render_site` would write it; raises RendererError."""
        file = self.files.get_file_from_path(page.src_uri)
        if file is None:
            raise KeyError(page.src_uri)  # a new page: the caller makes a new LivePages
        self._plugin.by_uri[page.src_uri] = page
        mk_page = file.page if file.page is not None else Page(None, file, self.config)
        with _mkdocs_warnings(list(self.config.theme.dirs)):
            _populate_page(mk_page, self.config, self.files)
            output = self._build(mk_page)
        return output.encode("utf-8", errors="xmlcharrefreplace")

    def _build(self, page: Page) -> str:
        """What mkdocs.commands.build._build_page does, returning the page instead of writing."""
        config = self.config
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.documents, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(
                context, page=page, config=config, nav=self.nav
            )
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
        return output

    def search_index(self, docs: list[dict[str, str]]) -> bytes:
        """search/search_index.json holding `docs` (render/web/search_index.py)."""
        return self._search.index_json(docs).encode("utf-8")

    def close(self) -> None:
        self._work.cleanup()


class PartialBuild(LivePages):
    """A build of the pages asked for, for `flagpress build`: all of them (`render_site`),
    or only those whose inputs changed when nothing that every page shows has
    (render/web/incremental.py decides which, and reuses the rest).

    Writes into `work` the pages it is asked for, then what depends on every page:
    404.html, the sitemap and the search index.
    """

    def __init__(self, site: Site, settings: SiteSettings, work: Path) -> None:
        super().__init__(site, settings, work)
        self.work = work

    def write(self, page: WebPage) -> None:
        """Render `page` into the work folder, at the address a whole build gives it."""
        file = self.files.get_file_from_path(page.src_uri)
        if file is None:
            raise KeyError(page.src_uri)
        path = self.work / file.dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.render(page))

    def write_pages(self, pages: list[WebPage], progress: Progress = quiet) -> None:
        """Render `pages` into the work folder, on every core; `progress` hears of each.

        The first page is rendered here, so the theme's templates are loaded once,
        before the workers fork. A page no worker wrote (a broken theme override, a
        warning) is rendered here after the others, so that its error is raised here.
        """
        if not pages:
            return
        self.write(pages[0])
        rest, left = pages[1:], set(range(len(pages) - 1))

        def written(number: int, _: None) -> None:
            left.discard(number)
            progress("rendering pages", len(pages) - len(left), len(pages))

        progress("rendering pages", 1, len(pages))
        on_every_core(lambda number: self.write(rest[number]), len(rest), written)
        for number in sorted(left):
            self.write(rest[number])
            written(number, None)

    def copy_theme_files(self) -> None:
        """The theme's scripts, styles, fonts and pictures, copied as `mkdocs build` does."""
        theme_files = Files([])
        with _mkdocs_warnings(list(self.config.theme.dirs)):
            theme_files.add_files_from_theme(self.env, self.config)
            theme_files.copy_static_files()

    def finish(self, search: list[dict[str, str]]) -> None:
        """404.html, sitemap.xml (and .gz) and the search index holding `search`, as
        `render_site` writes them."""
        for file in self.documents:
            page = file.page if file.page is not None else Page(None, file, self.config)
            _date(page, self._plugin.by_uri[file.src_uri])  # the sitemap dates every page
        with _mkdocs_warnings(list(self.config.theme.dirs)):
            for name in self.config.theme.static_templates:
                _build_theme_template(name, self.env, self.files, self.config, self.nav)
        index = self.work / "search" / "search_index.json"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_bytes(self.search_index(search))


def render_site(
    site: Site,
    settings: SiteSettings,
    out_dir: Path,
    search: list[dict[str, str]],
    progress: Progress = quiet,
) -> None:
    """Write the website for `site` into the empty folder `out_dir`, with `search` (see
    render/web/search_index.py) as its search index, telling `progress` of each page as
    it is written. Raises RendererError when MkDocs fails or warns."""
    build = PartialBuild(site, settings, out_dir)
    try:
        build.copy_theme_files()
        build.write_pages(list(site.pages), progress)
        build.finish(search)
    finally:
        build.close()


def destinations(sources: list[str]) -> dict[str, str]:
    """Where a build writes each page: 'issues/x/a.md' -> 'issues/x/a/index.html'."""
    return {
        s: File(s, src_dir=None, dest_dir="", use_directory_urls=True).dest_uri for s in sources
    }
