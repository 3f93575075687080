"""The sample issue's four PDF editions, built once by `flagpress build`, read back with pypdf.

Each test checks what a reader, a printer or a screen reader would meet: contents
page numbers that are true, footers that count, notes on the page that cites
them, a tagged screen edition, a bleed for the printer, a large print edition
that really is large, and a booklet whose pages fall in the right order.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample, pdf_page_texts, run
from pypdf import PdfReader
from pypdf.generic import IndirectObject

ISSUE = REPO / "content" / "issues" / "2019-03"
NAME = "flag-magazine-issue-7-{}.pdf"
MM = 72 / 25.4


def squash(text: str) -> str:
    """Letters and digits only: text compared without case, spacing, line breaks,
    punctuation or hyphens (hyphenation adds and moves them)."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def running_order() -> list[dict]:
    names = yaml.safe_load((ISSUE / "issue.yml").read_text(encoding="utf-8"))["articles"]
    return [front_matter(ISSUE / name) for name in names]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample publication, copied and built once for the whole module."""
    root = copy_sample(tmp_path_factory.mktemp("print") / "sample", pdfs=True)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "and 3 PDFs into" in result.stdout
    assert "Wrote 1 PDF for the printer into" in result.stdout
    return root / "site"


@pytest.fixture(scope="module")
def pdfs(site: Path) -> dict[str, Path]:
    """Three editions next to the issue page; the printer's in ROOT/print/, off the website."""
    found = {v: site / "issues/2019-03" / NAME.format(v) for v in OFFERED}
    return {**found, "print": site.parent / "print" / NAME.format("print")}


PRINTED = ("screen", "print", "large-print")
OFFERED = ("screen", "large-print", "booklet")


def test_three_editions_are_published_next_to_the_issue_page_with_their_size(
    site: Path, pdfs: dict[str, Path]
) -> None:
    page = (site / "issues/2019-03/index.html").read_text(encoding="utf-8")
    for variant, pdf in pdfs.items():
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
        link = re.search(rf'href="{re.escape(pdf.name)}"[^>]*>([^<]+)</a> \(PDF, (\d+ KB)\)', page)
        if variant == "print":  # for the printer only: not offered, not in the website
            assert link is None and not (site / "issues/2019-03" / pdf.name).exists()
            continue
        assert link, variant
        assert link.group(2) == f"{round(pdf.stat().st_size / 1000)} KB"


@pytest.mark.parametrize("variant", PRINTED)
def test_every_article_starts_on_the_page_the_contents_page_gives(
    pdfs: dict[str, Path], variant: str
) -> None:
    pages = pdf_page_texts(pdfs[variant])
    contents = squash(pages[1])
    assert "inthisissue" in contents
    for more in pages[2:]:  # large print's contents runs over two pages
        if re.search(r"whomadethisissue\d+", contents):
            break
        contents += squash(more)
    for article in running_order():
        found = re.search(re.escape(squash(article["title"])) + r"(\d+)", contents)
        assert found, article["title"]
        number = int(found.group(1))
        opening = squash(" ".join(article["summary"].split()[:5]))
        assert squash(article["title"]) in squash(pages[number - 1]), article["title"]
        assert opening in squash(pages[number - 1]), article["title"]
        if number - 2 > 1:  # the contents page holds every summary
            assert opening not in squash(pages[number - 2]), article["title"]


@pytest.mark.parametrize("variant", PRINTED)
def test_footers_number_the_pages_and_the_covers_have_none(
    pdfs: dict[str, Path], variant: str
) -> None:
    pages = pdf_page_texts(pdfs[variant])
    footers = [re.findall(r"^Page (\d+)$", text, re.M) for text in pages]
    assert footers[0] == [], "the cover has no footer"
    assert footers[-1] == [], "the back cover has no footer"
    for index, found in enumerate(footers[1:-1], start=2):
        if pages[index - 1].strip() or variant != "print":  # the printer's blank pages
            assert found == [str(index)]


