"""The printer's edition and the booklet as a print shop or an office printer meets them:
pages in fours with blanks before the back cover (or a warning), an sRGB output intent
on request, small text in pure black, a booklet that asks for duplex on the short edge
and says which PDF version it is, and A5 booklets on A4 sheets."""

from __future__ import annotations

import math
import re
from pathlib import Path

from conftest import SECOND, SITE_CONFIG, pdf_page_texts, run
from pypdf import PdfReader
from weasyprint import HTML

from flagpress.render.press.impose import impose

MM = 72 / 25.4
BLACK = (0.0, 0.0, 0.0)


# Pieces flow on from each other, so the two short pieces and the credits share a page:
# a longer second piece makes an issue that runs over (cover, contents, 2 pages, back).
LONGER = SECOND + "\n" + "\n\n".join(["Some more text, to fill the page. " * 12] * 9) + "\n"


def config(settings: str) -> dict[str, str]:
    return {
        "site_config.yml": SITE_CONFIG + f"print: {{{settings}}}\n",
        "content/issues/2019-03/second.md": LONGER,
    }


def printed(root: Path, variant: str) -> Path:
    folder = "print" if variant == "print" else "site/issues/2019-03"
    return root / f"{folder}/test-magazine-issue-1-{variant}.pdf"


def build(root: Path, *options: str) -> tuple[int, str]:
    result = run("build", "--root", str(root), *options)
    return result.exit_code, result.stderr


def unpadded_pages(publication) -> int:
    """The small publication's printer's edition, without padding: not a multiple of 4."""
    root = publication(config("variants: [print], pad_to_4: false"))
    code, _ = build(root)
    assert code == 0
    pages = len(PdfReader(printed(root, "print")).pages)
    assert pages % 4, "the test publication must need padding"
    return pages


def test_the_printers_edition_is_padded_to_4_with_blanks_before_the_back_cover(
    publication,
) -> None:
    pages = unpadded_pages(publication)
    root = publication(config("variants: [print]"))
    code, stderr = build(root)
    assert code == 0, stderr
    assert "print-not-multiple-of-4" not in stderr
    reader = PdfReader(printed(root, "print"))
    texts = pdf_page_texts(printed(root, "print"))
    padded = pages + (-pages % 4)
    assert len(reader.pages) == padded
    assert [t.strip() for t in texts[pages - 1 : padded - 1]] == [""] * (padded - pages)
    assert texts[pages - 2].strip() and texts[-1].strip()  # last article page, back cover
    assert "Read every issue online" in texts[-1]
    for blank in reader.pages[pages - 1 : padded - 1]:  # same trim and 3 mm bleed as the rest
        assert math.isclose(float(blank.trimbox.width), 210 * MM, abs_tol=0.01)
        assert math.isclose(float(blank.trimbox.left) - float(blank.bleedbox.left), 3 * MM)


def test_without_padding_the_build_warns_and_names_the_setting(publication) -> None:
    root = publication(config("variants: [print], pad_to_4: false"))
    code, stderr = build(root)
    pages = len(PdfReader(printed(root, "print")).pages)
    assert code == 0
    warning = re.search(
        r"^(\S+):(\d+):(\d+): warning: (.*) \[print-not-multiple-of-4\]$", stderr, re.M
    )
    assert warning, stderr
    assert warning[1].endswith("content/issues/2019-03/issue.yml")
    assert warning[4] == (
        f"the printer's edition has {pages} pages, not a multiple of 4: the printer will "
        f"add {-pages % 4} blank page{'s' if -pages % 4 != 1 else ''} where they choose; "
        "set print: {pad_to_4: true} in site_config.yml to put them before the back cover"
    )
    assert build(root, "--strict")[0] == 1  # a warning fails a strict build


def test_an_srgb_output_intent_is_embedded_only_when_asked(publication) -> None:
    root = publication(config("variants: [print, screen], output_intent: srgb"))
    code, stderr = build(root)
    assert code == 0, stderr
    intents = PdfReader(printed(root, "print")).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    assert "sRGB" in str(intent["/OutputConditionIdentifier"])
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile's signature
    assert profile.get_data()[16:20] == b"RGB "
    assert "/OutputIntents" not in PdfReader(printed(root, "screen")).trailer["/Root"]
    plain = publication(config("variants: [print]"))
    assert build(plain)[0] == 0
    assert "/OutputIntents" not in PdfReader(printed(plain, "print")).trailer["/Root"]


