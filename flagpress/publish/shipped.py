"""Files published exactly as flagpress and Material ship them: known by their bytes.

Every website carries Material's scripts, styles, search libraries and source maps and
flagpress's own scripts and styles, unchanged: 3.3 MB of a one-article site, and most
of the leak scan's time on a first build. Their bytes were fixed when the packages
were released, before any publication existed, so they cannot hold anything from a
private file; the leak scan knows them by digest and does not read them as text (where
a common word in someone's private details could also match Material's minified code
and stop a build for nothing). A file that differs by one byte (a theme override, an
asset edited in place) is not one of them, and is read like every other file.
"""

from __future__ import annotations

import functools
import hashlib
from importlib.util import find_spec
from pathlib import Path

FLAGPRESS_ASSETS = Path(__file__).resolve().parent.parent / "templates" / "theme" / "assets"


@functools.cache
def shipped_digests() -> frozenset[bytes]:
    """SHA-256 digests of every asset file the installed packages ship (a few ms)."""
    return frozenset(
        hashlib.sha256(path.read_bytes()).digest()
        for folder in (FLAGPRESS_ASSETS, _material_assets())
        if folder is not None and folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    )


def _material_assets() -> Path | None:
    """Material's `templates/assets`, found without importing Material."""
    spec = find_spec("material")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).resolve().parent / "templates" / "assets"
