"""One PDF from one print HTML document: the part that runs in a worker process.

Everything here takes and returns plain, picklable data, so a job can run in its
own process. WeasyPrint reads files only through the sandboxed fetcher; any
refusal, and anything WeasyPrint logs as an ERROR, fails the job with a problem
that names the article and the reference. A failed job leaves no PDF behind.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import ReplacedBox
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from flagpress.diagnostics import Problem
from flagpress.render.press import fonts, link_labels, overtime, printer, structure
from flagpress.render.press.artifacts import mark_artifacts
from flagpress.render.press.fetcher import ErrorLog, Refused, SandboxedFetcher
from flagpress.render.press.jobs import RenderJob, RenderResult
from flagpress.render.press.origin import find_in_templates, find_origin
from flagpress.validate import print_resolution
from flagpress.validate.print_resolution import MIN_DPI

_ATTACHMENT = re.compile(r"""rel\s*=\s*["']?[^"'>]*\battachment""", re.I)


def render(job: RenderJob) -> RenderResult:
    """Render `job` to `job.output`; on any problem of error severity, write nothing."""
    start = time.perf_counter()
    fetcher = SandboxedFetcher((Path(p) for p in job.allowed), job.clean_svgs)
    result = RenderResult()
    temporary = Path(job.output + ".partial")
    temporary.parent.mkdir(parents=True, exist_ok=True)
    with ErrorLog() as log:
        result.problems, result.pages = _write(job, fetcher, temporary)
    if fetcher.refused:  # the cause, also where WeasyPrint caught it and logged an error
        result.problems += [_refused(job, refused, fetcher) for refused in fetcher.refused]
    else:
        result.problems += [_logged(job, message) for message in log.messages]
    _finish(temporary, Path(job.output), result)
    result.fetched = sorted({str(p) for p in fetcher.fetched})
    result.seconds = time.perf_counter() - start
    return result


def _write(job: RenderJob, fetcher: SandboxedFetcher, target: Path) -> tuple[list[Problem], int]:
    """Lay out and write the PDF: (problems found on the way, number of pages)."""
    try:
        document, labels = _layout(job, fetcher)
        refused = attachments(document, job)
        if refused:
            return refused, 0
        problems = low_resolution(document, job) if job.check_resolution else []
        with structure.watching_tags() as origins:
            finisher = _finisher(job, origins, labels)
            document.write_pdf(target, finisher=finisher, **_options(job))
        pages, unpadded = _page_count(job, len(document.pages))
        return problems + unpadded, pages
    except FatalURLFetchingError as err:  # a refusal: the fetcher keeps it, reported by render
        failed = job.fallback.error("print-failed", f"{err}; check that the file can be read")
        return ([] if fetcher.refused else [failed]), 0
    except Exception as err:  # WeasyPrint's own failures must not become tracebacks
        return [_failed(job, err)], 0


def _layout(job: RenderJob, fetcher: SandboxedFetcher) -> tuple[Document, dict[str, str]]:
    """The laid-out document, and a reader's name for each of its anchors."""
    with fonts.only_packaged_fonts():
        font_config = FontConfiguration()
    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
    overtime.remember_tree(html.etree_element)  # to say where, if time runs out
    labels = link_labels.anchor_labels(html.etree_element) if job.tagged else {}
    return html.render(font_config=font_config, **_options(job)), labels


def _options(job: RenderJob) -> dict:
    options: dict = {"pdf_variant": "pdf/ua-1"} if job.tagged else {}
    if job.output_intent:
        options["output_intent"] = job.output_intent  # WeasyPrint embeds its sRGB profile
    return options


def _finisher(
    job: RenderJob, origins: structure.Origins, labels: dict[str, str]
) -> Callable[[Document, pydyf.PDF], None]:
    """Last touches on WeasyPrint's PDF objects, before they are written.

    Tagged editions: a structure tree that reads as the magazine does (`structure`),
    links described in words, page furniture and decorative images as artifacts.
    Printer's edition: blank pages up to a multiple of 4, and exact BleedBoxes (see
    `printer`).
    """

    def finish(document: Document, pdf: pydyf.PDF) -> None:
        if job.tagged:
            structure.mend_structure(pdf, origins)
            link_labels.describe_links(pdf, document, labels)
            mark_artifacts(pdf)
        if job.pad_to_4:
            printer.add_blank_pages(pdf, printer.blanks_needed(len(document.pages)))
        if job.bleed_mm is not None:
            printer.set_bleed_boxes(pdf, job.bleed_mm)

    return finish


def _page_count(job: RenderJob, pages: int) -> tuple[int, list[Problem]]:
    """The printed page count (with any blank pages added), and a warning if the
    printer's edition is left at a count that is not a multiple of 4."""
    blanks = printer.blanks_needed(pages)
    if job.pad_to_4:
        return pages + blanks, []
    if job.pad_to_4 is False and blanks:
        return pages, [printer.not_padded(job.fallback, pages)]
    return pages, []


def low_resolution(document: Document, job: RenderJob) -> list[Problem]:
    """A warning for each photo printed at less than MIN_DPI at its placed size."""
    problems = []
    for page in document.pages:
        for box in page._page_box.descendants():  # private, but the layout is only here
            image = getattr(box, "replacement", None)
            if not isinstance(box, ReplacedBox) or not isinstance(image, RasterImage):
                continue
            if box.width <= 0 or box.height <= 0:
                continue
            dpi = min(image.width / (box.width / 96), image.height / (box.height / 96))
            if dpi < MIN_DPI:
                src = box.element.get("src", "") if box.element is not None else ""
                where = job.references.get(src, job.fallback)
                problems.append(print_resolution.low_resolution(where, dpi, image.width))
    return problems


def attachments(document: Document, job: RenderJob) -> list[Problem]:
    """PDFs from flagpress never carry attached files; found after layout, before any
    attachment is fetched, so the file is never even read."""
    links = [link for page in document.pages for link in page.links if link[0] == "attachment"]
    if not links and not document.metadata.attachments:
        return []
    root = Path(url2pathname(urlsplit(job.base_url).path))
    return [
        find_in_templates(root, _ATTACHMENT, job.fallback).error(
            "print-attachment",
            'the PDF would carry an attached file; remove rel="attachment" from the '
            "print templates",
        )
    ]


def _refused(job: RenderJob, refused: Refused, fetcher: SandboxedFetcher) -> Problem:
    """Name the reference, and the article, SVG or template that made it."""
    root = Path(url2pathname(urlsplit(job.base_url).path))
    where, via = find_origin(refused.url, job.references, fetcher.fetched, root, job.fallback)
    return where.error(
        "print-refused-file",
        f"the PDF may not use '{refused.url}'{via}: {refused.reason}; use a file in "
        "content/ (images go in the issue's images/ folder) or in templates/print/",
    )


def _logged(job: RenderJob, message: str) -> Problem:
    where = next((loc for uri, loc in job.references.items() if uri in message), job.fallback)
    return where.error(
        "print-error",
        f"the PDF could not be made as written: {message}; fix or replace the file it names",
    )


def _failed(job: RenderJob, err: Exception) -> Problem:
    return job.fallback.error(
        "print-failed",
        f"the PDF could not be made ({type(err).__name__}: {err}); check the print "
        "templates in templates/print/, or remove them to use the built-in ones",
    )


def _finish(temporary: Path, output: Path, result: RenderResult) -> None:
    if any(p.severity.value == "error" for p in result.problems):
        temporary.unlink(missing_ok=True)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, output)