def footnotes(path: Path) -> list[tuple[str, str]]:
    """(the words just before each note's marker, the note's text) from a Markdown file."""
    source = path.read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\w+)\]: (.+)$", source, re.M))
    cited = []
    for line in source.splitlines():
        for before, marker in re.findall(r"([^\]]*?)\[\^(\w+)\](?!:)", line):
            words = re.sub(r"[*\"]", "", before).split()[-4:]
            cited.append((" ".join(words), re.sub(r"\*", "", notes[marker])))
    return cited


@pytest.mark.parametrize("variant", PRINTED)
def test_each_note_is_at_the_foot_of_the_page_that_cites_it(
    pdfs: dict[str, Path], variant: str
) -> None:
    pages = [squash(text) for text in pdf_page_texts(pdfs[variant])]
    notes = footnotes(ISSUE / "what-is-co-production.md")
    assert len(notes) == 7
    for phrase, note in notes:
        citing = [i for i, text in enumerate(pages) if squash(phrase) in text]
        assert len(citing) == 1, phrase
        assert squash(note) in pages[citing[0]], (phrase, note)


def struct_elements(reader: PdfReader) -> list[dict]:
    """Every element reachable from the structure tree's root."""
    found, stack, seen = [], [reader.trailer["/Root"]["/StructTreeRoot"].raw_get("/K")], set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
        obj = item.get_object()
        if isinstance(obj, list):
            stack.extend(obj)
        elif hasattr(obj, "raw_get"):
            found.append(obj)
            if "/K" in obj:
                stack.append(obj.raw_get("/K"))
    return found


def test_the_screen_edition_is_a_tagged_pdf_ua_document(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["screen"])
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "FLAG Magazine, issue 7: Spotlight on co-production"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    kinds = {str(e.get("/S")) for e in struct_elements(reader)}
    assert {"/Document", "/Art", "/H1", "/H2", "/P", "/Figure", "/L", "/Table"} <= kinds
    for page in reader.pages:
        assert b"BDC" in page.get_contents().get_data(), "text is marked content"


def test_screen_edition_figures_carry_their_alt_text(pdfs: dict[str, Path]) -> None:
    alts = {str(e["/Alt"]) for e in struct_elements(PdfReader(pdfs["screen"])) if "/Alt" in e}
    cover = yaml.safe_load((ISSUE / "issue.yml").read_text(encoding="utf-8"))["cover"]["alt"]
    assert cover in alts
    body = (ISSUE / "four-stages.md").read_text(encoding="utf-8")
    assert re.search(r"!\[([^\]]+)\]", body).group(1) in alts


def test_screen_edition_headers_and_footers_are_artifacts(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["screen"])
    reachable = {e.indirect_reference.idnum for e in struct_elements(reader)}
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    for page in reader.pages[1:-1]:
        content = page.get_contents().get_data()
        assert len(re.findall(rb"/Artifact\s+BMC", content)) >= 2  # header(s) and footer
        elements = parents[page["/StructParents"]].get_object()
        for mcid in re.findall(rb"/MCID (\d+)", content):
            element = elements[int(mcid)]
            # Every other piece of marked content belongs to the structure tree.
            assert isinstance(element, IndirectObject) and element.idnum in reachable


def test_screen_edition_bookmarks_follow_the_running_order(pdfs: dict[str, Path]) -> None:
    top = [item.title for item in PdfReader(pdfs["screen"]).outline if not isinstance(item, list)]
    titles = [a["title"] for a in running_order()]
    assert [t for t in top if t in titles] == titles


def test_the_print_edition_has_a_3_mm_bleed_round_its_trim(pdfs: dict[str, Path]) -> None:
    for page in PdfReader(pdfs["print"]).pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert math.isclose(float(trim.width), 210 * MM, abs_tol=0.01)  # A4
        for outer, inner in zip(bleed.lower_left, trim.lower_left, strict=True):
            assert math.isclose(float(inner) - float(outer), 3 * MM, abs_tol=0.01)
        for outer, inner in zip(bleed.upper_right, trim.upper_right, strict=True):
            assert math.isclose(float(outer) - float(inner), 3 * MM, abs_tol=0.01)
        assert float(media.width) >= float(bleed.width) - 0.01


