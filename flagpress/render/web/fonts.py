"""The typeface's files for the website: WOFF2, made once from the packaged TTFs.

The PyPI package ships TrueType only (about 55 KB a face). WOFF2 is the same font
compressed with Brotli, 23-25 KB a face (measured): a reader on phone data downloads
half as much before the text appears. Converting the four faces takes about half a
second of CPU, so each result is kept in the publication's cache folder, named by
the digest of the TTF it came from (a new package version makes new files), and
remembered in the process too.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
from pathlib import Path

from fontTools.ttLib import TTFont

from flagpress.load import CACHE_DIR


def woff2(ttf: Path, root: Path) -> bytes:
    """The WOFF2 form of the font file `ttf`, from root's cache when it was made before."""
    digest = hashlib.sha256(ttf.read_bytes()).hexdigest()[:20]
    cached = root / CACHE_DIR / "fonts" / f"{ttf.stem}-{digest}.woff2"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _convert(ttf, digest)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as part:
            part.write(data)
        os.replace(part.name, cached)  # never half a file, even with two builds at once
    except OSError:
        pass  # a cache that cannot be written only costs time
    return data


@functools.cache
def _convert(ttf: Path, digest: str) -> bytes:
    """WOFF2 bytes of `ttf` (`digest` keys the memo, so a changed file is converted again)."""
    font = TTFont(ttf)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
