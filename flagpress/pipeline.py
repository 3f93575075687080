"""The whole pipeline in one place: load -> validate -> render -> publish."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flagpress.commands import where as whereabouts_
from flagpress.diagnostics import Location, Problem, did_you_mean, has_errors
from flagpress.load import load_publication
from flagpress.load.content_files import ContentFiles
from flagpress.load.private_file import Private, load_private
from flagpress.model import Publication
from flagpress.publish import leak_scan
from flagpress.publish import release as publish
from flagpress.render.press import Editions, render_editions
from flagpress.render.web import Download, render_web
from flagpress.validate import validate


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    built: bool = False
    pages: int = 0
    pdfs: int = 0
    release: Path | None = None


def check(root: Path, today: dt.date) -> tuple[Publication | None, list[Problem]]:
    """Load and validate: every problem in the publication, none of the output."""
    pub, _, problems = _check(root, today)
    return pub, problems


def _check(root: Path, today: dt.date) -> tuple[Publication | None, Private, list[Problem]]:
    pub, problems = load_publication(root)
    if pub is not None:
        problems += validate(pub, ContentFiles(root), today)
    private, private_problems = load_private(root, pub)
    return pub, private, sorted(set(problems + private_problems))


def build(root: Path, output: Path, strict: bool, today: dt.date) -> Outcome:
    """Check, then render the website into staging and switch it in on success only."""
    publish.check_output(root, output)
    pub, private, problems = _check(root, today)
    outcome = Outcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        return outcome
    editions = render_editions(pub, root, today)  # cached in ROOT/.flagpress-cache/
    outcome.problems = sorted(set(problems + editions.problems))
    if has_errors(outcome.problems, strict):
        return outcome
    staging = publish.stage(output)
    try:
        outcome.pages = render_web(pub, root, staging, today, _downloads(editions))
        outcome.pdfs = len(editions.files)
        leaks = leak_scan.scan(staging, output.name, pub, private, today, _cache(root))
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


def _downloads(editions: Editions) -> dict[str, list[Download]]:
    """The PDFs of each issue, as files for the website to publish next to its page."""
    downloads: dict[str, list[Download]] = {}
    for pdf in editions.files:
        downloads.setdefault(pdf.issue, []).append(Download(pdf.label, pdf.path, pdf.filename))
    return downloads


def _cache(root: Path) -> Path:
    """Where the leak scan remembers PDFs it found clean (by digest only)."""
    return root / ".flagpress-cache"


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


class UnknownIssue(Exception):
    """`flagpress pdf` was given an issue that does not exist (a usage error)."""


def pdf(
    root: Path, issue: str, variant: str, output: Path | None, strict: bool, today: dt.date
) -> Outcome:
    """Check, then make one PDF of `issue` (its folder name or number) at `output`.

    Without `output`, the PDF gets its published name in the current folder. Like a
    build, it is leak-scanned first and never written if it holds private information.
    """
    pub, private, problems = _check(root, today)
    outcome = Outcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        return outcome
    chosen = [i for i in pub.issues if issue in (i.slug, str(i.number))]
    if not chosen:
        known = [i.slug for i in pub.issues]
        raise UnknownIssue(f"no issue '{issue}' in content/issues/{did_you_mean(issue, known)}")
    editions = render_editions(pub, root, today, issues=chosen, variants=[variant], workers=1)
    if not editions.files and not editions.problems:
        editions.problems.append(
            Location(chosen[0].source).error(
                "nothing-to-print", "this issue has no published articles yet: nothing to print"
            )
        )
    outcome.problems = sorted(set(problems + editions.problems))
    if has_errors(outcome.problems, strict) or not editions.files:
        return outcome
    made = editions.files[0]
    output = output if output is not None else Path(made.filename)
    outcome.problems += leak_scan.scan_files(
        [(made.path, str(output))], pub, private, today, _cache(root)
    )
    if has_errors(outcome.problems, strict):
        return outcome
    partial = output.with_name(output.name + ".partial")
    shutil.copyfile(made.path, partial)
    os.replace(partial, output)  # never a half-written PDF at `output`
    outcome.pdfs, outcome.built, outcome.release = 1, True, output
    return outcome
