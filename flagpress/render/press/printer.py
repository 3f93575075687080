"""What a printer needs of the printer's edition, done on WeasyPrint's PDF objects.

A saddle-stitched or perfect-bound magazine is printed on sheets of four pages, so a
page count that is not a multiple of four makes the printer add blank pages where
they see fit, or ask. We add them ourselves, where a magazine has them: just before
the back cover. The BleedBox is set to exactly the configured bleed outside the
TrimBox (with crop marks the media box is larger, and WeasyPrint would put the
BleedBox up to 10 pt out).
"""

from __future__ import annotations

import pydyf

from flagpress.diagnostics import Location, Problem

PT_PER_MM = 72 / 25.4
PAGES_PER_SHEET = 4


def blanks_needed(pages: int) -> int:
    """How many blank pages make `pages` a multiple of four (none for a single page)."""
    return -pages % PAGES_PER_SHEET if pages >= 2 else 0


def not_padded(where: Location, pages: int) -> Problem:
    """The warning when the settings ask not to pad and the count is not a multiple of 4."""
    blanks = blanks_needed(pages)
    return where.warning(
        "print-not-multiple-of-4",
        f"the printer's edition has {pages} pages, not a multiple of 4: the printer will "
        f"add {blanks} blank page{'s' if blanks != 1 else ''} where they choose; set "
        "print: {pad_to_4: true} in site_config.yml to put them before the back cover",
    )


def _kids(pdf: pydyf.PDF) -> list:
    return pdf.pages["Kids"]  # flat: number, 0, 'R' for each page


def set_bleed_boxes(pdf: pydyf.PDF, bleed_mm: float) -> None:
    """Each page's BleedBox exactly `bleed_mm` outside its TrimBox."""
    offset = bleed_mm * PT_PER_MM
    for number in _kids(pdf)[::3]:
        page = pdf.objects[number]
        if "TrimBox" in page:  # [x1 y1 x2 y2], lower left to upper right
            x1, y1, x2, y2 = (float(v) for v in page["TrimBox"])
            page["BleedBox"] = pydyf.Array([x1 - offset, y1 - offset, x2 + offset, y2 + offset])


def add_blank_pages(pdf: pydyf.PDF, count: int) -> None:
    """`count` blank pages before the last page (the back cover), the size of the last."""
    if count <= 0:
        return
    kids = _kids(pdf)
    last = pdf.objects[kids[-3]]
    for _ in range(count):
        contents = pydyf.Stream()
        pdf.add_object(contents)
        page = pydyf.Dictionary(
            {name: last[name] for name in ("Type", "Parent", "MediaBox", "TrimBox") if name in last}
        )
        page["Contents"] = contents.reference
        page["Resources"] = pydyf.Dictionary()
        pdf.add_object(page)
        kids[-3:-3] = [page.number, 0, "R"]
    pdf.pages["Count"] += count
