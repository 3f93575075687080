"""Checks on a loaded publication: pure functions that return problems, never raise.

Each module checks one concern. Anything that needs the file system is passed in as
a capability (`exists`), so the checks stay pure and are easy to test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flagpress.diagnostics import Problem
from flagpress.model import Publication
from flagpress.validate import (
    consent,
    markup,
    people,
    personal_data,
    references,
    signoffs,
    structure,
)


def validate(
    publication: Publication, exists: Callable[[str], bool], today: dt.date
) -> list[Problem]:
    """Every problem in `publication`, in file and line order.

    `exists(path)` says whether a publication-relative path names a file inside
    content/; `today` decides which embargoes have passed.
    """
    problems = [
        *people.check(publication),
        *structure.check(publication),
        *references.check(publication, exists, today),
        *markup.check(publication),
        *consent.check(publication, today),
        *signoffs.check(publication),
        *personal_data.check(publication),
    ]
    return sorted(set(problems))
