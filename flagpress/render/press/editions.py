"""Every PDF edition of every issue: which to make, in parallel, reusing unchanged ones.

Each PDF is rendered in a worker process of its own, as many at once as there are
cores (see `workers`). The booklet is imposed from the printer's layout, naming people
as the booklet may (see `variants`), as soon as that is ready, while the others still
render. Nothing is written outside the cache
folder; the build publishes the finished files with the website.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flagpress.diagnostics import Location, Problem, has_errors
from flagpress.naming import Channel
from flagpress.render.edition import Edition, PublicIssue, pdf_filename
from flagpress.render.press import cache, fonts
from flagpress.render.press.document import build_document
from flagpress.render.press.jobs import RenderJob, RenderResult
from flagpress.render.press.stale import pdf_cache
from flagpress.render.press.variants import VARIANTS, Variant
from flagpress.render.press.workers import render_all
from flagpress.render.progress import Progress, quiet
from flagpress.render.templates import BUILTIN
from flagpress.settings import PrintSettings


@dataclass(frozen=True)
class PdfFile:
    """A finished PDF of one issue in one variant."""

    issue: str  # the issue's slug
    variant: str
    path: Path  # in the cache folder
    filename: str  # its name when published, e.g. flag-magazine-issue-7-screen.pdf
    pages: int
    seconds: float  # time spent making it in this run (0 when reused)
    reused: bool


@dataclass
class Editions:
    files: list[PdfFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    """One PDF to render: a variant, the channel it names people in, and what it is for."""

    variant: Variant
    channel: Channel
    publish: bool  # one of the wanted PDFs
    impose: bool  # the booklet's source


@dataclass(eq=False)  # identity: each planned PDF is its own key
class _Planned:
    issue: PublicIssue
    variant: Variant
    job: RenderJob
    key: str
    entry: cache.Entry
    publish: bool
    impose: bool


def render_editions(
    edition: Edition,
    issues: Iterable[PublicIssue] | None = None,
    variants: Iterable[str] | None = None,
    workers: int | None = None,
    progress: Progress = quiet,
) -> Editions:
    """Make the configured PDFs (or the given `variants`) of every public issue.

    Each names people in its variant's channel (see `variants`); an empty `variants`
    makes nothing. `progress` hears of each PDF as it is ready.
    """
    wanted = tuple(edition.config.print.variants if variants is None else variants)
    editions = Editions()
    planned: list[_Planned] = []
    for issue in edition.issues if issues is None else issues:
        planned += _plan(edition, issue, _jobs(wanted), editions.problems)
    for done, (item, result) in enumerate(_results(planned, workers), 1):  # as each is ready
        progress("making PDFs", done, len(planned))
        editions.problems.extend(p for p in result.problems if p not in editions.problems)
        if has_errors(result.problems):
            continue
        if item.publish:
            editions.files.append(_pdf_file(edition, item, result))
        if item.impose:  # while the others render
            booklet = _booklet(edition, item, editions.problems)
            editions.files += [booklet] if booklet else []
    editions.files.sort(key=lambda e: (e.issue, wanted.index(e.variant)))
    return editions


def _jobs(wanted: tuple[str, ...]) -> list[_Job]:
    """What WeasyPrint renders: the wanted variants, and the booklet's source (the
    printer's layout, naming people as the booklet may), first so that the booklet is
    imposed while the others render."""
    jobs = []
    if "booklet" in wanted:
        source, booklet = VARIANTS["print"], VARIANTS["booklet"]
        jobs.append(_Job(source, booklet.channel, publish=False, impose=True))
    for name in wanted:
        variant = VARIANTS[name]
        if not variant.imposed:
            jobs.append(_Job(variant, variant.channel, publish=True, impose=False))
    return jobs


def allowed_folders(root: Path) -> tuple[str, ...]:
    """What the fetcher may read: the publication's content/ and templates/, plus
    flagpress's own print templates and the packaged font."""
    folders = (root / "content", root / "templates", BUILTIN / "print", fonts.FONT_DIR)
    return tuple(str(f.resolve()) for f in folders)


