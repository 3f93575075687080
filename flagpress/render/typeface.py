"""The typeface flagpress ships, installed from PyPI rather than taken from the machine.

Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1) was drawn for
readers with low vision. The `fontpkg-atkinson-hyperlegible` package ships its four
files unmodified; the PDFs embed them and the website serves them (as WOFF2), so both
show exactly the same letters on every machine.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible as package

FAMILY: str = package.FAMILY
FONT_DIR: Path = (Path(package.ROOT) / "files").resolve()
# (file stem, CSS font-style, CSS font-weight): the four files the package ships.
FACES = (
    ("Regular", "normal", 400),
    ("Italic", "italic", 400),
    ("Bold", "normal", 700),
    ("BoldItalic", "italic", 700),
)


def face_file(stem: str) -> Path:
    """The installed TTF of one face, e.g. face_file('Bold')."""
    return FONT_DIR / f"AtkinsonHyperlegible-{stem}.ttf"
