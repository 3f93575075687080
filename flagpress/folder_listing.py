"""Every path under a folder, as text: how the scan and the build's counts list a release,
and the website the files MkDocs wrote.

A release holds 14,000 files in 7,000 folders at 5,000 articles, and a build lists two
of them (the new one and the kept one). `Path.rglob` makes a path object per entry
through its pattern machinery, and each was then made relative again: 0.8 s of a
one-word rebuild at 5,000 articles went to listing. `os.walk` gives names as text.
"""

from __future__ import annotations

import os
from pathlib import Path


def entries(folder: Path) -> list[str]:
    """Every file and folder under `folder`, relative to it ('issues/x/index.html'), in
    text order; a shortcut (symlink) is listed, never followed, as `Path.rglob('*')`."""
    return sorted(_walk(folder, with_folders=True))


def files(folder: Path) -> list[str]:
    """Every file under `folder` (a shortcut to a file too), relative to it, in the order
    of their paths ('a/b' before 'a-b'), as `sorted(Path.rglob('*'))` gives them."""
    return sorted(_walk(folder, with_folders=False), key=lambda name: name.split("/"))


def _walk(folder: Path, with_folders: bool) -> list[str]:
    top = os.fspath(folder)
    found: list[str] = []
    for base, folders, names in os.walk(top):
        prefix = base[len(top) + 1 :] + "/" if len(base) > len(top) else ""
        if with_folders:
            found += [prefix + name for name in folders]
            found += [prefix + name for name in names]
        else:
            found += [prefix + n for n in names if os.path.isfile(os.path.join(base, n))]
    return found


def count_named(names: list[str], last: str = "", ending: str = "") -> int:
    """How many of `names` have the last part `last`, or one ending with `ending`."""
    parts = (name.rpartition("/")[2] for name in names)
    return sum(1 for part in parts if part == last or (ending and part.endswith(ending)))