def _plan(
    edition: Edition, issue: PublicIssue, jobs: list[_Job], problems: list[Problem]
) -> list[_Planned]:
    planned: list[_Planned] = []
    root = edition.root
    folder = pdf_cache(root) / issue.slug
    for wanted in jobs:
        variant = wanted.variant
        document = build_document(edition, issue, variant, wanted.channel)
        problems.extend(p for p in document.problems if p not in problems)
        if has_errors(document.problems):
            return []  # refused references: render nothing of this issue
        entry = cache.Entry(folder, _entry_name(edition, issue, wanted, document.html), root)
        same = next((p for p in planned if p.entry.pdf == entry.pdf), None)
        if same is not None:  # the same PDF: nobody in it is named differently
            same.publish, same.impose = same.publish or wanted.publish, same.impose or wanted.impose
            continue
        job = RenderJob(
            html=document.html,
            base_url=root.resolve().as_uri() + "/",
            allowed=allowed_folders(root),
            references=document.references,
            fallback=Location(issue.source),
            output=str(entry.pdf),
            tagged=variant.tagged,
            bleed_mm=edition.config.print.bleed if variant.bleed else None,
            check_resolution=variant.bleed,
            clean_svgs=document.clean_svgs,
            **_for_the_printer(variant, edition.config.print),
        )
        key = cache.job_key(
            job.html,
            cache.relative_to_root(job.allowed, root),
            job.tagged,
            job.bleed_mm,
            job.check_resolution,
            job.pad_to_4,
            job.output_intent,
        )  # job.clean_svgs is the masthead, whose address is in the html already
        planned.append(_Planned(issue, variant, job, key, entry, wanted.publish, wanted.impose))
    return planned


def _for_the_printer(variant: Variant, settings: PrintSettings) -> dict:
    """The printer's settings for the printer's edition (and the booklet's source)."""
    if not variant.bleed:
        return {}
    intent = None if settings.output_intent == "none" else settings.output_intent
    return {"pad_to_4": settings.pad_to_4, "output_intent": intent}


def _entry_name(edition: Edition, issue: PublicIssue, wanted: _Job, html: str) -> str:
    """Where the PDF is cached: under the variant's name, unless `wanted`'s channel names
    someone differently from the variant's own (then both are kept, side by side)."""
    variant = wanted.variant
    if wanted.channel == variant.channel or html == build_document(edition, issue, variant).html:
        return variant.name
    return f"{variant.name}-{wanted.channel}"


def _results(
    planned: list[_Planned], workers: int | None
) -> Iterator[tuple[_Planned, RenderResult]]:
    """Each planned PDF and its result: reused ones first, then the rest as they finish."""
    todo = []
    for item in planned:
        saved = item.entry.load(item.key)
        if saved is None:
            todo.append(item)
        else:
            yield item, RenderResult(cache.saved_problems(saved), saved["pages"], reused=True)
    for index, result in render_all([item.job for item in todo], workers):
        item = todo[index]
        if has_errors(result.problems):
            item.entry.forget()
        else:
            item.entry.save(item.key, result.fetched, result.pages, result.problems)
        yield item, result


def _pdf_file(edition: Edition, item: _Planned, result: RenderResult) -> PdfFile:
    return PdfFile(
        issue=item.issue.slug,
        variant=item.variant.name,
        path=item.entry.pdf,
        filename=pdf_filename(edition.config, item.issue.number, item.variant.name),
        pages=result.pages,
        seconds=result.seconds,
        reused=result.reused,
    )


def _booklet(edition: Edition, item: _Planned, problems: list[Problem]) -> PdfFile | None:
    """Impose the printer's edition as a booklet, unless its PDF is unchanged since last time."""
    entry = cache.Entry(item.entry.pdf.parent, "booklet", edition.root)
    sheet = edition.config.print.booklet_sheet
    key = cache.job_key("booklet", sheet, cache.file_digest(item.entry.pdf))
    start = time.perf_counter()
    saved = entry.load(key)
    if saved is None:
        from flagpress.render.press.impose import impose  # pypdf: imported only to impose

        try:
            sides = impose(item.entry.pdf, entry.pdf, sheet)
        except Exception as err:  # pypdf failing on our own PDF: report, never a traceback
            problems.append(
                Location(item.issue.source).error(
                    "print-failed", f"the booklet could not be made ({type(err).__name__}: {err})"
                )
            )
            return None
        entry.save(key, [], sides, [])
        seconds = time.perf_counter() - start
    else:
        sides, seconds = saved["pages"], 0.0
    booklet = VARIANTS["booklet"]
    return PdfFile(
        issue=item.issue.slug,
        variant=booklet.name,
        path=entry.pdf,
        filename=pdf_filename(edition.config, item.issue.number, booklet.name),
        pages=sides,
        seconds=seconds,
        reused=saved is not None,
    )
