"""The publication's brand in the PDFs: colours that stay readable, and a clean masthead.

`site_config.yml` gives two colours (`brand.primary`, `brand.accent`) and optionally
a masthead drawing. Covers and the back cover are set on the primary colour, so the
colour of their text is never taken from the brand as written: it is computed, by
the WCAG contrast ratio, as white or black (whichever reads better), and the accent
is used for text only where it reaches 4.5:1 on the primary. A brand can therefore
never make a cover unreadable, in any edition.

The masthead is a drawing the publication supplies: it is found, refused with a
diagnostic at `brand.masthead`'s line when it is missing or not a clean SVG, and
cleaned (`render/svg.py`) by the print fetcher before WeasyPrint reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flagpress.colours import MIN_CONTRAST, WHITE, contrast, text_on
from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.load.publication import CONFIG_FILE
from flagpress.load.strict_yaml import YList, YMap, YStr, parse_yaml
from flagpress.render.images import Refused
from flagpress.render.svg import clean_svg
from flagpress.settings import Brand

DARK_INK = "#1a1a2e"  # headings on white pages when the primary is too light for text
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_DEFAULT = Brand()








@dataclass(frozen=True)
class Palette:
    """The colours the print templates use, each chosen for the background it sits on."""

    primary: str  # cover and back-cover backgrounds
    on_primary: str  # text on the primary
    highlight: str  # the accent where it reads on the primary, else on_primary
    ink: str  # headings and rules on white pages: the primary if it reads on white

    def css(self) -> str:
        """Custom properties for the stylesheets, and the covers' page backgrounds (which
        run into the printer's bleed; WeasyPrint resolves no variables in @page)."""
        return (
            f":root {{ --brand-primary: {self.primary}; --brand-on-primary: {self.on_primary}; "
            f"--brand-highlight: {self.highlight}; --brand-ink: {self.ink}; }}\n"
            f"@page cover {{ background: {self.primary}; }}\n"
            f"@page back-cover {{ background: {self.primary}; }}\n"
        )


def palette(brand: Brand, root: Path, problems: list[Problem]) -> Palette:
    """The palette of `brand`; a colour not written #rrggbb is reported and replaced by
    flagpress's own, so no text is set in a colour nobody chose."""
    primary = _colour(brand.primary, _DEFAULT.primary, "primary", root, problems)
    accent = _colour(brand.accent, _DEFAULT.accent, "accent", root, problems)
    on_primary = text_on(primary)
    readable_accent = contrast(accent, primary) >= MIN_CONTRAST
    return Palette(
        primary=primary,
        on_primary=on_primary,
        highlight=accent if readable_accent else on_primary,
        ink=primary if contrast(primary, WHITE) >= MIN_CONTRAST else DARK_INK,
    )


def _colour(value: str, default: str, name: str, root: Path, problems: list[Problem]) -> str:
    if _HEX.fullmatch(value):
        return value.lower()
    problems.append(
        brand_location(root, name).error(
            "bad-colour",
            f"'brand.{name}': write the colour as # and six hex digits, e.g. '{default}'",
        )
    )
    return default


def masthead_uri(brand: Brand, root: Path, problems: list[Problem]) -> str | None:
    """The masthead drawing as a file: URI, or None (the title is then set in type).

    A masthead that is missing, outside content/ or templates/, not SVG, or not a
    drawing the cleaner accepts is an error at its line in site_config.yml.
    """
    if not brand.masthead:
        return None
    path = (root / brand.masthead).resolve()
    reason = _masthead_problem(path, root.resolve(), brand.masthead)
    if reason:
        problems.append(
            brand_location(root, "masthead").error(
                "bad-masthead", f"'brand.masthead': {reason}"
            )
        )
        return None
    return path.as_uri()


def _masthead_problem(path: Path, root: Path, written: str) -> str:
    """Why the masthead cannot be printed, in plain words, or '' when it can."""
    folders = (root / "templates", root / "content")
    if not any(path.is_relative_to(folder) for folder in folders):
        return (
            "keep the masthead drawing in the publication's templates/ folder and write "
            "its path from the publication folder, e.g. templates/masthead.svg"
        )
    if path.suffix.lower() != ".svg":
        return "the masthead must be an SVG drawing (a file ending .svg); export it as SVG"
    if not path.is_file():
        return f"there is no file {written}; check the spelling, or save the drawing there"
    try:
        clean_svg(path.read_bytes())
    except Refused as err:
        return str(err)
    except OSError:
        return "the file cannot be read; check that it is a saved SVG drawing"
    return ""


def brand_location(root: Path, name: str) -> Location:
    """Where `brand.<name>` is written in site_config.yml (else `brand:`, else the file).

    Settings are plain values without places, so the file is read again here; only a
    problem needs it.
    """
    fallback = Location(CONFIG_FILE)
    try:
        config = parse_yaml((root / CONFIG_FILE).read_text(encoding="utf-8"), CONFIG_FILE)
    except (ContentError, OSError, UnicodeDecodeError):
        return fallback
    brand = config.get("brand") if isinstance(config, YMap) else None
    if not isinstance(brand, YMap):
        return fallback
    value = brand.get(name)
    if isinstance(value, YStr | YList | YMap):
        return value.loc
    return brand.key_locs.get(name, brand.loc)
