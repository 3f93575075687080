"""Commands that make one file outside the website: one issue's PDF (`flagpress pdf`)
and the co-production report (`flagpress report`, optionally as a PDF).

Each checks the publication as a build does, makes its file aside, leak-scans it, and
only then moves it into place: a file with private information is never written, and
never half-written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flagpress.diagnostics import ContentError, Location, Problem, UsageError, has_errors
from flagpress.load.private_file import Private
from flagpress.model import Publication
from flagpress.pipeline import Outcome, checked, memory_folder
from flagpress.publish import leak_scan
from flagpress.publish.output_path import refuse_sources
from flagpress.render import Edition, Progress, build_edition, quiet
from flagpress.render.report import Report, Scope, build_report


class UnknownIssue(UsageError):
    """`flagpress pdf` was given an issue that does not exist."""


def pdf(
    root: Path,
    issue: str,
    variant: str,
    output: Path | None,
    strict: bool,
    today: dt.date,
    progress: Progress = quiet,
) -> Outcome:
    """Check, then make one PDF of `issue` (its folder name or number) at `output`.

    Without `output`, the PDF gets its published name in the current folder. Like a
    build, it is leak-scanned first and never written if it holds private information.
    """
    from flagpress.render.press import VARIANTS, render_editions

    if output is None:  # the PDF's own name, in the current folder
        refuse_sources(root, Path.cwd() / "issue.pdf", shown="the current folder")
    else:
        refuse_sources(root, output)
    pub, private, problems = checked(root, today)
    outcome = Outcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        return outcome
    written = [i for i in pub.issues if issue in (i.slug, str(i.number))]
    if not written:
        raise _unknown_issue(pub, issue)
    edition = build_edition(pub, root, today)
    chosen = edition.issue(written[0].slug)
    if chosen is None:
        outcome.problems.append(
            Location(written[0].source).error(
                "nothing-to-print", "this issue has no published articles yet: nothing to print"
            )
        )
        return outcome
    try:
        progress("making the PDF", 0, 0)
        editions = render_editions(edition, issues=[chosen], variants=[variant], workers=1)
    except ContentError as err:
        outcome.problems = sorted(set(problems + err.problems))
        return outcome
    outcome.problems = sorted(set(problems + editions.problems))
    if has_errors(outcome.problems, strict) or not editions.files:
        return outcome
    made = editions.files[0]
    output = output if output is not None else Path(made.filename)
    channel = VARIANTS[variant].channel  # the same PDF as the build's, named alike
    scanned = (made.path, str(output))
    memory = memory_folder(root)
    outcome.problems += leak_scan.scan_made(scanned, pub, private, today, memory, channel)
    if has_errors(outcome.problems, strict):
        return outcome
    partial = output.with_name(output.name + ".partial")
    shutil.copyfile(made.path, partial)
    os.replace(partial, output)  # never a half-written PDF at `output`
    outcome.pdfs, outcome.built, outcome.release = 1, True, output
    return outcome


class BadRange(UsageError):
    """`flagpress report` was given a date range that ends before it starts."""


@dataclass
class ReportOutcome:
    problems: list[Problem] = field(default_factory=list)
    report: Report | None = None
    pdf: Path | None = None  # where the PDF was written, if one was asked for


def report(
    root: Path, scope: Scope, pdf_file: Path | None, strict: bool, today: dt.date
) -> ReportOutcome:
    """Check, then count the co-production report of `scope` (an issue's folder name or
    number in `scope.issue`); with `pdf_file`, also write it as a leak-scanned PDF."""
    if scope.start and scope.end and scope.start > scope.end:
        raise BadRange(f"--from {scope.start} is after --to {scope.end}; swap them")
    if pdf_file is not None:
        refuse_sources(root, pdf_file)
    pub, private, problems = checked(root, today)
    outcome = ReportOutcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        return outcome
    if scope.issue is not None:
        scope = _issue_scope(pub, scope)
    edition = build_edition(pub, root, today)
    outcome.report = build_report(edition, scope)
    if pdf_file is not None:
        outcome.problems += _report_pdf(edition, outcome.report, pdf_file, pub, private, today)
        if not has_errors(outcome.problems, strict):
            outcome.pdf = pdf_file
    return outcome


def _issue_scope(pub: Publication, scope: Scope) -> Scope:
    """`scope` with its issue given by folder name: an unknown one is a usage error."""
    found = [i for i in pub.issues if scope.issue in (i.slug, str(i.number))]
    if not found:
        raise _unknown_issue(pub, scope.issue or "")
    return Scope(found[0].slug, scope.start, scope.end)


def _unknown_issue(pub: Publication, wanted: str) -> UnknownIssue:
    """Listing the issues that exist, by folder name and number, oldest first."""
    issues = sorted(pub.issues, key=lambda i: (i.date, i.number))
    if not issues:
        return UnknownIssue(f"there is no issue '{wanted}': content/issues/ has none yet")
    listed = ", ".join(f"{i.slug} (number {i.number})" for i in issues)
    return UnknownIssue(f"there is no issue '{wanted}'; the issues are: {listed}")


def _report_pdf(
    edition: Edition,
    made: Report,
    pdf_file: Path,
    pub: Publication,
    private: Private,
    today: dt.date,
) -> list[Problem]:
    """Render the report's PDF aside, scan it, and only then put it at `pdf_file`."""
    from flagpress.render.report.pdf import render_pdf

    partial = pdf_file.with_name(pdf_file.name + ".partial")
    problems = render_pdf(edition, made, partial)
    if has_errors(problems, strict=False) or not partial.is_file():
        partial.unlink(missing_ok=True)
        return problems
    scanned = (partial, str(pdf_file))
    cache = memory_folder(edition.root)
    problems += leak_scan.scan_made(scanned, pub, private, today, cache, "web-pdf")
    if has_errors(problems, strict=False):
        partial.unlink(missing_ok=True)
        return problems
    os.replace(partial, pdf_file)  # never a half-written PDF at `pdf_file`
    return problems
