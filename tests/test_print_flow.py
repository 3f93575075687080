"""How the pieces of an issue flow through the printed magazine, read back from the PDF.

Issue 13 found a 60-word news item taking a page of its own, an 800-pixel picture
set at full width pushing three lines onto a page of their own, and the PDF moving
the editorial to the front while the website kept the order of `issue.yml`. Each
test here makes a screen edition with `flagpress pdf` from a small publication
written for it and looks at where things were printed.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from conftest import FOREWORD, SECOND, SITE_CONFIG, pdf_page_texts, png, run
from pypdf import PdfReader

CONFIG = SITE_CONFIG + "print: {variants: [screen]}\n"
SENTENCE = "People with lived experience plan the work with staff from the very first day. "


def piece(title: str, kind: str, body: str) -> str:
    """An article of the test publication, by neil-j."""
    return (
        SECOND.replace("title: Second piece", f"title: {title}")
        .replace("type: article", f"type: {kind}")
        .replace("Some text.", body)
    )


def paragraphs(count: int, last: str) -> str:
    """`count` paragraphs of about 60 words; the last one ends with the word `last`."""
    return "\n\n".join([SENTENCE * 5] * count) + f" {last}\n"


def screen_pdf(publication, running_order: list[str], files: dict) -> Path:  # noqa: ANN001
    issue = (
        "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
        f"articles: [{', '.join(running_order)}]\n"
    )
    root = publication(
        {
            "site_config.yml": CONFIG,
            "content/issues/2019-03/issue.yml": issue,
            "content/issues/2019-03/second.md": None,  # only the pieces given here
            **{f"content/issues/2019-03/{name}": text for name, text in files.items()},
        }
    )
    out = root / "screen.pdf"
    result = run("pdf", "1", "--root", str(root), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def page_of(pages: list[str], words: str) -> int:
    """The number of the one page that prints `words` (line breaks read as spaces)."""
    found = [n for n, text in enumerate(pages, start=1) if words in " ".join(text.split())]
    assert len(found) == 1, (words, found)
    return found[0]


ALONE = FOREWORD.replace(" Read [the second piece](second.md).", "")  # links to no other piece
NEWS = "A new drop-in opens on Tuesdays at the day centre. " * 6  # 60 words


def test_short_news_items_share_pages_and_are_never_split(publication) -> None:  # noqa: ANN001
    """Each news item follows the piece before it on the same page when it fits there;
    when it does not, it moves whole to the next page. The pieces before the items end
    further down the page each time, so some items meet the foot of a page."""
    files: dict[str, str | bytes] = {"foreword.md": ALONE}
    order = ["foreword.md", "news-0.md"]
    files["news-0.md"] = piece("News 0", "news", f"Start of news 0. {NEWS}End of news 0.")
    for n in range(1, ITEMS):
        lines = "\n\n".join(f"Line {k} of piece {n}." for k in range(3 * n))
        body = paragraphs(1, "") + f"\n{lines}\n\nEnd of long {n}.\n"
        files[f"long-{n}.md"] = piece(f"Long {n}", "article", body)
        news = f"Start of news {n}. {NEWS}End of news {n}."
        files[f"news-{n}.md"] = piece(f"News {n}", "news", news)
        order += [f"long-{n}.md", f"news-{n}.md"]
    pages = pdf_page_texts(screen_pdf(publication, order, files))
    # The foreword is a line long: the first item shares its page.
    assert page_of(pages, "Start of news 0.") == page_of(pages, "Welcome.")
    moved = 0
    for n in range(ITEMS):
        start, end = page_of(pages, f"Start of news {n}."), page_of(pages, f"End of news {n}.")
        assert start == end, f"News {n} is split over pages {start} and {end}"
        if n:
            before = page_of(pages, f"End of long {n}.")
            assert start in (before, before + 1), n
            moved += start == before + 1
    # Both cases were met: items that fit where the piece before ends, and items that
    # would have been split there (about half and half with these lengths).
    assert 0 < moved < ITEMS - 1


ITEMS = 13


TALL = png(600, 800)


def image_heights(pdf: Path) -> list[tuple[float, float]]:
    """(printed height of each picture, height of its page), in points."""
    found = []
    document = pdfium.PdfDocument(pdf)
    for page in document:
        for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            _, bottom, _, top = item.get_bounds()
            found.append((top - bottom, page.get_height()))
    return found


def test_a_tall_picture_is_printed_at_most_a_third_of_the_page_high(publication) -> None:  # noqa: ANN001
    body = "Before the picture.\n\n![A tall black rectangle](images/tall.png)\n\n" + paragraphs(
        1, "After the picture."
    )
    pdf = screen_pdf(
        publication,
        ["foreword.md", "second.md"],
        {
            "foreword.md": FOREWORD,
            "second.md": SECOND.replace("Some text.", body),
            "images/tall.png": TALL,
        },
    )
    heights = image_heights(pdf)
    assert len(heights) == 1, heights  # the picture itself (the covers here have none)
    printed, page = heights[0]
    assert page / 5 < printed <= page / 3 + 1, (printed, page)
    # So the article's text stays on the picture's page rather than spilling over.
    pages = pdf_page_texts(pdf)
    assert page_of(pages, "Before the picture.") == page_of(pages, "After the picture.")


def test_the_pdf_keeps_the_running_order_with_the_editorial_third(publication) -> None:  # noqa: ANN001
    files = {
        "foreword.md": FOREWORD,
        "second.md": SECOND,
        "third.md": piece("Third piece", "case-study", "More text."),
    }
    pdf = screen_pdf(publication, ["second.md", "third.md", "foreword.md"], files)
    outline = [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]
    titles = ["Second piece", "Third piece", "Foreword"]
    assert [t for t in outline if t in titles] == titles
    contents = " ".join(pdf_page_texts(pdf)[1].split())
    assert contents.index("Second piece") < contents.index("Third piece")
    assert contents.index("Third piece") < contents.index("Foreword")
