"""Covers that belong to the publication, in every PDF edition.

What a reader holding the magazine sees: the sample's own cover art printed alone
(it already shows the name and title, so nothing is printed over it); a designed
cover from the brand when an issue has no art; art above a band of text that never
covers it; a back cover with the masthead, how to get involved, the next issue and
the contact details; and every text on both covers at 4.5:1 or more against what is
behind it, whatever the brand's colours. Each PDF is rendered once for the module;
the tests that need one are marked slow. The masthead's diagnostics and the colour
rules are quick.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import (
    SITE_CONFIG,
    copy_sample,
    pdf_page_texts,
    run,
    write_publication,
)
from pypdf import PdfReader
from test_print_editions import struct_elements
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.text.fonts import FontConfiguration

from flagpress.colours import contrast, text_on
from flagpress.load import load_publication
from flagpress.render.edition import build_edition
from flagpress.render.press import fonts
from flagpress.render.press.brand import palette
from flagpress.render.press.document import build_document
from flagpress.render.press.editions import allowed_folders
from flagpress.render.press.fetcher import SandboxedFetcher
from flagpress.render.press.variants import VARIANTS
from flagpress.settings import Brand

PRINTED = ("screen", "print", "large-print")
EDITIONS = (*PRINTED, "booklet")  # the booklet's pages: the printer's layout, its own CSS
TODAY = dt.date.today()
SAMPLE_PDF = "flag-magazine-issue-7-{}.pdf"

# A masthead drawing with a part the SVG cleaner drops (<switch>) but WeasyPrint would
# draw: if its words reach the PDF, the masthead was not cleaned first.
MASTHEAD = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="400" height="100">
  <title>Test Magazine</title>
  <text x="0" y="80" font-size="80" fill="#ffffff">TESTMAG</text>
  <switch><text x="0" y="95" font-size="10">UNCLEANED</text></switch>
</svg>
"""
GET_INVOLVED = "Join an action group: we meet every month and pay your travel."
NEXT_ISSUE = "Issue 2, out in June: money and co-production."
ART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="850">'
    '<rect width="600" height="850" fill="#c9e265"/></svg>'
)


def issue_yml(extra: str = "") -> str:
    return (
        "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
        f"articles: [foreword.md, second.md]\n{extra}"
    )


def config(brand: str = "", variants: str = "[screen, print, large-print]") -> str:
    return (
        SITE_CONFIG
        + f"print: {{variants: {variants}}}\n"
        + f'get_involved: "{GET_INVOLVED}"\n'
        + (f"brand:\n{brand}" if brand else "")
    )


MASTHEAD_BRAND = "  masthead: templates/masthead.svg\n"
DESIGNED = {
    "site_config.yml": config(MASTHEAD_BRAND),
    "templates/masthead.svg": MASTHEAD,
    "content/issues/2019-03/issue.yml": issue_yml(f'next_issue: "{NEXT_ISSUE}"\n'),
}
WITH_ART = {
    "content/issues/2019-03/images/cover.svg": ART,
    "content/issues/2019-03/issue.yml": issue_yml(
        "cover: {src: images/cover.svg, alt: A green field}\n"
    ),
}
# Brands whose colours would make some text unreadable if taken as written.
BRANDS = {
    "default": "",
    "light": '  primary: "#ffd23f"\n  accent: "#fff3b0"\n',
    "grey": '  primary: "#777777"\n  accent: "#888888"\n',
}
CASES = [("art", "default")] + [("designed", brand) for brand in BRANDS]
# The smallest page with the most to say: the designed covers on A5.
SMALL = ("designed-a5", "default")


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


# --- The sample: its cover art already holds the masthead and title -------------------


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("covers") / "sample", pdfs=True)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    found = {v: root / "site/issues/2019-03" / SAMPLE_PDF.format(v) for v in PRINTED}
    return {**found, "print": root / "print" / SAMPLE_PDF.format("print")}


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_art_that_holds_the_masthead_is_printed_alone(
    sample_pdfs: dict[str, Path], variant: str
) -> None:
    cover = pdf_page_texts(sample_pdfs[variant])[0]
    # The art's own words: name, title, number and date, each once.
    assert squash(cover).count("flag") == 1
    assert "spotlightoncoproduction" in squash(cover)
    assert "Issue 7" in cover and "March 2019" in cover
    # No second masthead, title or band over it.
    assert "FLAG Magazine" not in cover and "Published by" not in cover
    assert squash(cover).count("spotlightoncoproduction") == 1


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_the_back_cover_says_what_comes_next_and_how_to_get_in_touch(
    sample_pdfs: dict[str, Path], variant: str
) -> None:
    back = pdf_page_texts(sample_pdfs[variant])[-1]
    assert "In the next issue" in back
    assert "Issue 8, out in June: money and co-production." in " ".join(back.split())
    assert "flag@example.org" in back and "01273 000000" in back
    assert "https://example.org/flag/" in back
    assert "Issue 7: Spotlight on co-production · 1 March 2019" in back