def test_the_large_print_edition_sets_all_its_own_text_at_16_pt_or_more(
    pdfs: dict[str, Path],
) -> None:
    sizes, small = text_sizes(pdfs["large-print"])
    assert max(sizes, key=sizes.get) >= 16  # the body
    images = " ".join(p.read_text(encoding="utf-8") for p in ISSUE.glob("images/*.svg"))
    assert all(text in images for text in small), "only text drawn inside figures is smaller"
    screen, _ = text_sizes(pdfs["screen"])
    assert max(screen, key=screen.get) < 12, "the measurement does tell the editions apart"


def text_sizes(pdf: Path) -> tuple[dict[float, int], set[str]]:
    """Characters per printed font size (Tf scaled by the text and graphics matrices),
    and the text printed below 16 pt."""
    sizes: dict[float, int] = {}
    small: set[str] = set()

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if not text.strip():
            return
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        printed = round(size * math.sqrt(abs(a * d - b * c)), 1)
        sizes[printed] = sizes.get(printed, 0) + len(text)
        if printed < 16:
            small.add(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes, small


def side_halves(pdf: Path) -> list[tuple[str, str]]:
    """(left half, right half) text of each side of an imposed booklet."""
    reader = PdfReader(pdf)
    sides = []
    for page in reader.pages:
        middle = float(page.mediabox.width) / 2
        halves = ["", ""]

        def visit(text: str, cm: list, tm: list, _font: object, _size: float) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            halves[x >= middle] += text  # noqa: B023 - used at once, in this loop

        page.extract_text(visitor_text=visit)
        sides.append((halves[0], halves[1]))
    return sides


def test_the_booklet_is_a3_landscape_with_pages_in_saddle_stitch_order(
    pdfs: dict[str, Path],
) -> None:
    printed = len(PdfReader(pdfs["print"]).pages)
    assert printed % 4 == 0  # the sample needs no blank pages (see test_print_units)
    reader = PdfReader(pdfs["booklet"])
    assert len(reader.pages) == printed // 2
    for page in reader.pages:
        assert math.isclose(float(page.mediabox.width), 420 * MM, abs_tol=0.1)
        assert math.isclose(float(page.mediabox.height), 297 * MM, abs_tol=0.1)
    sides = side_halves(pdfs["booklet"])
    (back, cover), (left, right) = sides[0], sides[1]
    assert "Read every issue online" in back and "Page" not in back
    # The sample's cover is its art alone. pypdf places the words of a drawing at the
    # side's origin (it does not apply the placed page's matrix inside the drawing), so
    # they are found by order: the left page is drawn first, then the right.
    side = squash(back + cover)
    assert side.index("readeveryissueonline") < side.index("fulfillinglivesactiongroups")
    assert "Page" not in cover
    assert re.search(r"^Page 2$", left, re.M)
    # The page before the back cover: the last text page, or one of the printer's blanks.
    assert re.search(rf"^Page {printed - 1}$", right, re.M) or not right.strip()
    centre_left, centre_right = sides[-1]
    half = printed // 2
    assert re.search(rf"^Page {half}$", centre_left, re.M)
    assert re.search(rf"^Page {half + 1}$", centre_right, re.M)


def test_every_font_is_the_packaged_one_and_embedded(pdfs: dict[str, Path]) -> None:
    for variant, pdf in pdfs.items():
        for page in PdfReader(pdf).pages:
            for font in page["/Resources"].get("/Font", {}).values():  # none on blanks
                font = font.get_object()
                descendant = (
                    font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                )
                descriptor = descendant["/FontDescriptor"].get_object()
                assert "AtkinsonHyperlegible" in str(font["/BaseFont"]).replace("-", ""), variant
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    variant
                )


def test_the_printed_credits_name_people_as_they_chose(pdfs: dict[str, Path]) -> None:
    text = " ".join(pdf_page_texts(pdfs["screen"]))
    assert "By Skylark, Priya Mistry and a volunteer" in text
    assert "Who made this issue" in text
    credits = text[text.index("This issue was made together") :]  # the credits, on
    for role in ("Edited by", "Written by", "Illustrator", "Interviewer"):
        assert role in credits
