"""The only code that writes the output folder, and it never half-writes it.

A build renders into a staging folder in `.<output>-releases/` next to the output,
and only a finished build is switched in, by atomically replacing the `site`
symlink. A failed or interrupted build leaves the live site exactly as it was. The
previous release is kept for rollback. Nothing is ever deleted unless it carries
flagpress's marker file, so a mistyped --output cannot wipe someone's folder.

Why kept releases stay next to the output, but private. A kept release is an old
website: if a web server can reach it, a page naming someone who has since
withdrawn consent stays online. Moving releases elsewhere (say under
`ROOT/.flagpress-cache/`) does not keep them out of reach: with the default output
`ROOT/site`, the output's parent *is* ROOT, so a server serving it serves the cache
too; and an output outside ROOT (`/var/www/site`) would then link to a folder the
server may not see at all (a container or chroot that mounts only `/var/www`, a
home folder others cannot enter), and staging may sit on another file system than
the output. So releases stay beside the output, where a relative link always
resolves, and access decides instead:

- the releases folder is 0o711: other users (a web server's account) can pass
  through it to follow the `site` link, but cannot list it;
- the live release is 0o755 folders and 0o644 files, whatever the umask;
- a staging folder and every kept release are 0o700: no other user can read them.

A web server running as the editor's own account is not stopped by permissions,
so, second, after every successful build each kept release is leak-scanned with
today's secrets (`remove_naming`) and deleted if it names anyone who may no
longer be named: a withdrawal or takedown never outlives the next build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from flagpress.diagnostics import Problem, UsageError

MARKER = ".flagpress-build"
SCRATCH_PREFIX = "scratch-"  # work folders of a build (the gate's), beside its staging
KEEP_PREVIOUS = 1
RELEASES_MODE = 0o711  # others may follow the link through it, never list it
PRIVATE_MODE = 0o700  # staging and kept releases: no other user may read them
LIVE_DIR_MODE = 0o755
LIVE_FILE_MODE = 0o644

# Scans one kept release (folder, name to show) with today's secrets.
Scanner = Callable[[Path, str], list[Problem]]


class UnsafeOutput(UsageError):
    """The output folder is somewhere flagpress must not write (a usage error)."""


def releases_dir(output: Path) -> Path:
    """Where releases and staging folders live: beside the output, on its file system."""
    return output.parent / f".{output.name}-releases"


def check_output(root: Path, output: Path) -> None:
    """Refuse outputs that would overwrite the publication or someone else's folder."""
    out = output.resolve()
    content = (root / "content").resolve()
    forbidden = {Path("/"), Path.home().resolve(), root.resolve()}
    if out in forbidden or out == content or out.is_relative_to(content):
        raise UnsafeOutput(
            f"refusing to write the website to {output}; choose an empty folder such as site/"
        )
    if content.is_relative_to(out):
        raise UnsafeOutput(f"{output} contains the content folder; choose another output folder")
    if output.is_symlink():
        return
    if output.exists() and not (output / MARKER).is_file():
        raise UnsafeOutput(
            f"{output} exists and was not made by flagpress; move it away or choose another "
            "--output, so that nothing in it is lost"
        )


def stage(output: Path) -> Path:
    """A new, empty, marked, private folder to build into, on the same file system as `output`.

    It stays private (mkdtemp's 0o700) until `switch`: a killed build's half-made
    site is never readable by a web server.
    """
    releases = releases_dir(output)
    releases.mkdir(parents=True, exist_ok=True)
    releases.chmod(RELEASES_MODE)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=releases))
    (staging / MARKER).write_text("staging\n", encoding="utf-8")
    return staging


def live(output: Path) -> Path | None:
    """The release the website's link points at now (None before the first build)."""
    release = output.resolve()
    return release if output.is_dir() and (release / MARKER).is_file() else None


