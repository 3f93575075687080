"""The only code that writes the output folder, and it never half-writes it.

A build renders into a staging folder next to the output (same file system), and
only a finished build is switched in, by atomically replacing the `site` symlink.
A failed or interrupted build leaves the live site exactly as it was. The previous
release is kept for rollback. Nothing is ever deleted unless it carries
flagpress's marker file, so a mistyped --output cannot wipe someone's folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".flagpress-build"
KEEP_PREVIOUS = 1


class UnsafeOutput(Exception):
    """The output folder is somewhere flagpress must not write (a usage error)."""


def releases_dir(output: Path) -> Path:
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
    """A new, empty, marked folder to build into, on the same file system as `output`."""
    releases = releases_dir(output)
    releases.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=releases))
    staging.chmod(0o755)  # mkdtemp makes it private; web servers must be able to read it
    (staging / MARKER).write_text("staging\n", encoding="utf-8")
    return staging


def discard(staging: Path) -> None:
    """Remove a failed build's staging folder (only if it is ours)."""
    if (staging / MARKER).is_file():
        _remove(staging)


def switch(staging: Path, output: Path) -> Path:
    """Make `staging` the live site in one atomic step; returns the release folder."""
    releases = releases_dir(output)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    release = releases / f"release-{stamp}"
    (staging / MARKER).write_text(f"release {stamp}\n", encoding="utf-8")
    os.replace(staging, release)
    if output.exists() and not output.is_symlink():
        # A site/ folder from before: keep it as a release (it carries our marker).
        os.replace(output, releases / f"release-{stamp}-previous")
    link = output.parent / f".{output.name}.switching"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(release, output.parent), link)
    os.replace(link, output)
    _prune(releases, keep={release.name})
    return release


def _prune(releases: Path, keep: set[str]) -> None:
    """Delete old releases and abandoned staging folders, keeping the newest previous ones."""
    ours = sorted(
        (
            p
            for p in releases.iterdir()
            if p.is_dir() and not p.is_symlink() and (p / MARKER).is_file()
        ),
        key=lambda p: p.name,
        reverse=True,
    )
    previous = [p for p in ours if p.name.startswith("release-") and p.name not in keep]
    doomed = previous[KEEP_PREVIOUS:] + [p for p in ours if p.name.startswith("staging-")]
    for path in doomed:
        _remove(path)
    for path in releases.iterdir():
        if path.name.startswith(("release-", "staging-")) and not path.is_symlink():
            # Empty, so unmarked: a build killed between making it and marking it, or
            # between removing a folder's marker and the folder. rmdir removes only
            # empty folders, so nothing of anyone's can be lost.
            with contextlib.suppress(OSError):
                path.rmdir()


def _remove(folder: Path) -> None:
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
