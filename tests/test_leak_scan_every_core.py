"""The leak scan searches the files' texts on every core (publish/leak_scan.py): it
finds exactly what searching them one by one finds, and remembers the same files as
clean, whatever the files hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import png, record_pools

from flagpress import every_core
from flagpress.load import load_publication
from flagpress.load.private_file import load_private
from flagpress.publish import leak_scan
from flagpress.publish.clean_files import CleanFiles

PRIVATE = "anon-1: {real_name: Ana Ruiz, email: ana.r@example.org}\n"
PAGES = 40  # more than every_core.MIN_ITEMS files to read
pytestmark = pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")


def _site(folder: Path) -> Path:
    """Clean pages, two leaking ones, a picture, and a PDF that cannot be read."""
    for number in range(PAGES):
        page = folder / f"page-{number:02}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<p>Page {number}, thanks to everyone.</p>", encoding="utf-8")
    (folder / "page-07" / "index.html").write_text("<p>Thanks, ANA  ruíz.</p>", encoding="utf-8")
    (folder / "page-31" / "index.html").write_text("<p>ana.r@EXAMPLE.org</p>", encoding="utf-8")
    (folder / "picture.png").write_bytes(png())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF")
    return folder


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each call ran a pool of workers."""
    return record_pools(monkeypatch, leak_scan)


def _scan(root: Path, site: Path, cache: Path | None) -> tuple[list[str], set[bytes]]:
    """What one scan reports, and the verdicts it remembered."""
    pub, _ = load_publication(root)
    private, _ = load_private(root, pub)
    clean = CleanFiles(cache)
    found = leak_scan.scan(site, "site", pub, private, dt.date(2026, 12, 1), clean)
    return [p.format() for p in found], set(clean._used)  # noqa: SLF001


@pytest.mark.parametrize("cached", [True, False], ids=["with-cache", "without"])
def test_every_core_finds_what_one_by_one_finds(
    publication, tmp_path: Path, pools: list[bool], monkeypatch: pytest.MonkeyPatch,
    cached: bool,
) -> None:
    root = publication({"content/contributors.private.yml": PRIVATE})
    site = _site(tmp_path / "site")
    found, verdicts = _scan(root, site, tmp_path / "a" if cached else None)
    assert pools == [True]
    monkeypatch.setattr(every_core, "cores_here", lambda: 1)
    assert _scan(root, site, tmp_path / "b" if cached else None) == (found, verdicts)
    assert pools == [True, False]
    assert [line.split(": error: ")[0] for line in found] == [
        "site/broken.pdf:1:1",
        "site/page-07/index.html:1:1",
        "site/page-07/index.html:1:1",
        "site/page-31/index.html:1:1",
    ]
    assert "'anon-1' (email)" in found[3] and "[leak-scan-unreadable]" in found[0]
    assert len(verdicts) == PAGES - 2 + 1  # every clean page, and the picture
