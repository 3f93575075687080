"""The booklet: the printer's edition imposed 2-up for saddle stitching on an office printer.

Sheets are printed double-sided (flip on the short edge), stacked, folded in the
middle and stapled. Pages are cut at the trim first: a 2-up A3 sheet has no room
for bleed, so the bleed and any marks would spill over the fold. The page count is
padded to a multiple of four with blank pages placed before the back cover.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page indexes for each imposed side; `pages` is a multiple of 4.

    Sheet 1 front is (last, first), its back (second, second to last), and so on
    inwards, ending with the two centre pages side by side.
    """
    assert pages % 4 == 0
    sides = []
    for sheet in range(pages // 4):
        front = (pages - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, pages - 2 - 2 * sheet)
        sides += [front, back]
    return sides


def impose(source: Path, output: Path) -> int:
    """Write the booklet of `source` to `output`; returns the number of imposed sides."""
    reader = PdfReader(source)
    pages = [_trimmed(page) for page in reader.pages]
    width = float(pages[0].cropbox.width)
    height = float(pages[0].cropbox.height)
    padded = _pad(pages, width, height)
    writer = PdfWriter()
    for left, right in booklet_order(len(padded)):
        side = PageObject.create_blank_page(width=2 * width, height=height)
        for index, x in ((left, 0.0), (right, width)):
            page = padded[index]
            if page is None:
                continue
            box = page.cropbox
            move = Transformation().translate(x - float(box.left), -float(box.bottom))
            side.merge_transformed_page(page, move)
        writer.add_page(side)
    for page in writer.pages:
        page.compress_content_streams()  # merged streams are stored uncompressed: 4x larger
    title = str(reader.metadata.get("/Title", "")) if reader.metadata else ""
    writer.add_metadata({"/Title": title + " (booklet)"})
    temporary = output.with_name(output.name + ".partial")
    with temporary.open("wb") as out:
        writer.write(out)
    temporary.replace(output)
    return len(writer.pages)


def _trimmed(page: PageObject) -> PageObject:
    """The page cut at its trim: content outside it is clipped when merged; links dropped."""
    trim = page.trimbox
    page.cropbox = RectangleObject([trim.left, trim.bottom, trim.right, trim.top])
    if "/Annots" in page:
        del page[NameObject("/Annots")]  # internal links point nowhere once imposed
    return page


def _pad(pages: list[PageObject], width: float, height: float) -> list[PageObject | None]:
    """Blank pages (None) before the back cover, up to a multiple of four."""
    blanks = -len(pages) % 4
    if len(pages) < 2:
        return [*pages, *([None] * blanks)]
    return [*pages[:-1], *([None] * blanks), pages[-1]]
