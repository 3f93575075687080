"""Colour contrast as WCAG 2.2 defines it: one definition for the website and the PDFs.

The brand's colours are written by editors; text placed on them must stay readable
(4.5:1 for normal text, WCAG 1.4.3) whatever they chose, so every text colour on a
brand colour is computed from these functions, never copied from the settings.
"""

from __future__ import annotations

MIN_CONTRAST = 4.5  # WCAG 2.2 AA, normal-size text
WHITE, BLACK = "#ffffff", "#000000"


def luminance(colour: str) -> float:
    """The relative luminance of '#rrggbb' (WCAG 2.2's definition, sRGB): 0 black, 1 white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two '#rrggbb' colours, from 1 (same) to 21 (black on white)."""
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """White or black, whichever reads better on `background` (always 4.58:1 or more)."""
    return WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK


def ink_on(colour: str, background: str) -> str:
    """`colour` for text on `background` if it reads well enough there, else black or white.

    A light primary (a pale yellow) cannot be a link colour on a white page.
    """
    return colour if contrast(colour, background) >= MIN_CONTRAST else text_on(background)
