"""The whole pipeline in one place: load -> validate -> render -> publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flagpress import leak_scan, publish
from flagpress import whereabouts as whereabouts_
from flagpress.diagnostics import Problem, did_you_mean, has_errors
from flagpress.leak_scan import Private
from flagpress.load import load_publication
from flagpress.model import Publication
from flagpress.validate import validate
from flagpress.web import render_web


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    built: bool = False
    pages: int = 0
    release: Path | None = None


def content_file_checker(root: Path) -> Callable[[str], bool]:
    """`exists(path)`: is this publication-relative path a real file inside content/?"""
    content = (root / "content").resolve()

    def exists(path: str) -> bool:
        full = root / path
        return full.is_file() and full.resolve().is_relative_to(content)

    return exists


def check(root: Path, today: dt.date) -> tuple[Publication | None, list[Problem]]:
    """Load and validate: every problem in the publication, none of the output."""
    pub, _, problems = _check(root, today)
    return pub, problems


def _check(root: Path, today: dt.date) -> tuple[Publication | None, Private, list[Problem]]:
    pub, problems = load_publication(root)
    if pub is not None:
        problems += validate(pub, content_file_checker(root), today)
    private, private_problems = leak_scan.load_private(root, pub)
    return pub, private, sorted(set(problems + private_problems))


def build(root: Path, output: Path, strict: bool, today: dt.date) -> Outcome:
    """Check, then render the website into staging and switch it in on success only."""
    publish.check_output(root, output)
    pub, private, problems = _check(root, today)
    outcome = Outcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        return outcome
    staging = publish.stage(output)
    try:
        outcome.pages = render_web(pub, root, staging, today)
        leaks = leak_scan.scan(staging, output.name, pub, private, today)
    except BaseException:
        publish.discard(staging)
        raise
    if leaks:
        publish.discard(staging)
        outcome.problems += leaks
        return outcome
    outcome.release = publish.switch(staging, output)
    outcome.built = True
    return outcome


class UnknownPerson(Exception):
    """`flagpress where` was given an id that is not in the registry (a usage error)."""


def whereabouts(root: Path, person: str, today: dt.date) -> list[whereabouts_.Place]:
    """Every place `person` appears: for data-protection requests."""
    pub, private, _ = _check(root, today)
    if pub is None or person not in pub.contributors:
        known = pub.contributors if pub else {}
        raise UnknownPerson(
            f"no contributor '{person}' in content/contributors.yml{did_you_mean(person, known)}"
        )
    return whereabouts_.places(pub, private, person, today)
