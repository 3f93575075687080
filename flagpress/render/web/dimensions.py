"""Every image on a page gets its width and height, so the page does not jump.

Without them the browser lays the text out before the image arrives and moves it
down when it does: readers lose their place, and a tap meant for a link lands
elsewhere. The sizes are those of the files as published (render/images.py); the
stylesheet still scales images down to fit (max-width: 100%; height: auto), and the
two attributes keep their shape meanwhile. This runs on the whole rendered page, so
body images, lead images and covers are all covered, whichever template wrote them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\ssrc="([^"]*)"', re.IGNORECASE)
_SIZED = re.compile(r"\s(?:width|height)=", re.IGNORECASE)


def with_dimensions(page: str, folder: str, sizes: Mapping[str, tuple[int, int]]) -> str:
    """`page` (served from `folder`) with width and height on each `<img>` whose file
    is in `sizes` (site address -> width, height) and that has neither yet."""

    def sized(match: re.Match[str]) -> str:
        tag = match[0]
        src = _SRC.search(tag)
        if src is None or _SIZED.search(tag):
            return tag
        address = posixpath.normpath(posixpath.join(folder, html.unescape(src[1])))
        size = sizes.get(address)
        if size is None:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{size[0]}" height="{size[1]}"{tag[end:]}'

    return _IMG.sub(sized, page)
