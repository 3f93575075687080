"""The user's cache folder for flagpress (XDG): what is the same for every publication.

Some work depends only on the installed packages, never on a publication: typefaces
converted from the packaged TTFs, Jinja's compiled templates, the list of common
English words. Kept per user (`~/.cache/flagpress/`, or under `XDG_CACHE_HOME`), a new
publication's first build, or a CI run that starts without `.flagpress-cache/`, does
not pay for it again. Nothing from a publication's private file is ever kept here.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_cache(kind: str) -> Path | None:
    """The folder for `kind` in the user's cache (not made here), or None without a home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "flagpress" / kind
    except RuntimeError:  # no home folder to find
        return None
