"""Checks on `language:` in site_config.yml: a language tag, as HTML and PDFs need it.

The tag becomes every page's `<html lang>` and the PDFs' language, which screen readers
use to choose a voice. A word such as "English" is not a tag: it used to stop the
build with a message about the theme's templates, which the editor had not touched.
Only the shape is checked (a language of 2 or 3 letters, then parts such as a region
or a script), not whether the language exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.model import Publication

# BCP 47's shape, simplified: a language of 2 or 3 letters (the 5 to 8 letter ones BCP 47
# allows are unused, and would let "English" through), then subtags of letters or digits.
TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def check(pub: Publication) -> Iterator[Problem]:
    config = pub.config
    if not TAG.fullmatch(config.language):
        yield config.written.value("language").error(
            "bad-language",
            "'language': write a language tag, such as en-GB for British English or cy "
            "for Welsh",
        )