def share_unchanged(staging: Path, live: Path | None) -> int:
    """Make each staged file identical to the live release's at the same address a hard
    link to it, so an unchanged file takes no new space; returns how many were linked.

    Safe because nothing ever writes into a finished release, nor into a staged file
    after it was made (the marker is written anew, never linked). Any file that cannot
    be linked (another file system) simply stays a copy. Folders are listed, not each
    file looked at: a file the gate already published as the live one has its inode
    (14,000 files at 5,000 articles: 0.9 s of stat calls after a one-word edit).
    """
    if live is None or staging.stat().st_dev != live.stat().st_dev:
        return 0  # no hard link across file systems
    return _share(os.fspath(staging), os.fspath(live), top=True)


def _share(staged: str, old: str, top: bool = False) -> int:
    """`share_unchanged` for one folder and the live release's folder at its address
    (paths as text: a release holds thousands of files)."""
    try:
        olds = {entry.name: entry for entry in os.scandir(old)}
        entries = sorted(os.scandir(staged), key=lambda entry: entry.name)
    except OSError:
        return 0
    linked = 0
    for entry in entries:
        previous = olds.get(entry.name)
        if previous is None or (top and entry.name == MARKER):
            continue
        if entry.is_dir(follow_symlinks=False):
            if previous.is_dir(follow_symlinks=False):
                linked += _share(entry.path, previous.path)
            continue
        if not (entry.is_file(follow_symlinks=False) and previous.is_file(follow_symlinks=False)):
            continue
        if entry.inode() == previous.inode():
            continue  # the very same file (one file system: see share_unchanged)
        linked += _link_if_same(entry, previous)
    return linked


def _link_if_same(entry: os.DirEntry[str], old: os.DirEntry[str]) -> int:
    """Replace the staged file by a hard link to `old` if their bytes are the same; 1 if
    it was."""
    path = entry.path
    if os.stat(old.path).st_size != os.stat(path).st_size or not filecmp.cmp(path, old.path, False):
        return 0
    linking = os.path.join(os.path.dirname(path), f".{entry.name}.{os.getpid()}.linking")
    try:
        os.link(old.path, linking)
    except OSError:
        return 0
    os.replace(linking, path)
    return 1


def discard(staging: Path) -> None:
    """Remove a failed build's staging folder (only if it is ours), and the releases
    folder if that leaves it empty: a first build that fails leaves nothing behind."""
    if (staging / MARKER).is_file():
        remove(staging)
        with contextlib.suppress(OSError):  # not empty: it holds releases
            staging.parent.rmdir()


def switch(staging: Path, output: Path, spare: int = KEEP_PREVIOUS) -> Path:
    """Make `staging` the live site in one atomic step; returns the release folder.

    Every other release is made private only after the link has moved, so the live
    site is readable at every moment. The newest `spare` previous releases are kept;
    a build keeps one more, for `remove_naming` to scan before deleting it.
    """
    releases = releases_dir(output)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    release = releases / f"release-{stamp}"
    (staging / MARKER).write_text(f"release {stamp}\n", encoding="utf-8")
    _make_readable(staging)
    os.replace(staging, release)
    if output.exists() and not output.is_symlink():
        # A site/ folder from before: keep it as a release (it carries our marker).
        os.replace(output, releases / f"release-{stamp}-previous")
    link = output.parent / f".{output.name}.switching"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(release, output.parent), link)
    os.replace(link, output)
    _prune(releases, keep={release.name}, spare=spare)
    for old in kept(output):
        old.chmod(PRIVATE_MODE)
    return release


def kept(output: Path) -> list[Path]:
    """The previous releases kept for rollback (ours, and not the live one), newest first."""
    live = output.resolve() if output.is_symlink() else None
    return [
        p
        for p in _ours(releases_dir(output))
        if p.name.startswith("release-") and p.resolve() != live
    ]


