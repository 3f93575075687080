"""The typeface embedded in every PDF, installed from PyPI rather than taken from the machine.

Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1) was drawn for
readers with low vision: letters that are easily confused (I l 1, O 0, b d p q) are
made distinct. The `fontpkg-atkinson-hyperlegible` package ships its four files
unmodified, so every machine, including CI, embeds exactly the same font.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from flagpress.render.typeface import FACES, FAMILY, FONT_DIR, face_file

__all__ = ["FAMILY", "FONT_DIR", "font_face_css", "font_files"]


def font_files() -> list[Path]:
    return [face_file(stem) for stem, _, _ in FACES]


def font_face_css() -> str:
    """@font-face rules for the four styles, pointing at the installed files."""
    rules = []
    for (_, style, weight), path in zip(FACES, font_files(), strict=True):
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("{path.as_uri()}"); '
            f"font-style: {style}; font-weight: {weight}; }}"
        )
    return "\n".join(rules) + "\n"


_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{dir}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="same"><family>sans-serif</family>
    <prefer><family>{family}</family></prefer></alias>
  <alias binding="same"><family>serif</family>
    <prefer><family>{family}</family></prefer></alias>
  <alias binding="same"><family>monospace</family>
    <prefer><family>{family}</family></prefer></alias>
  <match target="pattern">
    <edit name="family" mode="append_last"><string>{family}</string></edit>
  </match>
</fontconfig>
"""


@contextmanager
def only_packaged_fonts() -> Iterator[None]:
    """Make Fontconfig see the packaged font and nothing else while a FontConfiguration is made.

    Any family a stylesheet or an SVG asks for (`sans-serif`, `Arial`) then resolves
    to the packaged font, so no PDF depends on, or embeds, the machine's fonts.
    """
    with tempfile.TemporaryDirectory(prefix="flagpress-fonts-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(
            _FONTCONFIG.format(
                dir=escape(str(FONT_DIR)), cache=escape(folder), family=escape(FAMILY)
            ),
            encoding="utf-8",
        )
        previous = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = previous
