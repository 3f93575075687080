"""Publishing: the live site is only ever replaced whole, and only folders we made are removed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from conftest import run, snapshot

from flagpress.publish import release as publish
from flagpress.render.web import Website


@pytest.mark.usefixtures("every_run_in_full")  # the normal path, again
def test_build_switches_a_link_and_keeps_the_previous_release(publication) -> None:
    root = publication()
    out = root / "site"
    assert run("build", "--root", str(root)).exit_code == 0
    first = out.resolve()
    assert out.is_symlink()
    assert (first / publish.MARKER).is_file()
    assert run("build", "--root", str(root)).exit_code == 0
    second = out.resolve()
    assert second != first
    assert first.is_dir(), "the previous release is kept for rollback"
    assert run("build", "--root", str(root)).exit_code == 0
    assert not first.exists(), "releases older than the previous one are pruned"
    assert second.is_dir()


def test_release_folders_are_readable_by_a_web_server(publication) -> None:
    root = publication()
    assert run("build", "--root", str(root)).exit_code == 0
    assert (root / "site").resolve().stat().st_mode & 0o755 == 0o755


@pytest.mark.usefixtures("every_run_in_full")  # the normal path, again
def test_a_renderer_crash_leaves_the_live_site_and_no_staging(publication, monkeypatch) -> None:
    root = publication()
    out = root / "site"
    assert run("build", "--root", str(root)).exit_code == 0
    before = snapshot(out)

    def crash(*args: object) -> list:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(Website, "render", crash)
    result = run("build", "--root", str(root))
    assert result.exit_code == 70  # a bug, told in one line (see test_output.py)
    assert "RuntimeError" in result.stderr and "renderer crashed" not in result.stderr
    assert snapshot(out) == before
    releases = publish.releases_dir(out)
    assert not [p for p in releases.iterdir() if p.name.startswith("staging-")]


def test_abandoned_staging_folders_are_cleaned_by_the_next_build(publication) -> None:
    root = publication()
    out = root / "site"
    leftover = publish.stage(out)  # as if a build had been killed mid-way
    assert run("build", "--root", str(root)).exit_code == 0
    assert not leftover.exists()


class Killed(BaseException):
    """Stands for SIGKILL: no clean-up code runs after it."""


@pytest.mark.parametrize("stop_after", range(12))
def test_a_deletion_killed_at_any_file_is_finished_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_after: int
) -> None:
    out = tmp_path / "site"
    abandoned = publish.stage(out)  # a killed build's staging folder, 10 files and a folder
    (abandoned / "assets").mkdir()
    for n in range(5):
        (abandoned / f"page-{n}.html").write_text("x")
        (abandoned / "assets" / f"{n}.js").write_text("x")
    real_unlink, deleted = os.unlink, []

    def unlink(*args: object, **kwargs: object) -> None:
        if len(deleted) == stop_after:
            raise Killed
        real_unlink(*args, **kwargs)
        deleted.append(args[0])

    monkeypatch.setattr(os, "unlink", unlink)
    with contextlib.suppress(Killed):
        publish.switch(publish.stage(out), out)  # the build that prunes it, killed
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert not abandoned.exists() or (abandoned / publish.MARKER).is_file(), (
        "a half-deleted folder lost its marker, so no build would ever delete it"
    )
    publish.switch(publish.stage(out), out)
    assert not abandoned.exists()


def test_an_empty_unmarked_staging_folder_is_removed_but_not_one_with_files(publication) -> None:
    root = publication()
    releases = publish.releases_dir(root / "site")
    empty = releases / "staging-killed-before-marking"
    someones = releases / "staging-not-ours"
    empty.mkdir(parents=True)
    someones.mkdir()
    (someones / "notes.txt").write_text("keep me")
    assert run("build", "--root", str(root)).exit_code == 0
    assert not empty.exists()
    assert (someones / "notes.txt").read_text() == "keep me"


def test_an_old_plain_site_folder_made_by_flagpress_is_kept_as_a_release(publication) -> None:
    root = publication()
    out = root / "site"
    out.mkdir()
    (out / publish.MARKER).write_text("old\n")
    (out / "index.html").write_text("old site")
    assert run("build", "--root", str(root)).exit_code == 0
    assert out.is_symlink()
    kept = [p for p in publish.releases_dir(out).iterdir() if p.name.endswith("-previous")]
    assert [p.joinpath("index.html").read_text() for p in kept] == ["old site"]


def test_refuses_to_replace_a_folder_flagpress_did_not_make(publication) -> None:
    root = publication()
    out = root / "site"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    result = run("build", "--root", str(root))
    assert result.exit_code == 2
    assert "exists and was not made by flagpress" in result.stderr
    assert (out / "thesis.docx").read_text() == "years of work"


@pytest.mark.parametrize("where", [".", "content", "content/site", "/"])
def test_refuses_dangerous_output_folders(publication, where: str) -> None:
    root = publication()
    output = where if where == "/" else str(root / where)
    result = run("build", "--root", str(root), "--output", output)
    assert result.exit_code == 2
    assert result.stderr.startswith("flagpress: error: ")
    assert (root / "content/contributors.yml").is_file()


def test_output_containing_the_content_folder_is_refused(publication) -> None:
    root = publication()
    result = run("build", "--root", str(root), "--output", str(root.parent))
    assert result.exit_code == 2
    assert "contains the content folder" in result.stderr
