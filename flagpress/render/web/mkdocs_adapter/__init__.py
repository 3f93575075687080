"""The one place flagpress touches MkDocs (1.x is unmaintained upstream).

MkDocs + Material are used as a renderer only: flagpress hands over finished page
bodies as generated files, MkDocs wraps them in the theme, builds the nav and the
search index. MkDocs never reads `content/` (its docs_dir is an empty folder) and
never sees front matter. Any warning MkDocs logs fails the build, since it means
flagpress produced something MkDocs did not understand. `site.py` sets MkDocs up
(settings, theme, plugins); `pages.py` renders pages through a warmed MkDocs (whole
and incremental builds, on every core; the preview, one page at a time). Nothing
outside this package imports MkDocs.
"""

from flagpress.render.web.mkdocs_adapter.pages import (
    LivePages,
    PartialBuild,
    destinations,
    render_site,
)
from flagpress.render.web.mkdocs_adapter.site import (
    THEME_DIR,
    RendererError,
    SiteSettings,
    theme_language,
)

__all__ = [
    "THEME_DIR",
    "LivePages",
    "PartialBuild",
    "RendererError",
    "SiteSettings",
    "destinations",
    "render_site",
    "theme_language",
]
