"""Photos too small for paper, found by `check` as well as by `build`.

A photo is printed at the size the layout gives it; below MIN_DPI dots per inch at that
size it looks soft. The build measures every photo in the laid-out printer's edition
(render/press). `check` lays nothing out, but one placement of the built-in layout is
known without one: an article's lead image spans the text width. Lead images are
measured here with the same message and code, so an editor sees the warning before
building, and the build shows it once. Covers (whose art is sized by the cover's
layout) and photos inside the text (sized by the columns) are left to the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem
from flagpress.links import Kind, resolve
from flagpress.model import Image, Publication
from flagpress.settings import text_column_mm
from flagpress.validate.references import Files

MIN_DPI = 200  # below this at the size it is printed, a photo looks soft on paper
MM_PER_INCH = 25.4
_RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def low_resolution(at: Location, dpi: float, width_px: int) -> Problem:
    """The warning for a photo printed at `dpi` (shared with the PDF renderer)."""
    return at.warning(
        "low-resolution-image",
        f"this image prints at {dpi:.0f} dpi, below {MIN_DPI}: it will look "
        "blurred on paper; use a larger original (at least "
        f"{round(width_px * MIN_DPI / dpi)} pixels wide)",
    )


def check(pub: Publication, files: Files, today: dt.date) -> Iterator[Problem]:
    settings = pub.config.print
    if "print" not in settings.variants:
        return  # resolution matters only in the printer's edition
    text_width = text_column_mm(settings.paper)
    for issue in pub.issues:
        for article in issue.articles:
            if article.is_public(today):
                yield from _measured(article.source, article.image, text_width, files)


def _measured(source: str, image: Image | None, width_mm: float, files: Files) -> Iterator[Problem]:
    """A warning if `image`, printed `width_mm` wide (its height in proportion), is below
    MIN_DPI."""
    if image is None or not image.src.lower().endswith(_RASTER):
        return
    target = resolve(source, image.src)
    if target.kind is not Kind.CONTENT or not files.exists(target.path):
        return  # reported by the references check
    try:
        size = files.image_size(target.path)
    except ValueError:
        return  # reported by the references check
    if size is None:
        return
    dpi = size[0] * MM_PER_INCH / width_mm
    if dpi < MIN_DPI:
        yield low_resolution(image.loc, dpi, size[0])
