"""Photos and pictures, as published: decoded and drawn again, with nothing but pixels.

A camera writes where a photo was taken (EXIF GPS), the camera, and often a name
(EXIF XPAuthor, UserComment; XMP; IPTC; PNG text chunks). Copying the file publishes
all of it, so every image is decoded by Pillow and encoded afresh from its pixels
alone: no metadata block survives because none is ever written. The EXIF orientation
is applied first, so photos still stand the right way up without it. A colour profile
is kept only when it is sRGB-like (it carries no words of the editor's own).

Both the website (through the publishing gate) and the PDFs (through the print
fetcher) get images only from here, so neither can carry a photo's metadata.
"""

from __future__ import annotations

import io
import os
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from PIL import Image, ImageCms, ImageOps

# Extension -> the Pillow format that must be inside (served by extension, so they agree).
FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".webp": "WEBP",
}
MAX_PIXELS = 50_000_000  # matches the check's limit on declared sizes (decompression bombs)
_PROFILE_WORDS = ("srgb", "iec61966-2")
# Freed pixel memory Pillow keeps for the next picture (its block allocator, see
# "PILLOW_BLOCKS_MAX" in Pillow's documentation; none by default). Each photo needs a
# few buffers of its size; given back to the system at once, every page of each was
# faulted in again for the next: 51 photos cleaned on two cores made 330,000 page
# faults, 0.8 s of system time; with 4 blocks kept, 84,000 and 0.2 s (the memory a
# process holds at its highest is the same: kept blocks are reused before any new one).
_KEPT_BLOCKS = 4
if "PILLOW_BLOCKS_MAX" not in os.environ and hasattr(Image.core, "set_blocks_max"):
    Image.core.set_blocks_max(max(Image.core.get_blocks_max(), _KEPT_BLOCKS))


class Refused(Exception):
    """The file cannot be published; the message says why and what to do, in plain words."""


def clean_image(data: bytes, extension: str) -> bytes:
    """The image in `data` encoded again from its pixels, without any metadata."""
    expected = FORMATS[extension]
    image = _decode(data)
    if image.format != expected:
        found = image.format or "unknown"
        raise Refused(
            f"the file is named {extension} but holds a {found} image; save it again as "
            f"{expected} or give it the right ending"
        )
    profile = _srgb_profile(image.info.get("icc_profile"))
    ImageOps.exif_transpose(image, in_place=True)  # this image is ours: no copy needed
    return _encode(image, expected, profile)


def _decode(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise Refused("the picture is too big to publish; make it smaller first")
            image.load()
    except Refused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as err:
        raise Refused(
            "the picture cannot be read (it is damaged or not really an image); "
            "export it again as JPEG or PNG"
        ) from err
    return image


def _srgb_profile(icc: bytes | None) -> bytes | None:
    """`icc` if it describes sRGB (or something very like it); None otherwise."""
    if not icc:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = ImageCms.getProfileDescription(profile).lower()
    except (OSError, ValueError, ImageCms.PyCMSError):
        return None
    return icc if any(word in description for word in _PROFILE_WORDS) else None


def _encode(image: Image.Image, fmt: str, profile: bytes | None) -> bytes:
    """Only pixels (and an sRGB profile) are passed on; Pillow writes no metadata otherwise."""
    pixels = _pixels_only(image, fmt)
    options: dict[str, object] = {}
    if profile is not None and fmt in ("JPEG", "PNG", "WEBP"):
        options["icc_profile"] = profile
    if fmt == "JPEG":
        options.update(quality=90, optimize=True)
    if fmt in ("GIF", "PNG") and "transparency" in image.info and pixels.mode == image.mode:
        options["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    pixels.save(out, fmt, **options)
    return out.getvalue()


def _pixels_only(image: Image.Image, fmt: str) -> Image.Image:
    """A fresh image holding the pixels (and palette) only: its `info` starts empty."""
    mode = image.mode
    if fmt == "JPEG" and mode not in ("L", "RGB", "CMYK"):
        mode = "RGB"
    elif fmt in ("PNG", "WEBP") and mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        mode = "RGBA"
    source = image if mode == image.mode else image.convert(mode)
    fresh = Image.new(source.mode, source.size)
    if source.mode == "P":
        fresh.putpalette(source.getpalette() or [])
    fresh.paste(source)
    return fresh


# EXIF orientations that turn the picture a quarter turn: drawn again upright
# (clean_image), it is published with its width and height swapped.
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")


def dimensions(path: Path) -> tuple[int, int] | None:
    """The width and height (CSS pixels) the image at `path` is published with, or None.

    Pages give every image its size, so the text does not jump as images arrive
    (render/web/dimensions.py). Photos are measured by Pillow from the header alone,
    turned as they are published; drawings (SVG) from their width and height, else
    their viewBox. None when the file cannot be read; the gate reports that itself.
    """
    extension = path.suffix.lower()
    try:
        if extension in FORMATS:
            with Image.open(path) as image:
                width, height = image.size
                turned = image.getexif().get(_EXIF_ORIENTATION) in _QUARTER_TURNS
            return (height, width) if turned else (width, height)
        if extension == ".svg":
            return _svg_dimensions(fromstring(path.read_bytes()))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, DefusedXmlException):
        return None
    return None


def _svg_dimensions(root: ET.Element) -> tuple[int, int] | None:
    width, height = _LENGTH.fullmatch(root.get("width", "")), _LENGTH.fullmatch(
        root.get("height", "")
    )
    if width and height:
        return _rounded(width[1], height[1])
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return _rounded(box[2], box[3])
    return None


def _rounded(width: str, height: str) -> tuple[int, int] | None:
    try:
        w, h = round(float(width)), round(float(height))
    except ValueError:
        return None
    return (w, h) if w > 0 and h > 0 else None