def remove_naming(output: Path, scan: Scanner) -> list[str]:
    """Delete every kept release in which `scan` finds anything; one line per deletion.

    `scan` is the build's leak scan with today's secrets, so a release that names
    someone who has since withdrawn consent (or been taken down) is deleted at the
    next successful build. A release that cannot be fully checked is deleted too.
    The lines name the release and the people's ids, never what was found.

    Only the newest KEEP_PREVIOUS are scanned; every other old release is deleted
    after the scan, not before: deleting it changes the change time of each file it
    shares with the kept one, and the scan then read again every file the new
    release's scan had just read (publish/clean_files.py knows a file by it).
    """
    lines = []
    clean = set()
    for old in kept(output)[:KEEP_PREVIOUS]:
        problems = scan(old, old.name)
        if not problems:
            clean.add(old.name)
            continue
        shown = f"{releases_dir(output).name}/{old.name}"
        try:
            shutil.rmtree(old)
        except OSError as err:  # never leave it silently: someone must delete it
            lines.append(
                f"Could not delete the kept previous release {shown} ({err.strerror}), "
                f"which {_why(problems)}: delete that folder by hand now."
            )
            continue
        lines.append(f"Deleted the kept previous release {shown}, which {_why(problems)}.")
    _prune(releases_dir(output), keep={output.resolve().name, *clean}, spare=0)
    return lines


def _why(problems: list[Problem]) -> str:
    """Why a kept release had to go, naming people by id only (never what was found)."""
    people = sorted({p.about for p in problems if p.about})
    if not people:
        return "could not be fully checked for private information"
    who = ", ".join(f"'{person}'" for person in people)
    return f"names {who}, who may no longer be named"


def _make_readable(folder: Path) -> None:
    """Folders 0o755 and files 0o644 throughout, so any web server can serve the release."""
    folder.chmod(LIVE_DIR_MODE)
    for base, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(base, name), LIVE_DIR_MODE)
        for name in files:
            _set_mode(os.path.join(base, name), LIVE_FILE_MODE)


def _set_mode(path: str, mode: int) -> None:
    """chmod only if needed: a file shared with the previous release keeps its change
    time, so the leak scan of that release knows it is the very file it just read.
    A shortcut (symlink) is left as it is."""
    info = os.lstat(path)
    if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) != mode:
        os.chmod(path, mode)


def _ours(releases: Path) -> list[Path]:
    """Folders in `releases` carrying our marker, newest name first."""
    if not releases.is_dir():
        return []
    return sorted(
        (
            p
            for p in releases.iterdir()
            if p.is_dir() and not p.is_symlink() and (p / MARKER).is_file()
        ),
        key=lambda p: p.name,
        reverse=True,
    )


def _prune(releases: Path, keep: set[str], spare: int) -> None:
    """Delete old releases and abandoned staging folders, keeping those in `keep` and
    the newest `spare` others."""
    ours = _ours(releases)
    previous = [p for p in ours if p.name.startswith("release-") and p.name not in keep]
    abandoned = [p for p in ours if p.name.startswith(("staging-", SCRATCH_PREFIX))]
    doomed = previous[spare:] + abandoned
    for path in doomed:
        remove(path)
    for path in releases.iterdir():
        if path.name.startswith(("release-", "staging-", SCRATCH_PREFIX)) and not path.is_symlink():
            # Empty, so unmarked: a build killed between making it and marking it, or
            # between removing a folder's marker and the folder. rmdir removes only
            # empty folders, so nothing of anyone's can be lost.
            with contextlib.suppress(OSError):
                path.rmdir()


def remove(folder: Path) -> None:
    """Delete one of our folders, its marker last.

    The marker is what makes a folder ours. A build killed while deleting (SIGKILL runs
    no clean-up) leaves the folder half deleted; as long as it still carries the marker,
    the next build finishes the job. Deleted in any other order it could lose the marker
    first, and then nothing would ever delete it.
    """
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    if any(child.name != MARKER for child in folder.iterdir()):
        return  # something could not be deleted: keep the marker, try again next build
    (folder / MARKER).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()