@pytest.mark.slow
def test_the_screen_edition_bookmarks_the_cover_by_the_issue_title(
    sample_pdfs: dict[str, Path],
) -> None:
    outline = PdfReader(sample_pdfs["screen"]).outline
    assert outline[0].title == "Spotlight on co-production"


# --- A designed cover when there is no art, with a masthead drawing -------------------


@pytest.fixture(scope="module")
def designed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = write_publication(tmp_path_factory.mktemp("designed"), DESIGNED)
    pdfs = {}
    for variant in PRINTED:
        pdfs[variant] = root / f"{variant}.pdf"
        output = ["--variant", variant, "--output", str(pdfs[variant])]
        result = run("pdf", "1", "--root", str(root), *output)
        assert result.exit_code == 0, result.stderr
    return pdfs


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_an_issue_without_art_gets_a_designed_cover(
    designed: dict[str, Path], variant: str
) -> None:
    cover = pdf_page_texts(designed[variant])[0]
    assert "First issue" in cover
    assert "Issue 1 · 1 March 2019" in cover
    assert "Published by Test Partnership" in cover
    assert "TESTMAG" in cover  # the masthead drawing, once
    assert cover.count("TESTMAG") == 1 and "Test Magazine" not in cover


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_the_masthead_is_cleaned_before_it_is_printed(
    designed: dict[str, Path], variant: str
) -> None:
    text = "\n".join(pdf_page_texts(designed[variant]))
    assert text.count("TESTMAG") == 2  # front and back cover
    assert "UNCLEANED" not in text


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_the_back_cover_asks_readers_to_get_involved(
    designed: dict[str, Path], variant: str
) -> None:
    back = " ".join(pdf_page_texts(designed[variant])[-1].split())
    assert f"Get involved {GET_INVOLVED}" in back
    assert f"In the next issue {NEXT_ISSUE}" in back
    assert "Get in touch Email test@example.org · Phone 01273 000000" in back
    assert "TESTMAG" in back


@pytest.mark.slow
def test_the_masthead_reads_as_the_publications_name(designed: dict[str, Path]) -> None:
    alts = [str(e["/Alt"]) for e in struct_elements(PdfReader(designed["screen"])) if "/Alt" in e]
    assert alts.count("Test Magazine") == 2  # front and back cover


# --- Layout and contrast, measured on WeasyPrint's layout ------------------------------


def laid_out(root: Path, variant: str):  # noqa: ANN201 - WeasyPrint's Document
    publication, problems = load_publication(root)
    assert publication is not None, problems
    edition = build_edition(publication, root, TODAY)
    document = build_document(edition, edition.issues[0], VARIANTS[variant])
    assert document.problems == []
    fetcher = SandboxedFetcher((Path(p) for p in allowed_folders(root)), document.clean_svgs)
    with fonts.only_packaged_fonts():
        font_config = FontConfiguration()
    html = HTML(string=document.html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
    return html.render(font_config=font_config)


def _hex(colour) -> str:  # noqa: ANN001 - a tinycss2 colour
    red, green, blue = (round(c * 255) for c in colour.to("srgb").coordinates)
    return f"#{red:02x}{green:02x}{blue:02x}"


def text_runs(page) -> list[tuple[TextBox, str, str]]:  # noqa: ANN001
    """(box, its text colour, the colour behind it) for every run of text on a page: the
    background is that of the nearest box that paints one, else the page's."""
    found: list[tuple[TextBox, str, str]] = []

    def walk(box, behind: str) -> None:  # noqa: ANN001
        paint = box.style["background_color"]
        behind = _hex(paint) if paint.alpha > 0 else behind
        if isinstance(box, TextBox) and box.text.strip():
            found.append((box, _hex(box.style["color"]), behind))
        for child in getattr(box, "children", ()):
            walk(child, behind)

    page_box = page._page_box  # noqa: SLF001 - the layout is what is tested
    paint = page_box.style["background_color"]
    walk(page_box, _hex(paint) if paint.alpha > 0 else "#ffffff")
    return found


def texts_and_backgrounds(page) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(box.text, colour, behind) for box, colour, behind in text_runs(page)]


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], object]:
    """Each edition's layout, for art and no art, with each brand."""
    found = {}
    for kind, brand in [*CASES, SMALL]:
        root = tmp_path_factory.mktemp(f"{kind}-{brand}")
        files = dict(WITH_ART) if kind == "art" else dict(DESIGNED)
        files["site_config.yml"] = config(BRANDS[brand] + MASTHEAD_BRAND)
        if kind == SMALL[0]:
            a5 = files["site_config.yml"].replace("print: {", "print: {paper: A5, ")
            files["site_config.yml"] = a5
        files["templates/masthead.svg"] = MASTHEAD
        write_publication(root, files)
        for variant in EDITIONS:
            found[kind, brand, variant] = laid_out(root, variant)
    return found


