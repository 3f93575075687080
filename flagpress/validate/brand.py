"""Checks on `brand:` in site_config.yml: colours a browser and WeasyPrint read alike,
and a masthead drawing that exists.

A wrong colour would otherwise be dropped silently by the browser (a header with no
colour), and a missing masthead would leave a cover with a hole in it; both are said
at the value in site_config.yml by `flagpress check`, before anything is made. The
words and codes are the ones the PDF renderer uses (render/press/brand.py), which
also refuses a drawing the SVG cleaner will not accept: one problem, one message.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Protocol

from flagpress.diagnostics import Problem
from flagpress.model import Publication
from flagpress.settings import COLOUR, Brand

DEFAULTS = Brand()
MASTHEAD_FOLDERS = ("templates/", "content/")


class BrandFiles(Protocol):
    def brand_file(self, path: str) -> bool: ...


def check(pub: Publication, files: BrandFiles) -> Iterator[Problem]:
    brand = pub.config.brand
    for name in ("primary", "accent"):
        value = getattr(brand, name)
        if not COLOUR.fullmatch(value):
            yield brand.written.value(name).error(
                "bad-colour",
                f"'brand.{name}': write the colour as # and six hex digits, "
                f"e.g. '{getattr(DEFAULTS, name)}'",
            )
    reason = _masthead_problem(brand.masthead.strip(), files)
    if reason:
        yield brand.written.value("masthead").error("bad-masthead", f"'brand.masthead': {reason}")


def _masthead_problem(written: str, files: BrandFiles) -> str:
    """Why the masthead cannot be used, in plain words, or '' when it can (or is not set)."""
    if not written:
        return ""
    normal = posixpath.normpath(written)
    if posixpath.isabs(normal) or not normal.startswith(MASTHEAD_FOLDERS):
        return (
            "keep the masthead drawing in the publication's templates/ folder and write "
            "its path from the publication folder, e.g. templates/masthead.svg"
        )
    if not normal.lower().endswith(".svg"):
        return "the masthead must be an SVG drawing (a file ending .svg); export it as SVG"
    if not files.brand_file(normal):
        return f"there is no file {written}; check the spelling, or save the drawing there"
    return ""
