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
from flagpress.settings import MIN_SIDE_MM, PrintSettings
from flagpress.settings import side_margin_mm as paper_side_margin_mm


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
    """Left and right page margins that leave the text column its measure."""
    return paper_side_margin_mm(settings.paper, variant.name == "large-print")


def bleed_mm(variant: Variant, settings: PrintSettings) -> int:
    """The artwork bleed of a rendered variant (0 for the on-screen editions)."""
    return settings.bleed if variant.bleed else 0
