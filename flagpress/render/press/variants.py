"""The four PDF editions of an issue, and what makes each one different.

All four come from the same print HTML: a variant only changes the page set-up
(paper, bleed, marks), the stylesheets layered on top and the PDF options. Keeping
that in one small table makes "same content, different form" easy to check.

Each variant is also published in one naming channel: the printer's edition (`print`)
goes to the printer only, and may name people with print consent; the others are
offered on the website, so they are `web-pdf` (named only with web and print consent).
The booklet is imposed from the printer's layout rendered in the booklet's channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from flagpress.naming import WEB_PDF, Channel
from flagpress.settings import PrintSettings


@dataclass(frozen=True)
class Variant:
    name: str
    tagged: bool  # PDF/UA-1: structure tree, language, title, alt text, artifacts
    bleed: bool  # the printer's edition: bleed, TrimBox/BleedBox, optional crop marks
    stylesheet: str | None = None  # layered over print.css, e.g. large-print.css
    channel: Channel = WEB_PDF  # who may be named in it (see the module doc)
    imposed: bool = False  # made from the print edition by imposing it, not rendered


VARIANTS: dict[str, Variant] = {
    "screen": Variant("screen", tagged=True, bleed=False),
    "print": Variant("print", tagged=False, bleed=True, stylesheet="printer.css", channel="print"),
    "large-print": Variant(
        "large-print",
        tagged=True,
        bleed=False,
        stylesheet="large-print.css",
    ),
    "booklet": Variant(
        "booklet",
        tagged=False,
        bleed=True,
        imposed=True,
    ),
}

# Room beyond the bleed for crop marks: WeasyPrint draws them inside its bleed area,
# so with marks the media box grows by this much and the BleedBox is set back to
# the configured bleed (measured: marks overlap the artwork when the bleed < 8 mm).
MARKS_MM = 7

# The trimmed page's width, by `print.paper`.
PAPER_WIDTH_MM = {"A4": 210.0, "A5": 148.0, "letter": 215.9}
# The text column: about 66 characters a line of Atkinson Hyperlegible (measured: 107
# characters filled 178 mm at 10.5 pt, so a character is 0.157 mm per point). 60 to
# 75 characters is the comfortable measure; two columns on A4 at a readable size give
# about 52, so every edition sets one column of this width, centred on the page.
MEASURE_MM = {"standard": 120.0, "large-print": 172.0}
MIN_SIDE_MM = 14.0  # the narrowest side margin: room for the folio and a hanging quote


def page_css(variant: Variant, settings: PrintSettings) -> str:
    """The @page set-up a variant needs: paper size, and bleed and marks for the printer."""
    rules = [f"size: {settings.paper};"]
    if variant.bleed and not variant.imposed:
        marks = settings.crop_marks
        rules.append(f"bleed: {settings.bleed + (MARKS_MM if marks else 0)}mm;")
        if marks:
            rules.append("marks: crop;")
    side = side_margin_mm(variant, settings)
    rules.append(f"margin-left: {side}mm; margin-right: {side}mm;")
    hang = max(0.0, min(16.0, side - MIN_SIDE_MM))
    return (
        "@page { "
        + " ".join(rules)
        + " }\n"
        + f":root {{ --bleed: {bleed_mm(variant, settings)}mm; --hang: {hang:g}mm; }}\n"
    )


def side_margin_mm(variant: Variant, settings: PrintSettings) -> float:
    """Left and right page margins that leave the text column its measure (never less
    than MIN_SIDE_MM: on small paper the column is narrower instead)."""
    measure = MEASURE_MM["large-print" if variant.name == "large-print" else "standard"]
    width = PAPER_WIDTH_MM.get(settings.paper, PAPER_WIDTH_MM["A4"])
    return round(max(MIN_SIDE_MM, (width - measure) / 2), 1)


def bleed_mm(variant: Variant, settings: PrintSettings) -> int:
    """The artwork bleed of a rendered variant (0 for the on-screen editions)."""
    return settings.bleed if variant.bleed else 0
