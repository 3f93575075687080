"""The typeface's files for the website: WOFF2, made once from the packaged TTFs.

The PyPI package ships TrueType only (about 55 KB a face). WOFF2 is the same font
compressed with Brotli, 23-25 KB a face (measured): a reader on phone data downloads
half as much before the text appears. Converting the four faces takes about half a
second of CPU, so each result is kept in the publication's cache folder and in the
user's (`~/.cache/flagpress/fonts`), named by the digest of the TTF it came from (a
new package version makes new files), and remembered in the process too.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
from pathlib import Path

from fontTools.ttLib import TTFont

from flagpress.cache_file import write_whole
from flagpress.load import CACHE_DIR
from flagpress.user_cache import user_cache


def woff2(ttf: Path, root: Path) -> bytes:
    """The WOFF2 form of the font file `ttf`, from a cache when it was made before: the
    publication's, else the user's (so a new publication's first build, or a CI run
    starting without `.flagpress-cache`, does not convert the faces again)."""
    digest = hashlib.sha256(ttf.read_bytes()).hexdigest()[:20]
    name = f"{ttf.stem}-{digest}.woff2"
    folders = (root / CACHE_DIR / "fonts", user_cache("fonts"))
    places = [folder / name for folder in folders if folder]
    for place in places:
        try:
            return place.read_bytes()
        except OSError:
            pass
    data = _convert(ttf, digest)
    for place in places:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_whole(place, data)  # never half a file, even with two builds at once
    return data


@functools.cache
def _convert(ttf: Path, digest: str) -> bytes:
    """WOFF2 bytes of `ttf` (`digest` keys the memo, so a changed file is converted again)."""
    font = TTFont(ttf)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
