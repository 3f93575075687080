"""Deleting cached PDFs that no build will use again.

A cached PDF holds names as they were printed when it was made. Once its issue is no
longer public (taken down, embargoed again, deleted) or its edition is no longer made,
nothing would ever overwrite it, so a name someone has since withdrawn could stay on
disk indefinitely. Every build therefore deletes what the publication no longer makes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from flagpress.load import CACHE_DIR
from flagpress.naming import OUTPUT_CHANNELS
from flagpress.render.edition import Edition
from flagpress.render.press.variants import VARIANTS

BOOKLET = "booklet"


def pdf_cache(root: Path) -> Path:
    """Where PDFs are cached: one folder per issue."""
    return root / CACHE_DIR / "pdf"


def forget_stale_pdfs(edition: Edition) -> None:
    """Delete the cache entries of issues that are not public and of editions not made."""
    folder = pdf_cache(edition.root)
    if not folder.is_dir():
        return
    public = {issue.slug for issue in edition.issues}
    names = _entry_names(tuple(edition.config.print.variants))
    for issue_folder in folder.iterdir():
        if issue_folder.is_symlink() or not issue_folder.is_dir():
            issue_folder.unlink(missing_ok=True)
        elif issue_folder.name not in public:
            shutil.rmtree(issue_folder, ignore_errors=True)
        else:
            for path in issue_folder.iterdir():
                if path.stem not in names or path.suffix not in (".pdf", ".json"):
                    _delete(path)


def _entry_names(variants: tuple[str, ...]) -> set[str]:
    """Every entry name a build with these variants may use (see editions._entry_name)."""
    made = {name for name in variants if not VARIANTS[name].imposed}
    if BOOKLET in variants:
        made |= {"print"}  # the booklet's source
    names = {BOOKLET} if BOOKLET in variants else set()
    for name in made:
        names |= {name} | {f"{name}-{channel}" for channel in OUTPUT_CHANNELS}
    return names


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