def text_colours(pdf: Path) -> set[tuple[float, ...]]:
    """The fill colour set before each run of text, on every page of `pdf`."""
    colours = set()
    for page in PdfReader(pdf).pages:
        fill: tuple[float, ...] = (0.0, 0.0, 0.0)
        for operands, operator in page.get_contents().operations:
            if operator in (b"rg", b"g", b"k", b"sc", b"scn"):
                fill = tuple(round(float(v), 3) for v in operands if not isinstance(v, str))
            elif operator in (b"Tj", b"TJ"):
                colours.add(fill)
    return colours


def test_small_text_in_the_printers_edition_is_pure_black(publication) -> None:
    root = publication(config("variants: [print, screen]"))
    code, stderr = build(root)
    assert code == 0, stderr
    screen = text_colours(printed(root, "screen"))
    assert (0.102, 0.102, 0.18) in screen  # #1a1a2e: near black, four inks in print
    assert (0.267, 0.267, 0.267) in screen  # #444: running heads and folios
    colours = text_colours(printed(root, "print"))
    assert BLACK in colours
    greys = {c for c in colours if len(c) == 3 and len(set(c)) == 1 and 0 < c[0] < 1}
    near_black = {c for c in colours if len(c) == 3 and 0 < max(c) < 0.3}
    assert not greys and not near_black, colours


def test_the_booklet_asks_for_duplex_on_the_short_edge_and_says_pdf_1_7(publication) -> None:
    root = publication(config("variants: [print, booklet]"))
    code, stderr = build(root)
    assert code == 0, stderr
    booklet = printed(root, "booklet")
    assert booklet.read_bytes().startswith(b"%PDF-1.7\n")
    reader = PdfReader(booklet)
    assert reader.pdf_header == "%PDF-1.7"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"
    page = reader.pages[0]  # A4 pages on A3 landscape stays the default
    assert math.isclose(float(page.mediabox.width), 420 * MM, abs_tol=0.1)
    assert math.isclose(float(page.mediabox.height), 297 * MM, abs_tol=0.1)


def test_a4_pages_are_shrunk_to_a5_on_an_a4_booklet_sheet(publication) -> None:
    root = publication(config("variants: [print, booklet], booklet_sheet: A4"))
    code, stderr = build(root)
    assert code == 0, stderr
    reader = PdfReader(printed(root, "booklet"))
    pages = len(PdfReader(printed(root, "print")).pages)
    assert len(reader.pages) == pages // 2
    for side in reader.pages:
        assert math.isclose(float(side.mediabox.width), 297 * MM, abs_tol=0.1)
        assert math.isclose(float(side.mediabox.height), 210 * MM, abs_tol=0.1)
    texts = pdf_page_texts(printed(root, "booklet"))
    assert "Read every issue online" in texts[0]  # back cover | cover on the first side


def test_imposing_on_a4_places_each_page_against_the_fold_at_a5_size(tmp_path: Path) -> None:
    pages = "".join(f'<p style="break-after: page; margin: 0">Leaf {n}</p>' for n in range(1, 5))
    source = tmp_path / "four.pdf"
    HTML(string=f"<style>@page {{ size: A4; margin: 0 }}</style>{pages}").write_pdf(source)
    assert impose(source, tmp_path / "booklet.pdf", "A4") == 2
    side = PdfReader(tmp_path / "booklet.pdf").pages[0]
    starts: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if text.strip():
            starts[text.strip()] = (tm[4] * cm[0] + cm[4], size * cm[0])

    side.extract_text(visitor_text=visit)
    scale = 148 / 210  # A4 to A5
    (x4, size4), (x1, size1) = starts["Leaf 4"], starts["Leaf 1"]
    assert 0 <= x4 < 10  # the left page starts at the sheet's left edge
    assert math.isclose(x1 - x4, 148.5 * MM, abs_tol=0.5)  # the right one at the fold
    assert math.isclose(size1 / size4, 1) and math.isclose(size1, 12 * scale, rel_tol=0.05)


def test_bad_printer_settings_are_diagnostics_naming_the_choices(publication) -> None:
    root = publication(config("booklet_sheet: A5, output_intent: cmyk, pad_to_4: maybe"))
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert (
        "site_config.yml:9:24: error: 'booklet_sheet': 'A5' is not one of: A3, A4 "
        "[unknown-value]\n"
        "site_config.yml:9:43: error: 'output_intent': 'cmyk' is not one of: none, srgb "
        "[unknown-value]\n"
        "site_config.yml:9:59: error: 'pad_to_4': write true or false (not 'maybe') "
        "[not-a-boolean]\n"
    ) in result.stderr.replace(str(root) + "/", "")
