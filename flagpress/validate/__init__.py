"""Checks on a loaded publication: pure functions that return problems, never raise.

Each module checks one concern. Anything that needs the file system is passed in as
a capability (`exists`), so the checks stay pure and are easy to test.
"""

from __future__ import annotations

import datetime as dt

from flagpress.diagnostics import Problem
from flagpress.load.cache import LoadCache
from flagpress.model import Publication
from flagpress.validate import (
    accessibility,
    brand,
    consent,
    language,
    markup,
    people,
    per_text,
    print_resolution,
    references,
    sign_off,
    structure,
)
from flagpress.validate.references import Files


def validate(
    publication: Publication, files: Files, today: dt.date, cache: LoadCache | None = None
) -> list[Problem]:
    """Every problem in `publication`, in file and line order.

    `files` answers whether a publication-relative path is a file inside content/
    and how big an image is; `today` decides which embargoes and withdrawals apply.
    The checks of one text at a time are taken from `cache` when it has them.
    """
    problems = [
        *people.check(publication),
        *structure.check(publication, today),
        *references.check(publication, files, today),
        *print_resolution.check(publication, files, today),
        *markup.check(publication),
        *consent.check(publication, today),
        *sign_off.check(publication),
        *accessibility.check(publication),
        *per_text.check(publication, cache),
        *brand.check(publication, files),
        *language.check(publication),
    ]
    return sorted(set(problems))
