"""Reading editors' files as text, whatever editor saved them.

Windows editors add a byte-order mark and CRLF line endings; old Mac ones write lone
CRs. All of those are fine and are normalised here, once, so that every line
number flagpress reports matches what the editor sees. Anything that is not UTF-8
is refused with the place of the first bad byte, never guessed at.
"""

from __future__ import annotations

import re
from pathlib import Path

from flagpress.diagnostics import ContentError, Location

BOM = "\ufeff"


MAX_BYTES = 5_000_000  # YAML registries; Markdown files have a tighter limit of their own


def read_text(path: Path, shown_as: str, limit: int = MAX_BYTES) -> str:
    """The file's text with a BOM removed and every line ending turned into '\\n'.

    `shown_as` is the path as editors see it (relative to the publication).
    Raises ContentError for unreadable, oversized or non-UTF-8 files and for control
    characters; the size is checked before reading, so a huge file costs nothing.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise ContentError(
                [
                    Location(shown_as).error(
                        "file-too-large",
                        f"this file is {size / 1_000_000:.1f} MB; the limit is "
                        f"{limit / 1_000_000:g} MB. Split it into several files, and keep "
                        "images in files of their own",
                    )
                ]
            )
        data = path.read_bytes()
    except OSError as err:
        raise ContentError(
            [Location(shown_as).error("unreadable-file", f"cannot read this file: {err.strerror}")]
        ) from None
    text = decode(data, shown_as)
    refuse_control_characters(text, shown_as)
    return text


def decode(data: bytes, shown_as: str) -> str:
    """Decode UTF-8 bytes (BOM allowed), normalising CRLF and lone CR to LF."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(data, err.start)
        raise ContentError(
            [
                Location(shown_as, line, col).error(
                    "not-utf8",
                    f"this file is not UTF-8 text (byte 0x{data[err.start]:02X} cannot be read); "
                    "open it in your editor and save it with the encoding 'UTF-8'",
                )
            ]
        ) from None
    return _normalise(text)


# Invisible, never meant, and Python-Markdown uses \x02 and \x03 as its own markers:
# an editor's copy would be swallowed or confuse them. Tabs and line breaks are fine
# (U+0085 is reported by the YAML reader as a hidden line break).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")


def refuse_control_characters(text: str, shown_as: str) -> None:
    """ContentError at the first control character other than a tab or a line break."""
    found = _CONTROL.search(text)
    if found is None:
        return
    at = found.start()
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    raise ContentError(
        [
            Location(shown_as, line, col).error(
                "bad-character",
                f"this line contains an invisible character (U+{ord(found.group()):04X}) that "
                "is not allowed; delete it (it often comes in when text is copied and pasted)",
            )
        ]
    )


def _normalise(text: str) -> str:
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(data: bytes, at: int) -> tuple[int, int]:
    """Line and column of byte `at`, counted as the editor counts them.

    Everything before the first bad byte is valid UTF-8, so it is decoded and
    normalised like the rest of the file: lone-CR line endings still count as new
    lines, and 'café' counts as four columns, not five bytes.
    """
    before = _normalise(data[:at].decode("utf-8"))
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
