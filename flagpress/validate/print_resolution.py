"""Photos too small for paper, found by `check` as well as by `build`.

A photo is printed at the size the layout gives it; below MIN_DPI dots per inch at that
size it looks soft. The build measures every photo in the laid-out printer's edition
(render/press). `check` lays nothing out, but two placements of the built-in layout
are known without one: a cover fills the page and its bleed, and an article's lead
image spans the text width. Those are measured here with the same message and code,
so an editor sees the warning before building; when both agree, the build shows it
once. Photos inside the text (whose size depends on columns) are left to the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem
from flagpress.links import Kind, resolve
from flagpress.model import Image, Publication
from flagpress.validate.references import Files

MIN_DPI = 200  # below this at the size it is printed, a photo looks soft on paper
MM_PER_INCH = 25.4
PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "letter": (215.9, 279.4)}
SIDE_MARGINS_MM = 32.0  # print.css: @page margins of 16 mm left and right
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
    width, height = PAPER_MM[settings.paper]
    for issue in pub.issues:
        cover = (width + 2 * settings.bleed, height + 2 * settings.bleed)
        yield from _measured(issue.source, issue.cover, cover, files)
        for article in issue.articles:
            if article.is_public(today):
                text_width = (width - SIDE_MARGINS_MM, 0.0)  # height follows the width
                yield from _measured(article.source, article.image, text_width, files)


def _measured(
    source: str, image: Image | None, box_mm: tuple[float, float], files: Files
) -> Iterator[Problem]:
    """A warning if `image`, printed in a box `box_mm` wide and high, is below MIN_DPI."""
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
    dpi = size[0] * MM_PER_INCH / box_mm[0]
    if box_mm[1]:
        dpi = min(dpi, size[1] * MM_PER_INCH / box_mm[1])
    if dpi < MIN_DPI:
        yield low_resolution(image.loc, dpi, size[0])
