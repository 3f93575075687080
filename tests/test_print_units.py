"""The print edition's parts on small publications: settings, consent, embargoes, the
booklet's blank pages, the cache, the `flagpress pdf` command and its diagnostics."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
from pathlib import Path

import pytest
from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_BODY,
    FOREWORD_PATH,
    SECOND,
    SITE_CONFIG,
    pdf_page_texts,
    run,
    snapshot,
)
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from flagpress.load import load_publication
from flagpress.render.edition import build_edition
from flagpress.render.press import render_editions
from flagpress.render.press.bodies import BodyContext, print_body
from flagpress.render.press.impose import booklet_order, impose

MM = 72 / 25.4
TODAY = dt.date.today()
SCREEN_ONLY = SITE_CONFIG + "print: {variants: [screen]}\n"


def text_of(pdf: Path) -> str:
    return "\n".join(pdf_page_texts(pdf))


def issue_pdf(root: Path, variant: str) -> Path:
    """Where `build` puts a PDF: the printer's in ROOT/print/, the others in the website."""
    folder = "print" if variant == "print" else "site/issues/2019-03"
    return root / f"{folder}/test-magazine-issue-1-{variant}.pdf"


def test_booklet_order_puts_the_covers_outside_and_the_centre_pages_inside() -> None:
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    with pytest.raises(AssertionError):
        booklet_order(6)


def test_the_booklet_is_padded_with_blank_pages_before_the_back_cover(tmp_path: Path) -> None:
    pages = "".join(f'<p style="break-after: page">Leaf {n}</p>' for n in range(1, 11))
    source = tmp_path / "ten.pdf"
    HTML(string=f"<style>@page {{ size: A5 }}</style>{pages}").write_pdf(source)
    sides = impose(source, tmp_path / "booklet.pdf")
    reader = PdfReader(tmp_path / "booklet.pdf")
    assert sides == len(reader.pages) == 6  # 10 pages + 2 blanks = 12 = 6 sides
    page = reader.pages[0]
    assert math.isclose(float(page.mediabox.width), 2 * 148 * MM, abs_tol=0.1)  # A4 landscape
    texts = pdf_page_texts(tmp_path / "booklet.pdf")
    assert re.findall(r"Leaf (\d+)", texts[0]) == ["10", "1"]  # back cover | cover
    assert re.findall(r"Leaf (\d+)", texts[1]) == ["2"]  # | blank
    assert re.findall(r"Leaf (\d+)", texts[2]) == ["3"]  # blank |
    assert re.findall(r"Leaf (\d+)", texts[5]) == ["6", "7"]  # the centre spread


def test_bodies_get_their_notes_in_place_and_ids_of_their_own(publication) -> None:
    root = publication(
        {
            "content/issues/2019-03/foreword.md": FOREWORD
            + "\n## A part\n\nSaid so.[^1]\n\n/// pull-quote\nAll as one.\n///\n\n"
            + "[^1]: A *source*.\n"
        }
    )
    pub, _ = load_publication(root)
    foreword = pub.issues[0].articles[0]
    ctx = BodyContext(root, {a.source: a.slug for a in pub.issues[0].articles})
    html = print_body(foreword, ctx)
    assert 'Said so.<span class="fp-footnote">A <em>source</em>.</span>' in html
    assert 'id="foreword--a-part"' in html
    assert 'href="#article-second"' in html
    assert "footnote-backref" not in html and 'class="footnote"' not in html
    # Printed at the foot of their pages, the notes need no "Notes" heading; a pull
    # quote is a styled blockquote (a figure would be read aloud as an image).
    assert "Notes" not in html and "<figure" not in html
    assert '<blockquote class="fp-pull-quote">\n<p>All as one.</p>\n</blockquote>' in html


def test_print_settings_are_read_and_bad_ones_reported(publication) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG
            + "print: {paper: A3, bleed: 20, variants: [screen, prnt]}\n"
        }
    )
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert "'A3' is not one of: A4, A5, letter" in result.stderr
    assert "write the bleed in millimetres, 0 to 10 (not 20) [bad-bleed]" in result.stderr
    assert "(did you mean 'print'?)" in result.stderr
    root = publication(
        {"site_config.yml": SITE_CONFIG + "print:\n  paper: A5\n  crop_marks: true\n"}
    )
    settings = load_publication(root)[0].config.print
    assert (settings.paper, settings.bleed, settings.crop_marks) == ("A5", 3, True)
    assert settings.variants == ("screen", "print", "large-print", "booklet")


