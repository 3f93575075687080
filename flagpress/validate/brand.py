"""Checks on `brand:` in site_config.yml: colours a browser and WeasyPrint read alike,
and a masthead drawing that exists.

A wrong colour would otherwise be dropped silently by the browser (a header with no
colour), and a missing masthead would leave a cover with a hole in it; both are
said at the value in site_config.yml, with what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from flagpress.diagnostics import Problem
from flagpress.model import Publication
from flagpress.settings import COLOUR

COLOURS = {"primary": "#14365d", "accent": "#ffd23f"}  # the examples shown in the advice


class BrandFiles(Protocol):
    def brand_file(self, path: str) -> bool: ...


def check(pub: Publication, files: BrandFiles) -> Iterator[Problem]:
    brand = pub.config.brand
    for name, example in COLOURS.items():
        value = getattr(brand, name)
        if not COLOUR.fullmatch(value):
            yield brand.written.value(name).error(
                "bad-colour",
                f"brand {name} '{value}' is not a colour flagpress can use; write it as # "
                f"and six hexadecimal digits (0-9, a-f), in quotes, e.g. '{example}'",
            )
    masthead = brand.masthead.strip()
    if not masthead:
        return
    at = brand.written.value("masthead")
    if not masthead.lower().endswith(".svg"):
        yield at.error(
            "masthead-not-svg",
            f"the masthead '{masthead}' is not a drawing (.svg); save it as an SVG file, "
            "e.g. templates/masthead.svg, so it stays sharp at every size",
        )
    elif not files.brand_file(masthead):
        yield at.error(
            "missing-masthead",
            f"there is no file '{masthead}' in the templates/ or content/ folder; check the "
            "path (written from the publication folder, e.g. templates/masthead.svg), or "
            "leave masthead out to set the title in the typeface",
        )
