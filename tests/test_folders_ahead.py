"""The live release's folders made ahead in staging (publish/folders_ahead.py): the gate
publishes exactly what it would without them, and no folder it did not use is left."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from flagpress.publish import folders_ahead
from flagpress.publish.folders_ahead import FoldersAhead
from flagpress.publish.gate import Gate
from flagpress.publish.release import MARKER


def _release(folder: Path, folders: list[str]) -> Path:
    folder.mkdir()
    (folder / MARKER).write_text("release\n")
    for name in folders:
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text("old page\n")
    return folder


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`, but the marker."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
        if p.name != MARKER
    }


def _gate(tmp_path: Path, live_folders: list[str]) -> tuple[Gate, Path]:
    live = _release(tmp_path / "live", live_folders)
    staging = _release(tmp_path / "staging", [])
    gate = Gate(tmp_path, staging, (), live, None, FoldersAhead(staging, live))
    return gate, staging


def test_only_the_folders_published_in_are_left(tmp_path: Path) -> None:
    gate, staging = _gate(tmp_path, ["kept", "gone/deep/er", "issues/2019-03/one"])
    gate.write("kept/index.html", b"new")
    gate.write("issues/2019-03/new/index.html", b"added")
    gate.write("index.html", b"home")
    gate.remove_unused_folders()
    assert _tree(staging) == {
        "index.html": b"home",
        "issues": None,
        "issues/2019-03": None,
        "issues/2019-03/new": None,
        "issues/2019-03/new/index.html": b"added",
        "kept": None,
        "kept/index.html": b"new",
    }
    assert gate.problems == []


def test_a_file_is_published_where_the_live_release_had_folders(tmp_path: Path) -> None:
    gate, staging = _gate(tmp_path, ["notes/2020/first", "notes/2021"])
    gate.write("notes", b"now a file")
    gate.remove_unused_folders()
    assert _tree(staging) == {"notes": b"now a file"}
    assert gate.problems == []


def test_a_folder_made_ahead_is_no_clash_but_a_folder_published_in_is(tmp_path: Path) -> None:
    gate, staging = _gate(tmp_path, ["a/b"])
    gate.write("a/b/index.html", b"page")
    gate.write("a/b", b"clash")  # a file where the website has a folder
    gate.write("A/B", b"clash")  # the same, in other capitals
    gate.write("c", b"file")
    gate.write("c/index.html", b"clash")  # a folder where the website has a file
    assert [p.code for p in gate.problems] == ["output-clash"] * 3
    assert _tree(staging) == {"a": None, "a/b": None, "a/b/index.html": b"page", "c": b"file"}


def test_a_helper_that_cannot_make_folders_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "refused", str(path))

    live = _release(tmp_path / "live", ["kept", "gone"])
    staging = _release(tmp_path / "staging", [])
    monkeypatch.setattr(folders_ahead.os, "mkdir", refuse)  # in the forked helper too
    ahead = FoldersAhead(staging, live)
    monkeypatch.undo()
    gate = Gate(tmp_path, staging, (), live, None, ahead)
    gate.write("kept/index.html", b"new")
    gate.remove_unused_folders()
    assert _tree(staging) == {"kept": None, "kept/index.html": b"new"}


def test_no_helper_without_a_live_release(tmp_path: Path) -> None:
    staging = _release(tmp_path / "staging", [])
    ahead = FoldersAhead(staging, None)
    assert ahead.made() == set()
    gate = Gate(tmp_path, staging, (), None, None, ahead)
    gate.write("a/index.html", b"page")
    assert _tree(staging) == {"a": None, "a/index.html": b"page"}


def test_the_helper_follows_no_shortcut_out_of_the_live_release(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inside").mkdir(parents=True)
    live = _release(tmp_path / "live", ["real"])
    os.symlink(elsewhere, live / "shortcut")
    staging = _release(tmp_path / "staging", [])
    assert FoldersAhead(staging, live).made() == {"real"}
    assert _tree(staging) == {"real": None}


def test_folders_a_failed_helper_made_are_known_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_way(staging: Path, live: Path) -> set[str]:
        (staging / "notes/2020").mkdir(parents=True)
        raise RuntimeError("killed half-way")

    live = _release(tmp_path / "live", ["notes/2020", "kept"])
    staging = _release(tmp_path / "staging", [])
    monkeypatch.setattr(folders_ahead, "_make_folders", half_way)  # in the forked helper
    gate = Gate(tmp_path, staging, (), live, None, FoldersAhead(staging, live))
    gate.write("notes", b"now a file")
    gate.write("kept/index.html", b"page")
    gate.remove_unused_folders()
    assert _tree(staging) == {"kept": None, "kept/index.html": b"page", "notes": b"now a file"}


def test_a_failed_build_stops_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(staging: Path, live: Path) -> set[str]:
        (staging / "first").mkdir()
        time.sleep(60)
        return {"first"}

    live = _release(tmp_path / "live", ["first", "second"])
    staging = _release(tmp_path / "staging", [])
    monkeypatch.setattr(folders_ahead, "_make_folders", slow)  # in the forked helper
    ahead = FoldersAhead(staging, live)
    started = time.monotonic()
    ahead.stop()
    assert time.monotonic() - started < 30
    assert ahead.made() == set()  # the staging folder is removed whole (release.discard)
