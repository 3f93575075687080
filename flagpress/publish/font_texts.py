"""The words a font file holds, for the leak scan: its names, glyph names and SVG glyphs.

A font is a program, not a page. Read as letters, its bytes (compressed, in WOFF and
WOFF2) are noise with some 20,000 distinct characters, which could never show a name
and took most of the scan of a small website (half a second for the four faces). The
places a font holds words are its naming table (family, designer, copyright,
description, licence URL), its glyph names and any SVG glyph documents: those are read
through fontTools. A font fontTools cannot read, or one that says it unpacks to more
than the scan's cap, is `Unreadable`: the scan fails closed.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

from fontTools.ttLib import TTFont

from flagpress.publish.pdf_texts import MAX_UNPACKED, Unreadable

SUFFIXES = frozenset({".woff2", ".woff", ".ttf", ".otf"})
_WRAPPED = (b"wOF2", b"wOFF")  # WOFF and WOFF2 say their unpacked size at byte 16


def is_font(data: bytes, suffix: str) -> bool:
    """Whether `data` (a file ending in `suffix`) is to be read as a font."""
    return suffix in SUFFIXES or data[:4] in _WRAPPED


def font_texts(data: bytes) -> Iterator[str]:
    """The naming table's strings, the glyph names and every SVG glyph document."""
    if data[:4] in _WRAPPED and len(data) >= 20:
        (unpacked,) = struct.unpack(">I", data[16:20])
        if unpacked > MAX_UNPACKED:
            raise Unreadable(f"it unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    try:
        font = TTFont(io.BytesIO(data))
        texts = [_names(font), "\n".join(font.getGlyphOrder()), *_svg(font)]
    except Exception as err:  # fontTools and brotli raise many kinds on damaged data
        raise Unreadable("it is not a font file that can be read") from err
    yield from texts


def _names(font: TTFont) -> str:
    """Every string of the naming table (family, designer, copyright, licence...)."""
    if "name" not in font:
        return ""
    return "\n".join(record.toUnicode(errors="replace") for record in font["name"].names)


def _svg(font: TTFont) -> list[str]:
    """Each SVG glyph document (fontTools unpacks compressed ones)."""
    if "SVG " not in font:
        return []
    return [str(document[0]) for document in font["SVG "].docList]