def test_a5_with_crop_marks_keeps_the_bleed_box_at_3_mm(publication) -> None:
    config = SITE_CONFIG + "print: {paper: A5, crop_marks: true, variants: [print, booklet]}\n"
    root = publication({"site_config.yml": config})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert not issue_pdf(root, "screen").exists()
    page = PdfReader(issue_pdf(root, "print")).pages[1]
    assert math.isclose(float(page.trimbox.width), 148 * MM, abs_tol=0.01)
    assert math.isclose(float(page.trimbox.left) - float(page.bleedbox.left), 3 * MM, abs_tol=0.01)
    assert math.isclose(float(page.trimbox.left) - float(page.mediabox.left), 10 * MM, abs_tol=0.01)
    booklet = PdfReader(issue_pdf(root, "booklet")).pages[0]
    assert math.isclose(float(booklet.mediabox.width), 2 * 148 * MM, abs_tol=0.1)


def test_print_consent_embargoes_and_drafts_decide_what_is_printed(publication) -> None:
    no_print = CONTRIBUTORS.replace(
        "name: Alex\n  roles: [editor]\n  consent: {web: true, print: true",
        "name: Alex\n  roles: [editor]\n  consent: {web: true, print: false",
    )
    assert no_print != CONTRIBUTORS
    embargoed = SECOND.replace("status: published", "status: published\npublish_after: 2999-01-01")
    draft = FOREWORD.replace("title: Foreword", "title: Unfinished piece").replace(
        "status: published", "status: draft"
    )
    root = publication(
        {
            "site_config.yml": SCREEN_ONLY,
            "content/contributors.yml": no_print,
            "content/issues/2019-03/issue.yml": (
                "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
                "articles: [foreword.md, second.md, third.md]\n"
            ),
            FOREWORD_PATH: FOREWORD.replace(FOREWORD_BODY, "Welcome. Unique-A."),
            "content/issues/2019-03/second.md": embargoed,
            "content/issues/2019-03/third.md": draft,
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    text = text_of(issue_pdf(root, "screen"))
    assert "Unique-A." in text
    assert "Second piece" not in text and "Unfinished piece" not in text
    assert "Alex" not in text and "Edited by an editor" in text
    web = (root / "site/issues/2019-03/index.html").read_text(encoding="utf-8")
    assert "Alex" in web  # named on the website, which they agreed to


def test_unchanged_inputs_are_not_rendered_again(publication) -> None:
    root = publication(
        {"site_config.yml": SITE_CONFIG + "print: {variants: [screen, large-print]}\n"}
    )
    pub, _ = load_publication(root)
    first = render_editions(build_edition(pub, root, TODAY))
    assert [e.reused for e in first.files] == [False, False]
    again = render_editions(build_edition(pub, root, TODAY))
    assert [e.reused for e in again.files] == [True, True]
    css = root / "templates/print/large-print.css"
    css.parent.mkdir(parents=True)
    css.write_text("html { font-size: 18pt; }\n")
    changed = render_editions(build_edition(pub, root, TODAY))
    assert {e.variant: e.reused for e in changed.files} == {"screen": True, "large-print": False}
    assert ".flagpress-cache/" in (Path(__file__).parent.parent / ".gitignore").read_text()


def test_a_moved_publication_reuses_its_pdfs(publication, tmp_path) -> None:
    """Cache keys are relative to the publication: a moved or re-cloned folder whose
    files are the same renders nothing again."""
    root = publication({"site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n"})
    pub, _ = load_publication(root)
    assert [e.reused for e in render_editions(build_edition(pub, root, TODAY)).files] == [False]
    moved = root.rename(tmp_path / "moved-publication")
    pub, _ = load_publication(moved)
    assert [e.reused for e in render_editions(build_edition(pub, moved, TODAY)).files] == [True]


def test_a_build_deletes_cached_pdfs_it_no_longer_makes(publication) -> None:
    """A cached PDF holds names as printed then: once its edition or issue is no longer
    made, the next build deletes it rather than keep a withdrawn name on disk."""
    root = publication({"site_config.yml": SITE_CONFIG + "print: {variants: [screen, booklet]}\n"})
    assert run("build", "--root", str(root)).exit_code == 0
    cached = root / ".flagpress-cache/pdf/2019-03"
    assert {p.name for p in cached.glob("*.pdf")} == {"screen.pdf", "print.pdf", "booklet.pdf"}
    config = root / "site_config.yml"
    config.write_text(config.read_text().replace("[screen, booklet]", "[screen]"))
    assert run("build", "--root", str(root)).exit_code == 0
    assert {p.name for p in cached.glob("*.pdf")} == {"screen.pdf"}
    shutil.rmtree(root / "content/issues/2019-03")
    assert run("build", "--root", str(root)).exit_code == 0
    assert not cached.exists()


def test_a_low_resolution_photo_is_a_warning_and_fails_under_strict(publication) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(photo, format="PNG")
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [print]}\n",
            "content/issues/2019-03/images/small.png": photo.getvalue(),
            "content/issues/2019-03/foreword.md": FOREWORD.replace(
                "Welcome.", "![Navy blue](images/small.png)\n\nWelcome."
            ),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert re.search(
        r"foreword\.md:10:\d+: warning: this image prints at \d+ dpi, below 200.*"
        r"\[low-resolution-image\]",
        result.stderr,
    )
    assert run("build", "--root", str(root), "--strict").exit_code == 1


def test_characters_the_font_lacks_are_reported(publication) -> None:
    root = publication(
        {
            "site_config.yml": SCREEN_ONLY,
            "content/issues/2019-03/second.md": SECOND.replace("Some text.", "Some text \u2603."),
        }
    )
    result = run("build", "--root", str(root))
    assert "second.md:9:11: warning: the print font (Atkinson Hyperlegible) has no '\u2603'" in (
        result.stderr
    )


def test_flagpress_pdf_makes_one_edition(publication, tmp_path: Path, monkeypatch) -> None:
    root = publication()
    out = tmp_path / "out.pdf"
    result = run(
        "pdf", "2019-03", "--variant", "large-print", "--output", str(out), "--root", str(root)
    )
    assert result.exit_code == 0, result.stderr
    assert "Unique" not in text_of(out) and "Second piece" in text_of(out)
    monkeypatch.chdir(tmp_path)
    assert run("pdf", "1", "--variant", "booklet", "--root", str(root)).exit_code == 0
    assert (tmp_path / "test-magazine-issue-1-booklet.pdf").is_file()
    missing = run("pdf", "2019-04", "--root", str(root))
    assert missing.exit_code == 2
    assert missing.stderr == (
        "flagpress: error: there is no issue '2019-04'; the issues are: 2019-03 (number 1)\n"
    )


def test_flagpress_pdf_of_an_issue_with_nothing_published(publication, tmp_path: Path) -> None:
    root = publication(
        {
            "content/issues/2019-03/foreword.md": FOREWORD.replace("published", "draft"),
            "content/issues/2019-03/second.md": SECOND.replace("published", "draft"),
            "content/pages/about.md": "---\ntitle: About us\n---\nWe are a test.\n",
        }
    )
    result = run("pdf", "2019-03", "--root", str(root), "--output", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "no published articles yet: nothing to print [nothing-to-print]" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_failing_pdf_leaves_the_live_site_as_it_was(publication) -> None:
    root = publication({"site_config.yml": SCREEN_ONLY})
    assert run("build", "--root", str(root)).exit_code == 0
    before = snapshot(root / "site")
    assert any(name.endswith("-screen.pdf") for name in before)
    (root / "templates/print").mkdir(parents=True)
    (root / "templates/print/back-cover.html").write_text('<img src="/etc/passwd" alt="">\n')
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "templates/print/back-cover.html:1:" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before


def test_a_broken_print_template_is_a_diagnostic(publication) -> None:
    root = publication({"site_config.yml": SCREEN_ONLY, "templates/print/cover.html": "{% if %}\n"})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "templates/print/cover.html:1:1: error: this print template cannot be used" in (
        result.stderr
    )


def test_the_cover_image_reaches_the_bleed_edge(publication) -> None:
    from flagpress.render.press.document import build_document
    from flagpress.render.press.editions import allowed_folders
    from flagpress.render.press.fetcher import SandboxedFetcher
    from flagpress.render.press.variants import VARIANTS

    cover = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="850"/>'
    root = publication(
        {
            "content/issues/2019-03/images/cover.svg": cover,
            "content/issues/2019-03/issue.yml": (
                "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
                "cover: {src: images/cover.svg, alt: A blank cover}\n"
                "articles: [foreword.md, second.md]\n"
            ),
        }
    )
    pub, _ = load_publication(root)
    edition = build_edition(pub, root, TODAY)
    document = build_document(edition, edition.issues[0], VARIANTS["print"])
    fetcher = SandboxedFetcher(Path(p) for p in allowed_folders(root))
    laid_out = HTML(
        string=document.html, base_url=root.as_uri() + "/", url_fetcher=fetcher
    ).render()
    page = laid_out.pages[0]._page_box  # noqa: SLF001 - the layout is what is tested
    image = next(b for b in page.descendants() if getattr(b, "element_tag", "") == "img")
    bleed = 3 * 96 / 25.4  # CSS px
    assert math.isclose(image.position_x, -bleed, abs_tol=0.5)
    assert math.isclose(image.position_y, -bleed, abs_tol=0.5)
    assert image.width >= page.width + 2 * bleed - 0.5
