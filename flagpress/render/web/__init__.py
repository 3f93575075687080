"""The website: pages computed from the publication, rendered through MkDocs + Material."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from flagpress.model import Publication
from flagpress.render.web.mkdocs_adapter import RendererError, SiteSettings, render_site
from flagpress.render.web.pages import Download, compute_site

__all__ = ["Download", "RendererError", "render_web"]


def render_web(
    pub: Publication,
    root: Path,
    out_dir: Path,
    today: dt.date,
    downloads: Mapping[str, Sequence[Download]] | None = None,
) -> int:
    """Render the website into the empty folder `out_dir`; returns the number of pages.

    `downloads` maps issue slugs to files (e.g. PDFs) to publish and link on the issue page.
    """
    site = compute_site(pub, root, today, downloads)
    settings = SiteSettings(
        name=pub.config.title,
        url=pub.config.url,
        language=pub.config.language,
        description=pub.config.description,
        overrides=root / "templates" / "theme",
    )
    render_site(site, settings, out_dir)
    return len(site.pages)
