"""Issue 15: the leak scan remembers every file it found clean, and nothing else.

An unchanged file is not read as text again (in the new release, the kept one, or a
later run), but other bytes, another secret or a damaged store always mean a rescan.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from conftest import FOREWORD, SITE_CONFIG, png, run
from pypdf import PdfWriter

from flagpress import pipeline
from flagpress.load import load_publication
from flagpress.load.private_file import load_private
from flagpress.publish import clean_files, leak_scan
from flagpress.publish.clean_files import CleanFiles

PRIVATE = "anon-1: {real_name: Ana Ruiz}\n"
WITH_EMAIL = "anon-1: {real_name: Ana Ruiz, email: ana.r@example.org}\n"
ARTICLE = "content/issues/2019-03/foreword.md"
CLEAN_PAGE = "<html><body><p>Thanks to everyone.</p></body></html>"
LEAKY_PAGE = "<html><body><p>Thanks to ana RUIZ.</p></body></html>"


def _leak(what: str) -> str:
    return (
        f"site/page.html:1:1: error: private information about 'anon-1' ({what}) is in this "
        "output file; the build is stopped. Run 'flagpress where anon-1' to find where it "
        "comes from, and remove it [leak]"
    )


LEAK = [_leak("real_name"), _leak("surname")]  # "Ana Ruiz", and "Ruiz" alone


@pytest.fixture
def texts_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose text the scan reads, in order."""
    read: list[str] = []
    extract = leak_scan.file_texts

    def counting(path: Path, data: bytes | None = None):  # noqa: ANN202
        read.append(path.name)
        return extract(path, data)

    monkeypatch.setattr(leak_scan, "file_texts", counting)
    return read


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "Issue one"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _site(folder: Path) -> Path:
    """An output folder with one file of each kind a website holds, all clean."""
    files: dict[str, str | bytes] = {
        "page.html": CLEAN_PAGE,
        "search/search_index.json": json.dumps({"docs": [{"text": "Thanks"}]}),
        "sitemap.xml": "<urlset><url><loc>https://example.org/</loc></url></urlset>",
        "drawing.svg": "<svg><text>Hello</text></svg>",
        "assets/style.css": "body { color: black; }",
        "assets/app.js": "console.log('hello');",
        "assets/image.png": png(),
        "issue.pdf": _pdf(),
    }
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _scan(root: Path, folder: Path, clean: CleanFiles) -> list[str]:
    pub, _ = load_publication(root)
    private, _ = load_private(root, pub)
    found = leak_scan.scan(folder, "site", pub, private, dt.date.today(), clean)
    return [p.format() for p in found]


def _scan_saved(root: Path, folder: Path) -> list[str]:
    """One command's scan: the store read, the folder scanned, the store written."""
    clean = CleanFiles(root / ".flagpress-cache")
    found = _scan(root, folder, clean)
    clean.save(prune=True)
    return found


FILES = ["app.js", "image.png", "style.css", "drawing.svg", "issue.pdf", "page.html"]
FILES += ["search_index.json", "sitemap.xml"]


