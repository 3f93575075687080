"""The website: pages computed from the Edition, rendered through MkDocs + Material."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from flagpress.diagnostics import Location, Problem
from flagpress.render.edition import Edition
from flagpress.render.web.extras import ExtraSource
from flagpress.render.web.pages import compute_site

__all__ = ["Website"]


class Website:
    """The website output: every page, its search index and sitemap, and the files it links."""

    name = "website"
    alternate = None

    def __init__(self, extras: tuple[ExtraSource, ...] = ()) -> None:
        self.extras = extras  # pages computed elsewhere in render (the report's)

    def render(self, edition: Edition, folder: Path) -> list[Problem]:
        """Render the website into `folder`, next to what other outputs wrote there."""
        # MkDocs is imported only when a website is made (not by `flagpress check`).
        from flagpress.render.web.mkdocs_adapter import RendererError, SiteSettings, render_site

        site = compute_site(edition, folder, self.extras)
        settings = SiteSettings(
            name=edition.config.title,
            url=edition.config.url,
            language=edition.config.language,
            description=edition.config.description,
            overrides=edition.root / "templates" / "theme",
            alternates=tuple((a.href, a.type) for a in edition.alternates),
        )
        # MkDocs empties the folder it writes to: it gets one of its own, merged after.
        work = Path(tempfile.mkdtemp(prefix=".website-", dir=folder))
        try:
            render_site(site, settings, work)
            return _merge(work, folder)
        except RendererError as err:
            return [_theme_problem(edition.root, err)]
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _theme_problem(root: Path, err: Exception) -> Problem:
    """MkDocs failed: said at the publication's theme override when one is to blame."""
    filename = getattr(err, "filename", None)
    path = Path(filename) if filename else root / "templates" / "theme"
    inside = path.resolve().is_relative_to(root.resolve())
    shown = path.resolve().relative_to(root.resolve()).as_posix() if inside else "templates/theme"
    return Location(shown, getattr(err, "line", 1)).error(
        getattr(err, "code", "theme-error"),
        f"{err}; fix the file, or delete it to use flagpress's built-in theme",
    )


def _merge(source: Path, folder: Path) -> list[Problem]:
    """Move every file MkDocs wrote into `folder`; a file never replaces another output's."""
    problems = []
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(source)
        target = folder / rel
        if target.exists():
            problems.append(
                Location(rel.as_posix()).error(
                    "output-clash",
                    "two outputs would write this file; rename the file in content/ that "
                    "is published at this address",
                )
            )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    return problems
