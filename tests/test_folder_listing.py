"""Listing a release as text (folder_listing.py): the same entries, in the same order, as
`Path.rglob('*')` sorted as text (the leak scan, the counts) or as paths (the files MkDocs
wrote, published in that order)."""

from __future__ import annotations

import os
from pathlib import Path

from flagpress.folder_listing import count_named, entries, files


def _release(folder: Path) -> Path:
    for name in ("index.html", ".hidden", "a b/ünï code.html", "issues/x/index.html",
                 "issues/x/y/z.pdf", "issues/x-1/index.html", "issues/x.pdf", "Z/index.HTML"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    (folder / "empty").mkdir()
    outside = folder.parent / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.html").write_text("x")
    os.symlink(outside, folder / "shortcut")  # listed, never followed
    os.symlink(outside / "deep" / "secret.html", folder / "issues" / "link.html")
    return folder


def test_the_same_entries_in_the_same_order_as_rglob(tmp_path: Path) -> None:
    folder = _release(tmp_path / "release")
    expected = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"), key=str)]
    assert entries(folder) == expected
    assert "shortcut" in expected and not any("secret" in name for name in expected)


def test_pages_and_pdfs_are_counted_by_name(tmp_path: Path) -> None:
    names = entries(_release(tmp_path / "release"))
    assert count_named(names, last="index.html") == sum(
        1 for _ in (tmp_path / "release").rglob("index.html")
    ) == 3
    assert count_named(names, ending=".pdf") == 2


def test_the_files_in_the_order_of_their_paths_as_sorted_rglob(tmp_path: Path) -> None:
    folder = _release(tmp_path / "release")
    expected = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    assert files(folder) == expected
    assert expected.index("issues/x/index.html") < expected.index("issues/x-1/index.html")
    assert "issues/link.html" in expected and "empty" not in expected
