"""Characters the embedded font cannot show: a warning instead of a silent empty box.

Only the packaged font is used (no system fallback), so a character outside it,
such as an emoji or a letter from another script, would print as an empty box.
Editors are told which characters, in which article, before anyone prints it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from flagpress.diagnostics import Location, Problem
from flagpress.render.press.fonts import FAMILY, font_files


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Code points every style of the font has (a letter missing in bold still boxes)."""
    maps = [set(TTFont(path).getBestCmap()) for path in font_files()]
    return frozenset(set.intersection(*maps))


def missing(text: str) -> list[str]:
    """The characters of `text` the font lacks, in order of first appearance."""
    font = covered()
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in font and not _invisible(char):
            seen.setdefault(char, None)
    return list(seen)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def glyph_problem(text: str, source: Path, shown: str) -> Problem | None:
    """A warning at the first place in `source` that uses a character missing from the font."""
    chars = missing(text)
    if not chars:
        return None
    listed = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8])
    return _first_use(source, shown, chars[0]).warning(
        "missing-glyph",
        f"the print font ({FAMILY}) has no {listed}: they would print as empty boxes; "
        "write them another way, e.g. in words",
    )


def _first_use(source: Path, shown: str, char: str) -> Location:
    try:
        written = source.read_text(encoding="utf-8")
    except OSError:
        return Location(shown)
    at = written.find(char)
    if at < 0:
        return Location(shown)
    line_start = written.rfind("\n", 0, at) + 1
    return Location(shown, written.count("\n", 0, at) + 1, at - line_start + 1)
