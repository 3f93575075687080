"""The attacker audit, item 9: a kept release must never outlive a withdrawal.

The previous release is kept beside the output for rollback. A web server serving
the output's parent could serve it, so a page naming someone who has since
withdrawn consent would stay online. Each test builds for real, changes what may be
published, builds again, and then searches every byte of every file the output's
parent holds (PDFs by their text), and checks who may read what is left.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CONTRIBUTORS, FOREWORD, NEIL_NO_WEB, SITE_CONFIG, run
from pypdf import PdfReader

from flagpress.publish import release as publish

ARTICLE = "content/issues/2019-03/foreword.md"
PAGE = "issues/2019-03/foreword/index.html"
NEIL_NO_PRINT = CONTRIBUTORS.replace("print: true", "print: false", 1)
NEIL_WITHDRAWN = CONTRIBUTORS.replace(
    "given: 2019-01-10}", "given: 2019-01-10, withdrawn: 2020-01-01}", 1
)
SCREEN_ONLY = SITE_CONFIG + "print: {variants: [screen]}\n"
MARIANNE = "anon-1: {real_name: Marianne Okonkwo}\n"


def _build(root: Path, out: Path) -> str:
    result = run("build", "--root", str(root), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _files(folder: Path) -> Iterator[Path]:
    """Every file under `folder`, without following links (the link is the live site)."""
    for base, _, files in os.walk(folder):
        yield from (Path(base, name) for name in files)


def _holding(folder: Path, text: str) -> list[str]:
    """Files under `folder` whose bytes (or, for a PDF, whose text) hold `text`."""
    found = []
    for path in _files(folder):
        data = path.read_bytes()
        if path.suffix == ".pdf":
            pages = PdfReader(io.BytesIO(data)).pages
            data += "".join(page.extract_text() for page in pages).encode()
        if text.encode() in data:
            found.append(path.relative_to(folder).as_posix())
    return found


def _deleted(out: Path, release: Path, why: str) -> str:
    return f"Deleted the kept previous release .{out.name}-releases/{release.name}, which {why}."


@pytest.mark.parametrize(
    "registry", [NEIL_NO_WEB, NEIL_WITHDRAWN], ids=["no-web-consent", "consent-withdrawn"]
)
def test_a_withdrawal_deletes_the_kept_release_that_names_them(
    publication, tmp_path, registry
) -> None:
    root = publication()
    out = tmp_path / "www" / "site"
    _build(root, out)
    first = out.resolve()
    assert "By Neil J" in (first / PAGE).read_text()
    publication({"content/contributors.yml": registry})
    printed = _build(root, out)
    assert printed.splitlines()[0] == _deleted(
        out, first, "names 'neil-j', who may no longer be named"
    )
    assert not first.exists()
    assert publish.kept(out) == []
    assert _holding(out.parent, "Neil J") == []
    assert "By a volunteer" in (out / PAGE).read_text()


def test_a_real_name_found_after_publication_is_removed_from_kept_releases(
    publication, tmp_path
) -> None:
    """A takedown: a real name slipped into an article; the private file now lists it."""
    slipped = FOREWORD.replace("Welcome.", "Welcome. Thanks to Marianne Okonkwo.")
    root = publication({ARTICLE: slipped})
    out = tmp_path / "www" / "site"
    _build(root, out)
    first = out.resolve()
    publication({ARTICLE: FOREWORD, "content/contributors.private.yml": MARIANNE})
    printed = _build(root, out)
    line = _deleted(out, first, "names 'anon-1', who may no longer be named")
    assert line in printed.splitlines()
    assert "okonkwo" not in printed.lower()
    assert _holding(out.parent, "Okonkwo") == []
    assert "Welcome. Read" in (out / PAGE).read_text()


def test_a_print_withdrawal_deletes_a_kept_release_whose_pdf_names_them(
    publication, tmp_path
) -> None:
    root = publication({"site_config.yml": SCREEN_ONLY})
    out = tmp_path / "www" / "site"
    _build(root, out)
    first = out.resolve()
    assert _holding(first, "Neil J")  # the PDF and the web pages name him
    publication({"content/contributors.yml": NEIL_NO_PRINT})
    printed = _build(root, out)
    line = _deleted(out, first, "names 'neil-j', who may no longer be named")
    assert line in printed.splitlines()
    assert publish.kept(out) == []
    live = out.resolve().relative_to(out.parent).as_posix() + "/"
    named = _holding(out.parent, "Neil J")
    assert named, "he may still be named on the website"
    assert [p for p in named if not p.startswith(live) or p.endswith(".pdf")] == []


@pytest.mark.usefixtures("every_run_in_full")  # a second release, unchanged
def test_a_kept_release_naming_no_one_stays_but_no_other_user_may_read_it(
    publication, tmp_path
) -> None:
    root = publication()
    out = tmp_path / "www" / "site"
    _build(root, out)
    first = out.resolve()
    printed = _build(root, out)
    assert "Deleted" not in printed
    assert publish.kept(out) == [first], "the previous release is kept for rollback"
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    assert stat.S_IMODE(publish.releases_dir(out).stat().st_mode) == 0o711


def test_the_live_release_is_readable_by_a_web_server_whatever_the_umask(
    publication, tmp_path
) -> None:
    root = publication({"site_config.yml": SCREEN_ONLY})
    out = tmp_path / "www" / "site"
    previous = os.umask(0o077)
    try:
        _build(root, out)
    finally:
        os.umask(previous)
    live = out.resolve()
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [live, *live.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(p.stat().st_mode) for p in _files(live)}
    assert modes == {0o644}


def test_a_killed_builds_staging_folder_is_private(publication, tmp_path) -> None:
    root = publication()
    out = tmp_path / "www" / "site"
    _build(root, out)
    staging = publish.stage(out)  # as if a build had been killed half-way
    assert stat.S_IMODE(staging.stat().st_mode) == 0o700
    _build(root, out)
    assert not staging.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
@pytest.mark.usefixtures("every_run_in_full")  # a second release, unchanged
def test_another_user_reads_the_live_site_and_nothing_kept(publication) -> None:
    """A web server running as `nobody`, serving the output's parent."""
    www = Path(tempfile.mkdtemp(prefix="flagpress-www-"))
    try:
        www.chmod(0o755)
        root = publication()
        out = www / "site"
        _build(root, out)
        first = out.resolve()
        _build(root, out)
        assert _as_nobody("cat", out / PAGE) == "readable"
        assert _as_nobody("cat", first / PAGE) == "Permission denied"
        assert _as_nobody("ls", first.parent) == "Permission denied"
    finally:
        shutil.rmtree(www)


