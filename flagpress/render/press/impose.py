"""The booklet: the printer's edition imposed 2-up for saddle stitching on an office printer.

Sheets are printed double-sided (flip on the short edge), stacked, folded in the
middle and stapled. Pages are cut at the trim first: a 2-up A3 sheet has no room
for bleed, so the bleed and any marks would spill over the fold. The page count is
padded to a multiple of four with blank pages placed before the back cover.

The sheet is twice the page size unless a sheet is named: `A4` takes A5 pages as they
are, or shrinks A4 pages to A5, for office printers that only take A4. The file says
PDF 1.7 in its header (its duplex viewer preference is a 1.7 feature) and asks the
print dialogue for double-sided printing, flipped on the short edge, as a booklet needs.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject

MM = 72 / 25.4
SHEETS_MM = {"A3": (420, 297), "A4": (297, 210)}  # landscape: two pages side by side
PDF_HEADER = "%PDF-1.7"  # /Duplex in /ViewerPreferences came with PDF 1.7


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


def impose(source: Path, output: Path, sheet: str = "") -> int:
    """Write the booklet of `source` to `output` on `sheet` (A3 or A4; empty for twice
    the page size); returns the number of imposed sides."""
    reader = PdfReader(source)
    pages = [_trimmed(page) for page in reader.pages]
    width = float(pages[0].cropbox.width)
    height = float(pages[0].cropbox.height)
    sheet_width, sheet_height = _sheet(sheet, width, height)
    scale = min(sheet_width / 2 / width, sheet_height / height)
    padded = _pad(pages)
    writer = PdfWriter()
    for left, right in booklet_order(len(padded)):
        side = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        y = (sheet_height - height * scale) / 2
        for index, x in ((left, sheet_width / 2 - width * scale), (right, sheet_width / 2)):
            page = padded[index]  # each page against the fold, centred from top to bottom
            if page is None:
                continue
            box = page.cropbox
            move = (
                Transformation()
                .translate(-float(box.left), -float(box.bottom))
                .scale(scale)
                .translate(x, y)
            )
            side.merge_transformed_page(page, move)
        writer.add_page(side)
    for page in writer.pages:
        page.compress_content_streams()  # merged streams are stored uncompressed: 4x larger
    _describe(writer, reader)
    temporary = output.with_name(output.name + ".partial")
    with temporary.open("wb") as out:
        writer.write(out)
    temporary.replace(output)
    return len(writer.pages)


def _sheet(sheet: str, width: float, height: float) -> tuple[float, float]:
    """The sheet's (width, height) in points: the named one, or two pages side by side."""
    if sheet in SHEETS_MM:
        sheet_width, sheet_height = SHEETS_MM[sheet]
        return sheet_width * MM, sheet_height * MM
    return 2 * width, height


def _describe(writer: PdfWriter, reader: PdfReader) -> None:
    """Title, PDF version and the print dialogue's presets: double-sided, short edge."""
    title = str(reader.metadata.get("/Title", "")) if reader.metadata else ""
    writer.add_metadata({"/Title": title + " (booklet)"})
    writer.pdf_header = PDF_HEADER
    preferences = writer.create_viewer_preferences()
    preferences.duplex = NameObject("/DuplexFlipShortEdge")  # type: ignore[assignment]


def _trimmed(page: PageObject) -> PageObject:
    """The page cut at its trim: content outside it is clipped when merged; links dropped."""
    trim = page.trimbox
    page.cropbox = RectangleObject([trim.left, trim.bottom, trim.right, trim.top])
    if "/Annots" in page:
        del page[NameObject("/Annots")]  # internal links point nowhere once imposed
    return page


def _pad(pages: list[PageObject]) -> list[PageObject | None]:
    """Blank pages (None) before the back cover, up to a multiple of four."""
    blanks = -len(pages) % 4
    if len(pages) < 2:
        return [*pages, *([None] * blanks)]
    return [*pages[:-1], *([None] * blanks), pages[-1]]
