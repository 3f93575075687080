"""The leak scan reads a JPEG or PNG for its words (metadata, comments, what follows the
picture), never its compressed pixels (publish/picture_texts.py)."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from flagpress.matching import Matcher, Needle, compact, fold
from flagpress.publish.output_texts import file_texts
from flagpress.publish.pdf_texts import Unreadable
from flagpress.render.images import clean_image

NAME = "Marianne Okonkwo"


def _found(data: bytes, suffix: str, name: str = NAME) -> bool:
    """Whether the scan's texts of a file holding `data` show `name`."""
    path = Path(f"/nowhere/picture{suffix}")
    matcher = Matcher([Needle(name, compact(name))])
    return any(list(matcher.search(fold(text))) for _, text in file_texts(path, data))


def _jpeg(**extra: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (200, 30, 30)).save(out, "JPEG", **extra)
    return out.getvalue()


def _png(info: PngImagePlugin.PngInfo | None = None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 10), (0, 90, 0)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _gif(comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    extra = {"comment": comment} if comment else {}
    Image.new("P", (20, 10)).save(out, "GIF", **extra)
    return out.getvalue()


def _gif_xmp() -> bytes:
    """A GIF with XMP as Adobe writes it: the packet's bytes stand as the block sizes."""
    gif = _gif()
    packet = f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode()
    magic = bytes([1, *range(255, -1, -1)])  # the "magic trailer" ends the sub-blocks
    extension = b"\x21\xff\x0bXMP DataXMP" + packet + magic
    return gif[:-1] + extension + b"\x3b"


def _webp(**extra: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(out, "WEBP", **extra)
    return out.getvalue()


def _riff(webp: bytes, kind: bytes, body: bytes) -> bytes:
    """`webp` with one more chunk, its RIFF size made right."""
    chunk = kind + struct.pack("<I", len(body)) + body + b"\0" * (len(body) & 1)
    data = webp + chunk
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x9C9D] = NAME.encode("utf-16-le") + b"\0\0"  # XPAuthor, in UTF-16
    return exif.tobytes()


def _with_text(kind: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    if kind == "iTXt":
        info.add_itxt("Author", NAME, zip=True)  # compressed: unreadable as bytes
    else:
        info.add_text("Author", NAME, zip=kind == "zTXt")
    return info


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (_jpeg(comment=f"Photo: {NAME}".encode()), ".jpg"),
        (_jpeg(exif=_exif()), ".jpg"),
        (_jpeg(xmp=f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode()), ".jpg"),
        (_jpeg() + f"after the picture: {NAME}".encode(), ".jpeg"),
        (_png(_with_text("tEXt")), ".png"),
        (_png(_with_text("zTXt")), ".png"),
        (_png(_with_text("iTXt")), ".png"),
        (_png() + NAME.encode("utf-16-le"), ".png"),
        (_jpeg(comment=NAME.encode()), ".png"),  # what the bytes are decides, not the name
        (_gif(NAME.encode()), ".gif"),
        (_gif_xmp(), ".gif"),
        (_gif() + NAME.encode(), ".gif"),
        (_webp(exif=_exif()), ".webp"),
        (_webp(xmp=f"<dc:creator>{NAME}</dc:creator>".encode()), ".webp"),
        (_webp() + NAME.encode(), ".webp"),
    ],
    ids=[
        *("comment", "exif", "xmp", "after-end", "text", "ztxt", "itxt", "after-iend", "named"),
        *("gif-comment", "gif-xmp", "after-trailer", "webp-exif", "webp-xmp", "after-riff"),
    ],
)
def test_every_place_a_picture_keeps_words_is_read(data: bytes, suffix: str) -> None:
    assert _found(data, suffix)


def test_compressed_pixels_are_not_read_as_letters() -> None:
    """Bytes spelling a name inside a JPEG scan or a PNG's pixel data are pixels."""
    jpeg = _jpeg()
    scan = jpeg.index(b"\xff\xda")
    scan += 2 + int.from_bytes(jpeg[scan + 2 : scan + 4], "big")
    spliced = jpeg[:scan] + b"Okonkwo" + jpeg[scan:]
    assert not _found(spliced, ".jpg", "Okonkwo")
    png = _png()
    pixels = png.index(b"IEND") - 4
    spliced = png[:pixels] + _chunk(b"IDAT", b"Okonkwo") + png[pixels:]
    assert not _found(spliced, ".png", "Okonkwo")
    # ...while the same bytes in a chunk of its own are words.
    assert _found(png[:pixels] + _chunk(b"teXt", b"Okonkwo") + png[pixels:], ".png", "Okonkwo")
    gif = _gif()
    pixels = len(gif) - 2  # the image's last sub-block ends here, then the trailer
    assert not _found(gif[:pixels] + b"\x07Okonkwo" + gif[pixels:], ".gif", "Okonkwo")
    assert not _found(_riff(_webp(), b"ALPH", b"Okonkwo"), ".webp", "Okonkwo")
    assert _found(_riff(_webp(), b"NOTE", b"Okonkwo"), ".webp", "Okonkwo")


@pytest.mark.parametrize(
    "damaged",
    [
        _jpeg(comment=NAME.encode())[:-2],  # no end of image
        _jpeg(comment=NAME.encode()).replace(b"\xff\xfe", b"\xff\xfe\xff\xff", 1),
        _png(_with_text("tEXt"))[:-12],  # no end chunk
        _gif(NAME.encode())[:-1],  # no trailer
        _riff(_webp(xmp=NAME.encode()), b"NOTE", b"0123456789")[:-4],  # shorter than it says
    ],
    ids=["no-eoi", "bad-length", "no-iend", "no-trailer", "short-riff"],
)
def test_a_picture_that_does_not_follow_its_format_is_read_whole(damaged: bytes) -> None:
    assert _found(damaged, ".jpg")


@pytest.mark.parametrize(
    "start", [b"GIF89a" + NAME.encode()[:4], b"\xff\xd8" + NAME.encode(), b"RIFF\0\0\0\0WEBP"]
)
def test_a_file_shorter_than_its_header_is_read_whole(start: bytes) -> None:
    texts = [text for _, text in file_texts(Path("x.gif"), start)]
    assert texts and texts[0] == start.decode("utf-8", errors="replace")


def test_a_damaged_packed_text_cannot_be_checked() -> None:
    png = _png()
    end = png.index(b"IEND") - 4
    bad = png[:end] + _chunk(b"zTXt", b"Author\x00\x00not zlib data") + png[end:]
    with pytest.raises(Unreadable, match="it is not a picture that can be read"):
        list(file_texts(Path("x.png"), bad))


def test_a_photo_is_read_for_its_words_not_its_pixels() -> None:
    """Read as letters, a 1600x1067 photo was 180,000 bytes of noise decoded three times
    (half a second of the scan); published as the gate cleans it, it is a few hundred
    characters of tables and colour profile."""
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(40 * 27 * 3))
    photo = Image.frombytes("RGB", (40, 27), noise).resize((1600, 1067), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    published = clean_image(out.getvalue(), ".jpg")
    assert len(published) > 100_000
    texts = [text for _, text in file_texts(Path("photo.jpg"), published)]
    assert sum(len(text) for text in texts) < 10_000