def _as_nobody(command: str, path: Path) -> str:
    """Run `command path` as the user `nobody`: "readable", or why not."""
    done = subprocess.run(
        [command, str(path)], user=65534, group=65534, capture_output=True, text=True
    )
    if done.returncode == 0:
        return "readable"
    assert "Permission denied" in done.stderr, done.stderr
    return "Permission denied"


def test_a_kept_release_that_cannot_be_checked_is_deleted(publication, tmp_path) -> None:
    root = publication({"content/contributors.private.yml": MARIANNE})
    out = tmp_path / "www" / "site"
    _build(root, out)
    first = out.resolve()
    (first / "issues/2019-03/broken.pdf").write_bytes(b"%PDF-1.7 not really")
    printed = _build(root, out)
    line = _deleted(out, first, "could not be fully checked for private information")
    assert printed.splitlines()[0] == line
    assert not first.exists()


def test_only_folders_flagpress_made_are_deleted(publication, tmp_path) -> None:
    root = publication()
    out = tmp_path / "www" / "site"
    _build(root, out)
    theirs = publish.releases_dir(out) / "release-notes-by-hand"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("Neil J called about the article")
    publication({"content/contributors.yml": NEIL_NO_WEB})
    printed = _build(root, out)
    assert printed.count("Deleted the kept previous release") == 1
    assert (theirs / "notes.txt").read_text() == "Neil J called about the article"


def test_the_default_output_leaves_no_name_beside_the_sources(publication) -> None:
    root = publication()
    assert run("build", "--root", str(root)).exit_code == 0
    publication({"content/contributors.yml": NEIL_NO_WEB})
    assert run("build", "--root", str(root)).exit_code == 0
    outside_sources = [p for p in _holding(root, "Neil J") if not p.startswith("content/")]
    assert outside_sources == []
    assert "By a volunteer" in (root / "site" / PAGE).read_text()


@pytest.mark.parametrize("where", ["the content", "the website"])
def test_a_failed_first_build_leaves_nothing_beside_the_sources(publication, where) -> None:
    """Found by the check, or only once the website is made (a file in a theme file's
    place): no site, no release, no empty releases folder."""
    broken = {
        "the content": {ARTICLE: FOREWORD.replace("Welcome.", "Welcome. [x](missing.md)")},
        "the website": {
            "site_config.yml": SITE_CONFIG + "downloads: [txt]\n",
            "content/robots.txt": "User-agent: *\n",
            ARTICLE: FOREWORD.replace("Welcome.", "Welcome. [Rules](../../robots.txt)."),
        },
    }[where]
    root = publication(broken)
    before = sorted(p.name for p in root.iterdir())
    assert run("build", "--root", str(root)).exit_code == 1
    assert sorted(p.name for p in root.iterdir() if p.name != ".flagpress-cache") == [
        name for name in before if name != ".flagpress-cache"
    ]
