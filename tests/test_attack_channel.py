"""Issue 10, item 3: consent follows the channel of each output.

A PDF offered on the website is a web publication (anyone may open it) and a printed
magazine (anyone may print it), so it names a person only if they agreed to both.
The printer's edition, which may name people who agreed to print only, is written to
ROOT/print/, outside the website, and never linked from it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTRIBUTORS, NEIL_NO_WEB, SITE_CONFIG, run, snapshot, write_publication
from pypdf import PdfReader

from flagpress.load import load_publication
from flagpress.load.private_file import load_private
from flagpress.publish import leak_scan

ALL_FOUR = SITE_CONFIG + "print: {variants: [screen, print, large-print, booklet]}\n"
NEIL_NO_PRINT = CONTRIBUTORS.replace("print: true", "print: false", 1)
PRINTER_PDF = "print/test-magazine-issue-1-print.pdf"


def _build(tmp_path_factory: pytest.TempPathFactory, contributors: str) -> Path:
    root = tmp_path_factory.mktemp("channel") / "pub"
    root.mkdir()
    write_publication(root, {"site_config.yml": ALL_FOUR, "content/contributors.yml": contributors})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"Wrote 1 PDF for the printer into {root}/print/"
    return root


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def _site_pdfs(root: Path) -> list[Path]:
    return sorted(p for p in (root / "site").resolve().rglob("*") if p.suffix == ".pdf")


@pytest.fixture(scope="module")
def no_web(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """neil-j ("Neil J") agreed to be named in print, not on the website."""
    return _build(tmp_path_factory, NEIL_NO_WEB)


@pytest.fixture(scope="module")
def no_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """neil-j agreed to be named on the website, not in print."""
    return _build(tmp_path_factory, NEIL_NO_PRINT)


def test_the_website_offers_three_pdfs_and_never_the_printers(no_web: Path) -> None:
    names = [p.name for p in _site_pdfs(no_web)]
    assert names == [f"test-magazine-issue-1-{v}.pdf" for v in ("booklet", "large-print", "screen")]
    page = (no_web / "site/issues/2019-03/index.html").read_text(encoding="utf-8")
    assert "test-magazine-issue-1-print.pdf" not in page
    assert "Print-ready" not in page
    for path, data in snapshot(no_web / "site").items():
        assert b"issue-1-print.pdf" not in data, path


def test_no_web_consent_means_not_named_in_any_pdf_on_the_website(no_web: Path) -> None:
    for pdf in _site_pdfs(no_web):
        text = _text(pdf)
        assert "Neil" not in text, pdf.name
        assert "Foreword Why we made this issue. By a volunteer Welcome." in text, pdf.name
        assert b"Neil" not in pdf.read_bytes(), pdf.name  # nor in metadata or any stream


def test_the_printers_edition_names_them_as_they_agreed_for_print(no_web: Path) -> None:
    text = _text(no_web / PRINTER_PDF)
    assert "Foreword Why we made this issue. By Neil J Welcome." in text
    assert "Editorial · by Neil J" in text
    assert "Second piece The second article. By Alex and a volunteer Some text." in text


def _scan(root: Path, folder: Path, shown: str, channel: str | None = None) -> list[str]:
    pub, _ = load_publication(root)
    private, _ = load_private(root, pub)
    found = leak_scan.scan(folder, shown, pub, private, dt.date.today(), channel=channel)
    return [p.format() for p in found]


def test_the_leak_scan_treats_a_pdf_in_the_website_as_web_and_print(
    no_web: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree((no_web / "site").resolve(), site)
    assert _scan(no_web, site, "site") == []
    assert _scan(no_web, no_web / "print", "print", channel="print") == []
    # The attack: the printer's edition put on the website for download.
    shutil.copy(no_web / PRINTER_PDF, site / "issues/2019-03/magazine.pdf")
    assert _scan(no_web, site, "site") == [  # contents, then foreword and credits
        "site/issues/2019-03/magazine.pdf:1:1: error: private information about 'neil-j' "
        f"(chosen name) is in this output file (page {page}); the build is stopped. Run "
        "'flagpress where neil-j' to find where it comes from, and remove it [leak]"
        for page in (2, 3)  # the credits now follow the last piece, on page 3
    ]


def test_no_print_consent_means_not_named_in_any_pdf(no_print: Path) -> None:
    pdfs = [*_site_pdfs(no_print), no_print / PRINTER_PDF]
    assert len(pdfs) == 4
    for pdf in pdfs:
        text = _text(pdf)
        assert "Neil" not in text, pdf.name
        assert "Foreword Why we made this issue. By a volunteer Welcome." in text, pdf.name
    page = (no_print / "site/issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    assert "Neil J" in page  # named on the website, which they agreed to


def test_flagpress_pdf_names_each_variant_as_the_build_does(no_web: Path, tmp_path: Path) -> None:
    printer, screen = tmp_path / "printer.pdf", tmp_path / "screen.pdf"
    made = run("pdf", "1", "--variant", "print", "--output", str(printer), "--root", str(no_web))
    assert made.exit_code == 0, made.stderr
    assert "By Neil J Welcome." in _text(printer)
    made = run("pdf", "1", "--variant", "screen", "--output", str(screen), "--root", str(no_web))
    assert made.exit_code == 0, made.stderr
    assert "Neil" not in _text(screen) and "By a volunteer Welcome." in _text(screen)


def test_a_print_folder_flagpress_did_not_make_is_never_replaced(publication) -> None:
    root = publication({"site_config.yml": SITE_CONFIG + "print: {variants: [print]}\n"})
    (root / "print").mkdir()
    (root / "print/quote.txt").write_text("the printer's quote\n")
    result = run("build", "--root", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: {root}/print exists and was not made by flagpress, which writes "
        "the printer's PDFs there; move it away or rename it, so that nothing in it is lost\n"
    )
    assert (root / "print/quote.txt").read_text() == "the printer's quote\n"
    assert not (root / "site").exists()


def test_a_failed_build_leaves_the_printers_folder_as_it_was(no_web: Path) -> None:
    before = (no_web / PRINTER_PDF).read_bytes()
    foreword = no_web / "content/issues/2019-03/foreword.md"
    original = foreword.read_text(encoding="utf-8")
    foreword.write_text(original.replace("authors: [neil-j]", "authors: [nobody]"))
    try:
        assert run("build", "--root", str(no_web)).exit_code == 1
    finally:
        foreword.write_text(original)
    assert (no_web / PRINTER_PDF).read_bytes() == before
    assert not list((no_web / ".print-releases").glob("staging-*"))
