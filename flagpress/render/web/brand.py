"""The publication's brand on the website: colours, masthead and typeface, at build time.

The printed cover is navy and yellow with the FLAG masthead; the website should be
recognisably the same publication. `brand:` in site_config.yml gives the colours,
and this module turns them into CSS custom properties (`assets/brand.css`) that the
theme and magazine.css read. Text colours on the brand colours are never chosen by
hand: each is whichever of black and white has the higher contrast, which is always
at least 4.58:1 (WCAG 1.4.3 asks 4.5:1), so no brand can make the header unreadable.

The typeface is served from the site itself (made from the files of the PyPI package
the PDFs embed): no request leaves for a font service, which would tell it who reads
what.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flagpress.colours import WHITE, ink_on, text_on
from flagpress.render.edition import Edition
from flagpress.render.folder import Folder
from flagpress.render.typeface import FACES, FONT_DIR, face_file
from flagpress.render.web.fonts import woff2
from flagpress.settings import COLOUR, Brand

DARK_BACKGROUND = "#1e2029"  # Material's dark ("slate") page: hsl(232, 15%, 14%)
BRAND_CSS = "assets/brand.css"
FONT_FOLDER = "assets/fonts"
DEFAULTS = Brand()










@dataclass(frozen=True)
class Palette:
    """The brand's colours with the text colours chosen for them."""

    primary: str
    on_primary: str
    accent: str
    on_accent: str
    ink_light: str  # the primary as text on a white page (links, headings)
    ink_dark: str  # the accent as text on the dark scheme's background

    @classmethod
    def of(cls, brand: Brand) -> Palette:
        """The palette of `brand`; a colour that is not #rrggbb (validation stops those
        before a build) falls back to the default brand's."""
        primary = brand.primary if COLOUR.fullmatch(brand.primary) else DEFAULTS.primary
        accent = brand.accent if COLOUR.fullmatch(brand.accent) else DEFAULTS.accent
        primary, accent = primary.lower(), accent.lower()
        return cls(
            primary=primary,
            on_primary=text_on(primary),
            accent=accent,
            on_accent=text_on(accent),
            ink_light=ink_on(primary, WHITE),
            ink_dark=ink_on(accent, DARK_BACKGROUND),
        )


def brand_css(brand: Brand) -> str:
    """assets/brand.css: the brand as custom properties, and the typeface's faces."""
    p = Palette.of(brand)
    family = brand.typeface
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
        f'font-display: swap; src: url("fonts/{_font_name(stem)}") format("woff2"); }}\n'
        for stem, style, weight in FACES
    )
    return (
        "/* Written by flagpress from brand: in site_config.yml. Do not edit: it is\n"
        "   rewritten on every build. Text colours are chosen for contrast. */\n"
        f"{faces}"
        ":root, [data-md-color-scheme][data-md-color-primary] {\n"
        f"  --fp-primary: {p.primary};\n  --fp-on-primary: {p.on_primary};\n"
        f"  --fp-accent: {p.accent};\n  --fp-on-accent: {p.on_accent};\n"
        f"  --fp-ink: {p.ink_light};\n"
        f'  --md-text-font: "{family}";\n'
        "  --md-primary-fg-color: var(--fp-primary);\n"
        "  --md-primary-fg-color--light: var(--fp-primary);\n"
        "  --md-primary-fg-color--dark: var(--fp-primary);\n"
        "  --md-primary-bg-color: var(--fp-on-primary);\n"
        "  --md-primary-bg-color--light: var(--fp-on-primary);\n"
        "  --md-accent-fg-color: var(--fp-ink);\n"
        "  --md-typeset-a-color: var(--fp-ink);\n"
        "}\n"
        '[data-md-color-scheme="slate"][data-md-color-primary] {\n'
        f"  --fp-ink: {p.ink_dark};\n"
        "  --md-accent-fg-color: var(--fp-ink);\n"
        "  --md-typeset-a-color: var(--fp-ink);\n"
        "}\n"
    )


def _font_name(stem: str) -> str:
    return f"AtkinsonHyperlegible-{stem}.woff2"


def font_files() -> list[tuple[str, Path]]:
    """(address in the site, installed TTF it is made from) for each face of the typeface."""
    return [
        (f"{FONT_FOLDER}/{_font_name(s)}", face_file(s))
        for s, _, _ in FACES
    ]


def publish_brand(edition: Edition, folder: Folder) -> str:
    """Write brand.css, the typeface's files (WOFF2 made from the installed ones, with
    their SIL Open Font License) and the masthead into the site; the masthead's address,
    or ''.

    The masthead goes through the gate like any drawing (rebuilt from an allowlist,
    never copied raw); a refusal is reported at `brand: masthead:` in site_config.yml.
    """
    brand = edition.config.brand
    folder.write(BRAND_CSS, brand_css(brand).encode("utf-8"))
    for address, ttf in font_files():
        folder.write(address, woff2(ttf, edition.root))
    licence = FONT_DIR.parent / "LICENSE"
    if licence.is_file():
        # written, not placed: placing may hard-link, and the package's file is not ours
        folder.write(f"{FONT_FOLDER}/OFL.txt", licence.read_bytes())
    if not brand.masthead.strip():
        return ""
    return folder.content(brand.masthead.strip(), brand.written.value("masthead"))
