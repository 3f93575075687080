"""Every PDF edition of every issue: which to make, in parallel, reusing unchanged ones.

Each PDF is rendered in a worker process of its own, as many at once as there are
cores (see `workers`). The booklet is imposed from the printer's edition as soon as
that is ready, while the others still render. Nothing is written outside the cache
folder; the build publishes the finished files with the website.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flagpress.diagnostics import Location, Problem, Severity
from flagpress.model import Issue, Publication
from flagpress.render.press import cache, fonts
from flagpress.render.press.document import BUILTIN_TEMPLATES, build_document, public_articles
from flagpress.render.press.jobs import RenderJob, RenderResult
from flagpress.render.press.variants import VARIANTS, Variant, filename
from flagpress.render.press.workers import render_all
from flagpress.slugs import slugify


@dataclass(frozen=True)
class Edition:
    """A finished PDF of one issue in one variant."""

    issue: str  # the issue's slug
    variant: str
    label: str
    path: Path  # in the cache folder
    filename: str  # its name when published, e.g. flag-magazine-issue-7-screen.pdf
    pages: int
    seconds: float  # time spent making it in this run (0 when reused)
    reused: bool


@dataclass
class Editions:
    files: list[Edition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(eq=False)  # identity: each planned PDF is its own key
class _Planned:
    issue: Issue
    variant: Variant
    job: RenderJob
    key: str
    entry: cache.Entry


def render_editions(
    pub: Publication,
    root: Path,
    today: dt.date,
    issues: Iterable[Issue] | None = None,
    variants: Iterable[str] | None = None,
    workers: int | None = None,
) -> Editions:
    """Make the configured PDFs (or the given `variants`) of every issue with public articles."""
    wanted = tuple(variants or pub.config.print.variants)
    chosen = [i for i in (issues or pub.issues) if public_articles(i, today)]
    editions = Editions()
    planned: list[_Planned] = []
    for issue in chosen:
        planned += _plan(pub, root, issue, _rendered(wanted), today, editions.problems)
    for item, result in _results(planned, workers):  # as each PDF is ready
        editions.problems.extend(p for p in result.problems if p not in editions.problems)
        if _has_error(result.problems):
            continue
        if item.variant.name in wanted:
            editions.files.append(_edition(pub, item, result))
        if item.variant.name == "print" and "booklet" in wanted:  # while the others render
            booklet = _booklet(pub, item, editions.problems)
            editions.files += [booklet] if booklet else []
    editions.files.sort(key=lambda e: (e.issue, wanted.index(e.variant)))
    return editions


def _rendered(wanted: tuple[str, ...]) -> list[Variant]:
    """The variants WeasyPrint renders: the booklet needs the printer's edition."""
    names = [v for v in wanted if not VARIANTS[v].imposed]
    if "booklet" in wanted:  # first, so the booklet is imposed while the others render
        names = ["print", *(n for n in names if n != "print")]
    return [VARIANTS[n] for n in names]


def allowed_folders(root: Path) -> tuple[str, ...]:
    """What the fetcher may read: the publication's content/ and templates/, plus
    flagpress's own print templates and the packaged font."""
    folders = (root / "content", root / "templates", BUILTIN_TEMPLATES, fonts.FONT_DIR)
    return tuple(str(f.resolve()) for f in folders)


def _plan(
    pub: Publication,
    root: Path,
    issue: Issue,
    variants: list[Variant],
    today: dt.date,
    problems: list[Problem],
) -> list[_Planned]:
    planned = []
    folder = root / cache.CACHE_DIR / "pdf" / issue.slug
    for variant in variants:
        document = build_document(pub, root, issue, variant, today)
        problems.extend(p for p in document.problems if p not in problems)
        if _has_error(document.problems):
            return []  # refused references: render nothing of this issue
        entry = cache.Entry(folder, variant.name)
        job = RenderJob(
            html=document.html,
            base_url=root.resolve().as_uri() + "/",
            allowed=allowed_folders(root),
            references=document.references,
            fallback=Location(issue.source),
            output=str(entry.pdf),
            tagged=variant.tagged,
            bleed_mm=pub.config.print.bleed if variant.bleed else None,
            check_resolution=variant.bleed,
        )
        key = cache.job_key(job.html, job.allowed, job.tagged, job.bleed_mm, job.check_resolution)
        planned.append(_Planned(issue, variant, job, key, entry))
    return planned


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
        if _has_error(result.problems):
            item.entry.forget()
        else:
            item.entry.save(item.key, result.fetched, result.pages, result.problems)
        yield item, result


def _has_error(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def _edition(pub: Publication, item: _Planned, result: RenderResult) -> Edition:
    return Edition(
        issue=item.issue.slug,
        variant=item.variant.name,
        label=item.variant.label,
        path=item.entry.pdf,
        filename=filename(slugify(pub.config.title), item.issue.number, item.variant.name),
        pages=result.pages,
        seconds=result.seconds,
        reused=result.reused,
    )


def _booklet(pub: Publication, item: _Planned, problems: list[Problem]) -> Edition | None:
    """Impose the printer's edition as a booklet, unless its PDF is unchanged since last time."""
    entry = cache.Entry(item.entry.pdf.parent, "booklet")
    key = cache.job_key("booklet", cache.file_digest(item.entry.pdf))
    start = time.perf_counter()
    saved = entry.load(key)
    if saved is None:
        from flagpress.render.press.impose import impose  # pypdf: imported only to impose

        try:
            sides = impose(item.entry.pdf, entry.pdf)
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
    return Edition(
        issue=item.issue.slug,
        variant=booklet.name,
        label=booklet.label,
        path=entry.pdf,
        filename=filename(slugify(pub.config.title), item.issue.number, booklet.name),
        pages=sides,
        seconds=seconds,
        reused=saved is not None,
    )
