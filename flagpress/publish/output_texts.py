"""Every piece of text an output file holds, as a reader, a browser or a machine sees it.

The leak scan searches these pieces. A name must not dodge it by being encoded:
so a text file is read as UTF-8 and, when it looks like UTF-16 or UTF-32, as those
too; HTML entities and percent-encoding are decoded, markup is removed (an SVG
whose letters are separate `<tspan>`s), text under a right-to-left override is
also read reversed, and every string of a JSON file is read. A PDF is read whole:
the text of each page, then every string of every object (metadata, /Alt text,
link URIs, bookmarks) and every decompressed stream (XMP, attachments), with
embedded PDFs read the same way. A font is read for its names, glyph names and SVG
glyphs (`font_texts`), a picture (JPEG, PNG, GIF, WebP) for all but its pixels
(`picture_texts`).
Compressed data is unpacked in a stream with a cap, and anything that cannot be read
raises `Unreadable`: the scan fails closed.
"""

from __future__ import annotations

import codecs
import gzip
import html
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote_plus

from flagpress.publish.font_texts import font_texts, is_font
from flagpress.publish.pdf_texts import MAX_UNPACKED, Unreadable, pdf_texts
from flagpress.publish.picture_texts import picture_pieces

_TAG = re.compile(r"<[^>]*>")
_OVERRIDE = re.compile("\u202e([^\u202c\n]*)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def file_texts(path: Path, data: bytes | None = None) -> Iterator[tuple[int, str]]:
    """(page number or 0, text) pieces of the file at `path`, whose bytes are `data` if
    given (the bytes the caller hashed, so that the verdict is about those very bytes)."""
    suffix = path.suffix.lower()
    data = path.read_bytes() if data is None else data
    if suffix == ".gz":
        data = _gunzip(data)
        suffix = Path(path.stem).suffix.lower()
    yield from data_texts(data, suffix)


def data_texts(data: bytes, suffix: str, depth: int = 0) -> Iterator[tuple[int, str]]:
    """(page number or 0, text) pieces of a file's bytes; `suffix` says what it is."""
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        yield from pdf_texts(data, data_texts, depth)
        return
    if is_font(data, suffix):
        yield from ((0, piece) for text in font_texts(data) for piece in variants(text))
        return
    pictured = picture_pieces(data)
    if pictured is not None:  # a picture: its words, not its pixels
        for part in pictured:
            yield from ((0, piece) for text in decodings(part) for piece in variants(text))
        return
    for text in decodings(data):
        yield from ((0, piece) for piece in variants(text))
        if suffix == ".json":
            yield from ((0, piece) for piece in variants(_json_strings(text)))


def decodings(data: bytes) -> list[str]:
    """The text of `data` in UTF-8 and, where it has a byte-order mark or NULs, UTF-16/32."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return [data.decode(encoding, errors="replace")]
    texts = [data.decode("utf-8", errors="replace")]
    if b"\x00" in data[:4096]:
        texts += [data.decode(e, errors="replace") for e in ("utf-16-le", "utf-16-be")]
    return texts


def variants(text: str) -> Iterator[str]:
    """`text` as written, entities decoded, without markup, URL-decoded, overrides reversed."""
    shown = html.unescape(text) if "&" in text else text
    yield shown
    if "<" in shown:
        yield _TAG.sub(" ", shown)
    if "%" in shown:
        yield unquote_plus(shown)
    if "\u202e" in shown:
        yield _OVERRIDE.sub(lambda m: m.group(1)[::-1], shown)


def _json_strings(text: str) -> str:
    """Every string in a JSON document, one per line (escapes such as \\u00ed decoded)."""
    try:
        stack = [json.loads(text)]
    except ValueError:
        return ""
    found: list[str] = []
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return "\n".join(found)


def _gunzip(packed: bytes) -> bytes:
    """The unpacked content, read in a stream and never more than MAX_UNPACKED bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(packed), mode="rb") as stream:
            data = stream.read(MAX_UNPACKED + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise Unreadable("it is not a complete gzip file") from err
    if len(data) > MAX_UNPACKED:
        raise Unreadable(f"it unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    return data