def checked_texts(document, index: int) -> list[tuple[TextBox, str, str]]:  # noqa: ANN001
    """`text_runs` of a page, after making sure they are all its text: the
    words WeasyPrint writes into the PDF page are exactly those found in the layout
    (an absolutely positioned box can fall outside the tree that is walked)."""
    found = text_runs(document.pages[index])
    written = PdfReader(io.BytesIO(document.copy([document.pages[index]]).write_pdf()))
    printed = squash(written.pages[0].extract_text()).replace("testmag", "")  # the masthead
    assert sorted(printed) == sorted(squash("".join(box.text for box, _, _ in found)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("variant", EDITIONS)
@pytest.mark.parametrize(("kind", "brand"), CASES)
def test_every_text_on_both_covers_reads_at_4_5_to_1(
    layouts: dict, kind: str, brand: str, variant: str
) -> None:
    document = layouts[kind, brand, variant]
    for index in (0, -1):
        texts = checked_texts(document, index)
        assert texts, "the cover has text"
        low = [
            (box.text, colour, behind, round(contrast(colour, behind), 2))
            for box, colour, behind in texts
            if contrast(colour, behind) < 4.5
        ]
        assert low == []


def _overlap(a, b) -> bool:  # noqa: ANN001 - two laid-out boxes
    return (
        a.position_x + 0.5 < b.position_x + b.width
        and b.position_x + 0.5 < a.position_x + a.width
        and a.position_y + 0.5 < b.position_y + b.height
        and b.position_y + 0.5 < a.position_y + a.height
    )


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
@pytest.mark.parametrize(("kind", "brand"), [*CASES, SMALL])
def test_each_cover_is_one_page_with_no_text_over_other_text(
    layouts: dict, kind: str, brand: str, variant: str
) -> None:
    document = layouts[kind, brand, variant]
    assert "In this issue" in {text for text, _, _ in texts_and_backgrounds(document.pages[1])}
    back = {text for text, _, _ in texts_and_backgrounds(document.pages[-1])}
    # The credits follow the last piece, on its page or the next, before the back cover.
    before = {text for page in document.pages[2:-1] for text, _, _ in texts_and_backgrounds(page)}
    assert "Get in touch" in back and "Who made this issue" in before
    for index in (0, -1):
        texts = [box for box, _, _ in checked_texts(document, index)]
        assert not [
            (a.text, b.text) for i, a in enumerate(texts) for b in texts[i + 1 :] if _overlap(a, b)
        ]


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_the_band_never_covers_the_art(layouts: dict, variant: str) -> None:
    page = layouts["art", "default", variant].pages[0]._page_box  # noqa: SLF001
    boxes = list(page.descendants())
    images = [b for b in boxes if getattr(b, "element_tag", "") == "img"]
    art = next(b for b in images if "fp-cover__image" in b.element.get("class"))
    art_bottom = art.position_y + art.margin_height()
    texts = [b for b in boxes if isinstance(b, TextBox) and b.text.strip()]
    assert "First issue" in {b.text for b in texts}
    band = texts + [b for b in images if b is not art]  # the masthead drawing too
    assert all(b.position_y >= art_bottom for b in band), "the band is over the art"
    assert art.margin_height() > page.height / 2  # the art is still the cover's main feature


@pytest.mark.slow
@pytest.mark.parametrize("variant", PRINTED)
def test_the_covers_colour_runs_into_the_printers_bleed(layouts: dict, variant: str) -> None:
    document = layouts["designed", "default", variant]
    for page in (document.pages[0], document.pages[-1]):
        # A page's background is painted over its bleed too (3 mm in the printer's PDF).
        assert _hex(page._page_box.style["background_color"]) == "#14365d"  # noqa: SLF001
    bleed = document.pages[0]._page_box.style["bleed_top"]  # noqa: SLF001
    assert (bleed.value > 0) == (variant == "print")


# --- Quick: the colour rules and the masthead's diagnostics ----------------------------


def test_text_on_the_brand_colour_is_white_or_black_whichever_reads_better() -> None:
    assert round(contrast("#14365d", "#000000"), 2) == 1.72  # large print's cover title before
    assert text_on("#14365d") == "#ffffff" and text_on("#ffd23f") == "#000000"
    for primary in ("#14365d", "#ffd23f", "#777777", "#767676", "#ff0000", "#00ff00"):
        assert contrast(text_on(primary), primary) >= 4.5, primary


def test_the_accent_is_used_for_text_only_where_it_reads_on_the_primary(tmp_path: Path) -> None:
    problems: list = []
    navy = palette(Brand(primary="#14365d", accent="#ffd23f"), tmp_path, problems)
    assert (navy.on_primary, navy.highlight, navy.ink) == ("#ffffff", "#ffd23f", "#14365d")
    grey = palette(Brand(primary="#777777", accent="#888888"), tmp_path, problems)
    assert (grey.on_primary, grey.highlight, grey.ink) == ("#000000", "#000000", "#1a1a2e")
    assert problems == []


def test_a_colour_not_written_as_hex_is_an_error_at_its_line(tmp_path: Path) -> None:
    write_publication(tmp_path, {"site_config.yml": config("  primary: navy\n")})
    problems: list = []
    colours = palette(Brand(primary="navy"), tmp_path, problems)
    assert colours.primary == "#14365d"  # flagpress's own, never a guess
    assert [p.format() for p in problems] == [
        "site_config.yml:12:12: error: 'brand.primary': write the colour as # and six hex "
        "digits, e.g. '#14365d' [bad-colour]"
    ]


BROKEN_MASTHEADS = {
    "missing": (
        "templates/missing.svg",
        None,
        "there is no file templates/missing.svg; check the spelling, or save the drawing there",
    ),
    "not-svg-text": (
        "templates/masthead.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'",
        "the drawing is not valid SVG (unclosed token); export it again",
    ),
    "script": (
        "templates/masthead.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "the drawing contains a script",
    ),
    "outside": (
        "../masthead.svg",
        None,
        "keep the masthead drawing in the publication's templates/ folder and write its "
        "path from the publication folder, e.g. templates/masthead.svg",
    ),
    "png": (
        "templates/masthead.png",
        "not a picture",
        "the masthead must be an SVG drawing (a file ending .svg); export it as SVG",
    ),
}


@pytest.mark.parametrize("case", BROKEN_MASTHEADS)
def test_a_missing_or_broken_masthead_is_an_error_at_its_line(publication, case: str) -> None:
    path, text, message = BROKEN_MASTHEADS[case]
    files = {"site_config.yml": config(f"  masthead: {path}\n", variants="[screen]")}
    if text is not None:
        files[path] = text
    root = publication(files)
    result = run("pdf", "1", "--root", str(root), "--output", str(root / "out.pdf"))
    assert result.exit_code == 1
    assert f"site_config.yml:12:13: error: 'brand.masthead': {message}" in result.stderr
    assert "[bad-masthead]" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "out.pdf").exists()


@pytest.mark.slow
def test_a_changed_masthead_is_printed_at_the_next_build(publication) -> None:
    """The PDF cache knows the masthead is an input: an edited drawing is not left
    unprinted behind a reused PDF."""
    root = publication({**DESIGNED, "site_config.yml": config(MASTHEAD_BRAND, "[screen]")})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    pdf = root / "site/issues/2019-03/test-magazine-issue-1-screen.pdf"
    assert "TESTMAG" in pdf_page_texts(pdf)[0]
    masthead = root / "templates/masthead.svg"
    masthead.write_text(MASTHEAD.replace("TESTMAG", "RENAMED"), encoding="utf-8")
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "RENAMED" in pdf_page_texts(pdf)[0] and "TESTMAG" not in pdf_page_texts(pdf)[0]
