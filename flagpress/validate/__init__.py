"""Checks on a loaded publication: pure functions that return problems, never raise.

Each module checks one concern. Anything that needs the file system is passed in as
a capability (`exists`), so the checks stay pure and are easy to test.
"""

from __future__ import annotations

import datetime as dt

from flagpress.diagnostics import Problem
from flagpress.model import Publication
from flagpress.validate import (
    accessibility,
    blocks,
    consent,
    footnotes,
    markup,
    people,
    personal_data,
    plain_language,
    print_resolution,
    references,
    sign_off,
    structure,
)
from flagpress.validate.references import Files


def validate(publication: Publication, files: Files, today: dt.date) -> list[Problem]:
    """Every problem in `publication`, in file and line order.

    `files` answers whether a publication-relative path is a file inside content/
    and how big an image is; `today` decides which embargoes and withdrawals apply.
    """
    problems = [
        *people.check(publication),
        *structure.check(publication, today),
        *references.check(publication, files, today),
        *print_resolution.check(publication, files, today),
        *markup.check(publication),
        *blocks.check(publication),
        *footnotes.check(publication),
        *consent.check(publication, today),
        *sign_off.check(publication),
        *personal_data.check(publication),
        *accessibility.check(publication),
        *plain_language.check(publication),
    ]
    return sorted(set(problems))
