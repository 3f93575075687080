"""The website: pages computed from the Edition, rendered through MkDocs + Material."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from flagpress.diagnostics import Location, Problem
from flagpress.render.edition import Edition
from flagpress.render.folder import Folder
from flagpress.render.progress import Progress, quiet
from flagpress.render.web.described import ReusingBuilder, Vanished
from flagpress.render.web.extras import ExtraSource
from flagpress.render.web.footer import footer
from flagpress.render.web.pages import compute_site
from flagpress.render.web.search_index import search_docs
from flagpress.render.web.sitemap import ROBOTS, robots_txt

if TYPE_CHECKING:
    from flagpress.render.web.mkdocs_adapter import SiteSettings

__all__ = ["Website", "site_settings", "theme_problem"]


class Website:
    """The website output: every page, its search index, sitemap and robots.txt, and the
    files it links."""

    name = "website"
    alternate = None

    def __init__(self, extras: tuple[ExtraSource, ...] = ()) -> None:
        self.extras = extras  # pages computed elsewhere in render (the report's)

    def render(self, edition: Edition, folder: Folder, progress: Progress = quiet) -> list[Problem]:
        """Render the website into `folder`, next to what other outputs wrote there;
        `progress` hears of each page as it is rendered."""
        # MkDocs is imported only when a website is made (not by `flagpress check`).
        from flagpress.render.web.incremental import render_website
        from flagpress.render.web.mkdocs_adapter import RendererError

        # Written first, so a content file can never take its address.
        folder.write(ROBOTS, robots_txt(edition.config.url).encode("utf-8"))
        builder = ReusingBuilder(edition, folder)
        site = compute_site(edition, folder, self.extras, builder=builder)
        memory = builder.memory
        del builder  # and its digest of every value a page was made from (17 MB at 5,000)
        settings = site_settings(edition)
        # MkDocs empties the folder it writes to: it gets one of its own, published after;
        # pages whose inputs did not change are published from the live website instead.
        work = folder.scratch()
        try:
            search = search_docs(edition, site.pages)
            render_website(site, settings, (folder, work), search, progress)
            memory.save()
            return []
        except RendererError as err:
            return [theme_problem(edition.root, err)]
        except Vanished as err:  # another build, or a person, emptied the cache meanwhile
            return [Location(".flagpress-cache", 1).error("cache-changed", f"{err}: build again")]
        finally:
            shutil.rmtree(work, ignore_errors=True)


def site_settings(edition: Edition) -> SiteSettings:
    """What the theme is given besides the pages: one place, for builds and the preview."""
    from flagpress.render.web.mkdocs_adapter import SiteSettings

    return SiteSettings(
        name=edition.config.title,
        url=edition.config.url,
        language=edition.config.language,
        description=edition.config.description,
        overrides=edition.root / "templates" / "theme",
        alternates=tuple((a.href, a.type) for a in edition.alternates),
        footer=footer(edition),
    )


def theme_problem(root: Path, err: Exception) -> Problem:
    """MkDocs failed: said at the publication's theme override when one is to blame."""
    filename = getattr(err, "filename", None)
    path = Path(filename) if filename else root / "templates" / "theme"
    inside = path.resolve().is_relative_to(root.resolve())
    shown = path.resolve().relative_to(root.resolve()).as_posix() if inside else "templates/theme"
    return Location(shown, getattr(err, "line", 1)).error(
        getattr(err, "code", "theme-error"),
        f"{err}; fix the file, or delete it to use flagpress's built-in theme",
    )

