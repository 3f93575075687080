"""Reading editors' files as text, whatever editor saved them.

Windows editors add a byte-order mark and CRLF line endings; old Mac ones write lone
CRs. All of those are fine and are normalised here, once, so that every line
number flagpress reports matches what the editor sees. Anything that is not UTF-8
is refused with the place of the first bad byte, never guessed at.
"""

from __future__ import annotations

from pathlib import Path

from flagpress.diagnostics import ContentError, Location

BOM = "\ufeff"


def read_text(path: Path, shown_as: str) -> str:
    """The file's text with a BOM removed and every line ending turned into '\\n'.

    `shown_as` is the path as editors see it (relative to the publication).
    Raises ContentError for unreadable or non-UTF-8 files.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ContentError(
            [Location(shown_as).error("unreadable-file", f"cannot read this file: {err.strerror}")]
        ) from None
    return decode(data, shown_as)


def decode(data: bytes, shown_as: str) -> str:
    """Decode UTF-8 bytes (BOM allowed), normalising CRLF and lone CR to LF."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ContentError(
            [
                Location(shown_as, line, col).error(
                    "not-utf8",
                    f"this file is not UTF-8 text (byte 0x{data[err.start]:02X} cannot be read); "
                    "open it in your editor and save it with the encoding 'UTF-8'",
                )
            ]
        ) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
