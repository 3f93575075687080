"""Every string in a PDF: page text, and all strings and streams of all its objects.

Only page text used to be scanned; a name in /Alt text, a link's URI, a bookmark,
XMP metadata or an attached file went through. Here every object the file's cross-
reference tables list is visited (and everything reachable from the trailer), every
string is collected, and every stream is decompressed (image pixels excepted: they
hold no text), with a cap on the total. A PDF that pypdf cannot read raises
`Unreadable`, so a broken or hostile file fails the build instead of passing it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

MAX_UNPACKED = 64 * 1024 * 1024  # bytes a .gz file or all of one PDF's streams may unpack to
MAX_DEPTH = 2  # PDFs attached to PDFs attached to PDFs
Texts = Iterator[tuple[int, str]]
# How a stream found inside a PDF is read: (its bytes, a suffix, depth) -> texts.
Inner = Callable[[bytes, str, int], Texts]


# A stream's body in the file as written: from the keyword to the first 'endstream'.
_STREAM_BODY = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
# Embedded font programs: glyph outlines, no text (their names are not strings).
_FONT_PROGRAM_KEYS = ("/Length1", "/Length2", "/Length3")
_FONT_PROGRAM_TYPES = ("/Type1C", "/CIDFontType0C", "/OpenType")


class Unreadable(Exception):
    """An output file the scan cannot read completely; the message says why, plainly."""


# What pypdf raises on a damaged or hostile file, besides its own errors.
_FAILURES = (ValueError, KeyError, TypeError, OSError, RecursionError, NotImplementedError)


def pdf_texts(data: bytes, inner: Inner, depth: int = 0) -> Texts:
    """(page number or 0, text) pieces of a PDF's bytes; `inner` reads its streams and
    attached files (which may be PDFs again, one level deeper)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if depth > MAX_DEPTH:
        raise Unreadable("it holds PDFs attached inside attached PDFs, too deep to check")
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        strings, streams = _objects(reader)
    except Unreadable:
        raise
    except _FAILURES + (PyPdfError,) as err:
        raise Unreadable("it is not a PDF that can be read") from err
    yield from enumerate(pages, start=1)
    yield 0, "\n".join(strings)
    for stream, embedded in streams:
        yield from inner(stream, ".pdf" if embedded else "", depth + 1 if embedded else depth)
    # Parts outside any object, as a last resort. Stream bodies are left out: each was
    # read above, decompressed; compressed bytes read as letters are noise, and a short
    # name is found in 160 KB of noise by chance ("o ma r" across gaps).
    yield 0, _STREAM_BODY.sub(b"stream endstream", data).decode("latin-1")


def _objects(reader) -> tuple[list[str], list[tuple[bytes, bool]]]:
    """Every string of every object, and every stream's data (flagged if a PDF file)."""
    from pypdf.generic import IndirectObject

    ids = {(num, gen) for gen, table in reader.xref.items() for num in table}
    ids |= {(num, 0) for num in reader.xref_objStm}
    roots = [reader.trailer] + [reader.get_object(IndirectObject(n, g, reader)) for n, g in ids]
    strings: list[str] = []
    streams: list[tuple[bytes, bool]] = []
    budget = [MAX_UNPACKED]
    seen: set[int] = set()
    for root in roots:
        _walk(root, strings, streams, budget, seen)
    return strings, streams


def _walk(obj, strings: list[str], streams: list, budget: list[int], seen: set[int]) -> None:
    """Collect strings and stream data of `obj`, without following indirect references."""
    from pypdf.generic import ByteStringObject, IndirectObject, StreamObject

    stack = [obj]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, IndirectObject) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ByteStringObject):
            strings.append(_bytes_text(bytes(item)))
        elif isinstance(item, str):
            strings.append(str(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
            if isinstance(item, StreamObject) and _may_hold_text(item):
                streams.append(_stream(item, budget))
        elif isinstance(item, list):
            stack.extend(item)


def _may_hold_text(stream) -> bool:  # noqa: ANN001
    """False for image pixels and font programs, which hold no text: read as letters,
    their bytes only make false alarms."""
    subtype = stream.get("/Subtype")
    if subtype == "/Image" or subtype in _FONT_PROGRAM_TYPES:
        return False
    return not any(key in stream for key in _FONT_PROGRAM_KEYS)


def _stream(stream, budget: list[int]) -> tuple[bytes, bool]:
    data = stream.get_data()
    budget[0] -= len(data)
    if budget[0] < 0:
        raise Unreadable(f"its contents unpack to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    return data, stream.get("/Type") == "/EmbeddedFile" and data.startswith(b"%PDF-")


def _bytes_text(data: bytes) -> str:
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return data.decode("utf-16", errors="replace")
    return data.decode("latin-1")
