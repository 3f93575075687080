"""Where a picture file can hold words, for the leak scan: never in its pixels.

A photo's compressed pixels are noise when read as letters. Read whole, one 1600x1067
photo took half a second of the scan (three decodings of 180,000 bytes, each folded),
the photos of an archive most of a cold build; and noise can spell a short name by
chance, a false alarm that stops a build (tests/test_leak_scan.py has one in a PDF).

The places the formats the gate publishes (JPEG, PNG, GIF, WebP) keep words are read
instead, whole: every JPEG marker segment (EXIF, XMP, ICC profile, IPTC, comments, and
the small tables), every PNG chunk but the pixel data (tEXt, eXIf, iCCP...) with zTXt,
iTXt and iCCP unpacked, every GIF extension (comments, XMP) as written and as joined,
every WebP chunk but the frames (EXIF, XMP, ICCP), and anything after the end of the
picture. Only the compressed pixels are skipped. A file that starts like one of these
formats but does not follow it to its end is not a picture to this module: the scan
reads it whole, as any other file.
"""

from __future__ import annotations

import zlib

from flagpress.publish.pdf_texts import MAX_UNPACKED, Unreadable

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8"
_PIXELS = frozenset({b"IDAT", b"fdAT"})  # PNG (and animated PNG) pixel data
_PACKED = frozenset({b"zTXt", b"iCCP"})  # keyword, NUL, method, then zlib data
_GIF = (b"GIF87a", b"GIF89a")
_FRAMES = frozenset({b"VP8 ", b"VP8L", b"ALPH", b"ANMF"})  # WebP pixel data


def picture_pieces(data: bytes) -> list[bytes] | None:
    """The parts of a picture file that can hold words; None for any other file."""
    if data.startswith(_PNG):
        return _png(data)
    if data.startswith(_JPEG):
        return _jpeg(data)
    if data.startswith(_GIF):
        return _gif(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp(data)
    return None


def _jpeg(data: bytes) -> list[bytes] | None:
    pieces: list[bytes] = []
    at, end = 2, len(data)
    while at < end:
        if data[at] != 0xFF:
            return None
        while at < end and data[at] == 0xFF:  # fill bytes before a marker
            at += 1
        if at >= end:
            return None
        marker = data[at]
        at += 1
        if marker == 0xD9:  # end of image: what follows is not the picture
            return [*pieces, data[at:]]
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a segment
            continue
        length = int.from_bytes(data[at : at + 2], "big")
        if length < 2 or at + length > end:
            return None
        pieces.append(data[at + 2 : at + length])
        at += length
        if marker == 0xDA:  # start of scan: compressed pixels, up to the next marker
            at = _after_scan(data, at)
    return None  # no end of image


def _after_scan(data: bytes, at: int) -> int:
    """Where the marker after a scan's compressed pixels starts (the end if none).

    In a scan, a 0xFF byte is followed by 0x00 (a stuffed byte) or a restart marker
    (0xD0-0xD7); any other pair starts the next marker.
    """
    while (at := data.find(b"\xff", at)) != -1 and at + 1 < len(data):
        following = data[at + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return at
        at += 2
    return len(data)


def _png(data: bytes) -> list[bytes] | None:
    pieces: list[bytes] = []
    at, end = len(_PNG), len(data)
    while at + 12 <= end:
        length = int.from_bytes(data[at : at + 4], "big")
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        at += 12 + length  # length, kind, body, checksum
        if at > end:
            return None
        if kind == b"IEND":
            return [*pieces, data[at:]]
        if kind not in _PIXELS:
            pieces += [body, *_unpacked(kind, body)]
    return None  # no end chunk


def _gif(data: bytes) -> list[bytes] | None:
    if len(data) < 13:
        return None  # not even a whole header
    pieces: list[bytes] = []
    at = 13 + _colour_table(data[10])  # header, screen descriptor, global colours
    while at < len(data):
        block, start = data[at], at
        if block == 0x3B:  # trailer: what follows is not the picture
            return [*pieces, data[at + 1 :]]
        if block == 0x21:  # an extension: comment, application (XMP), plain text...
            found = _sub_blocks(data, at + 2)
            if found is None:
                return None
            joined, at = found
            pieces += [joined, data[start:at]]  # XMP is written across the block sizes
        elif block == 0x2C and at + 10 <= len(data):  # an image: its pixels are skipped
            found = _sub_blocks(data, at + 10 + _colour_table(data[at + 9]) + 1)
            if found is None:
                return None
            at = found[1]
        else:
            return None
    return None  # no trailer


def _colour_table(flags: int) -> int:
    """The size of the colour table a GIF's descriptor `flags` announce."""
    return 3 * (2 << (flags & 7)) if flags & 0x80 else 0


def _sub_blocks(data: bytes, at: int) -> tuple[bytes, int] | None:
    """A GIF's data sub-blocks from `at`: their bytes joined, and where they end."""
    parts: list[bytes] = []
    while at < len(data):
        size = data[at]
        if size == 0:
            return b"".join(parts), at + 1
        parts.append(data[at + 1 : at + 1 + size])
        at += 1 + size
    return None


def _webp(data: bytes) -> list[bytes] | None:
    pieces: list[bytes] = []
    end = 8 + int.from_bytes(data[4:8], "little")
    at = 12
    while at + 8 <= end:
        kind, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        body = data[at + 8 : at + 8 + size]
        at += 8 + size + (size & 1)  # chunks are padded to an even size
        if kind not in _FRAMES:
            pieces.append(body)
    if at != end or end > len(data):
        return None
    return [*pieces, data[end:]]


def _unpacked(kind: bytes, body: bytes) -> list[bytes]:
    """The compressed text of a zTXt, iTXt or iCCP chunk, unpacked."""
    keyword_end = body.find(b"\x00")
    if keyword_end < 0:
        return []
    if kind in _PACKED:
        return [_inflate(body[keyword_end + 2 :])]
    if kind == b"iTXt" and body[keyword_end + 1 : keyword_end + 2] == b"\x01":
        # flag, method, language NUL, translated keyword NUL, then the packed text
        language_end = body.find(b"\x00", keyword_end + 3)
        translated_end = body.find(b"\x00", language_end + 1) if language_end >= 0 else -1
        if translated_end < 0:
            raise Unreadable("it is not a picture that can be read")
        return [_inflate(body[translated_end + 1 :])]
    return []


def _inflate(packed: bytes) -> bytes:
    """Unpacked in a stream, never more than MAX_UNPACKED bytes; Unreadable if damaged."""
    unpacker = zlib.decompressobj()
    try:
        data = unpacker.decompress(packed, MAX_UNPACKED + 1)
    except zlib.error as err:
        raise Unreadable("it is not a picture that can be read") from err
    if len(data) > MAX_UNPACKED:
        raise Unreadable(f"it unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    return data