def test_a_second_scan_of_unchanged_files_reads_no_text(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    assert _scan_saved(root, site) == []
    assert sorted(texts_read) == sorted(FILES)
    texts_read.clear()
    assert _scan_saved(root, site) == []
    assert texts_read == []


def test_without_a_cache_every_file_is_read_every_time(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    for _ in range(2):
        assert _scan(root, site, CleanFiles(None)) == []
    assert sorted(texts_read) == sorted(FILES * 2)


def test_a_file_with_a_finding_is_read_every_time(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    (site / "page.html").write_text(LEAKY_PAGE, encoding="utf-8")
    assert _scan_saved(root, site) == LEAK
    texts_read.clear()
    assert _scan_saved(root, site) == LEAK
    assert texts_read == ["page.html"]


def test_a_new_secret_makes_every_file_be_read_again(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    (site / "page.html").write_text(CLEAN_PAGE.replace("everyone", "ana.r@example.org"))
    assert _scan_saved(root, site) == []
    (root / "content/contributors.private.yml").write_text(WITH_EMAIL, encoding="utf-8")
    texts_read.clear()
    assert _scan_saved(root, site) == [_leak("email")]
    assert sorted(texts_read) == sorted(FILES)


def test_a_file_edited_in_place_is_read_again_even_with_its_old_size_and_time(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    page = site / "page.html"
    clean = CleanFiles(root / ".flagpress-cache")
    assert _scan(root, site, clean) == []
    before = page.stat()
    page.write_text(CLEAN_PAGE.replace("everyone", "ana RUIZ"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert page.stat().st_size == before.st_size
    texts_read.clear()
    assert _scan(root, site, clean) == LEAK  # the same command, the same CleanFiles
    assert texts_read == ["page.html"]


def test_a_planted_or_damaged_store_does_not_hide_a_name(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    assert _scan_saved(root, site) == []  # the store now vouches for the clean page
    store = root / ".flagpress-cache/leak-scan/clean"
    vouched = store.read_bytes()
    (site / "page.html").write_text(LEAKY_PAGE, encoding="utf-8")
    texts_read.clear()
    assert _scan_saved(root, site) == LEAK
    assert texts_read == ["page.html"]
    for planted in (vouched, vouched + os.urandom(32 * 50), b"garbage", vouched[:-5], b""):
        store.write_bytes(planted)
        assert _scan_saved(root, site) == LEAK


def test_the_store_holds_only_digests(publication, tmp_path: Path) -> None:
    root = publication({"content/contributors.private.yml": WITH_EMAIL})
    site = _site(tmp_path / "site")
    assert _scan_saved(root, site) == []
    store = (root / ".flagpress-cache/leak-scan/clean").read_bytes()
    assert store.startswith(clean_files.HEADER)
    assert len(store) == len(clean_files.HEADER) + 32 * len(FILES)
    for value in (b"ruiz", b"example.org", b"anon-1", b"thanks"):
        assert value not in store.lower()


def _build(root: Path) -> None:
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr


def _recorded(monkeypatch: pytest.MonkeyPatch) -> list[CleanFiles]:
    """The CleanFiles each build makes from now on (to count the files it hashed)."""
    made: list[CleanFiles] = []

    class Recorded(CleanFiles):
        def __init__(self, folder: Path | None) -> None:
            super().__init__(folder)
            made.append(self)

    monkeypatch.setattr(pipeline, "CleanFiles", Recorded)
    return made


@pytest.mark.usefixtures("every_run_in_full")  # a rebuild that runs, with nothing new
def test_a_rebuild_reads_only_new_files_and_hashes_each_shared_file_once(
    publication, monkeypatch: pytest.MonkeyPatch, texts_read: list[str]
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    _build(root)
    made = _recorded(monkeypatch)
    texts_read.clear()
    _build(root)
    # Only the kept release's marker is new: it names the release, and is read once.
    assert texts_read == [".flagpress-build"]
    live = (root / "site").resolve()
    (kept,) = [p for p in (root / ".site-releases").iterdir() if p != live]
    files = [p for p in [*live.rglob("*"), *kept.rglob("*")] if p.is_file()]
    assert len(files) > 20
    # The kept release shares every unchanged file with the new one by hard link: each
    # is hashed once, in the new release, and known by its inode in the kept one.
    assert made[0].hashed == len({p.stat().st_ino for p in files})


@pytest.mark.usefixtures("every_run_in_full")
def test_a_third_build_hashes_each_shared_file_once_too(
    publication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oldest release is deleted after the kept one is scanned, not before: deleting
    it changed the change time of every file the three releases share, and the kept
    release's scan hashed each of them again (a second pass over the whole website)."""
    root = publication({"content/contributors.private.yml": PRIVATE})
    _build(root)
    _build(root)
    made = _recorded(monkeypatch)
    _build(root)
    live = (root / "site").resolve()
    releases = [p for p in (root / ".site-releases").iterdir() if p.name.startswith("release-")]
    assert len(releases) == 2  # the oldest is gone all the same
    files = [p for release in releases for p in release.rglob("*") if p.is_file()]
    assert live in releases and len(files) > 20
    assert made[0].hashed == len({p.stat().st_ino for p in files})


def test_a_name_added_to_the_private_file_is_found_in_a_page_that_was_clean(
    publication,
) -> None:
    foreword = FOREWORD.replace("Welcome.", "Welcome. Write to ana.r@example.org.")
    root = publication({"content/contributors.private.yml": PRIVATE, ARTICLE: foreword})
    _build(root)  # every file of the site is now remembered as clean
    (root / "content/contributors.private.yml").write_text(WITH_EMAIL, encoding="utf-8")
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert (
        "site/issues/2019-03/foreword/index.html:1:1: error: private information about "
        "'anon-1' (email) is in this output file; the build is stopped. Run 'flagpress where "
        "anon-1' to find where it comes from, and remove it [leak]"
    ) in result.stderr.splitlines()
    assert "example.org" not in result.stdout + result.stderr


@pytest.mark.slow  # renders a PDF
def test_flagpress_pdf_reads_no_text_of_a_pdf_the_build_found_clean(
    publication, tmp_path: Path, texts_read: list[str]
) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n",
            "content/contributors.private.yml": PRIVATE,
        }
    )
    _build(root)
    assert "test-magazine-issue-1-screen.pdf" in texts_read
    texts_read.clear()
    out = tmp_path / "issue.pdf"
    result = run("pdf", "2019-03", "--variant", "screen", "--output", str(out), "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert (
        out.read_bytes()
        == (root / "site/issues/2019-03/test-magazine-issue-1-screen.pdf").read_bytes()
    )
    assert texts_read == []
