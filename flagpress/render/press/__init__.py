"""The printable magazine: PDF editions of each issue, from the same Edition as the website.

`render_editions` makes the screen (tagged PDF/UA-1), print (bleed), large-print
and booklet PDFs of every issue, reusing unchanged ones from the cache. Two outputs
publish them: `PrintEditions` puts the PDFs the website offers next to each issue's
page (they name people per the `web-pdf` channel), and `PrinterEditions` puts the
printer's edition (named per `print`) into the folder it is given, which the pipeline
keeps outside the website. This package never imports the website code, and the
website never imports it.
"""

from __future__ import annotations

from flagpress.diagnostics import Problem
from flagpress.render.edition import FOR_THE_PRINTER, PDF_LABELS, Edition
from flagpress.render.folder import Folder
from flagpress.render.press.editions import Editions, PdfFile, render_editions
from flagpress.render.press.stale import forget_stale_pdfs
from flagpress.render.press.variants import VARIANTS
from flagpress.render.progress import Progress, quiet

__all__ = [
    "VARIANTS",
    "Editions",
    "PdfFile",
    "PrintEditions",
    "PrinterEditions",
    "forget_stale_pdfs",
    "render_editions",
]


class PrintEditions:
    """The PDFs output: every configured edition of every public issue the website offers."""

    name = "pdf"
    alternate = None

    def render(self, edition: Edition, folder: Folder, progress: Progress = quiet) -> list[Problem]:
        offered = [v for v in edition.config.print.variants if v in PDF_LABELS]
        editions = render_editions(edition, variants=offered, progress=progress)
        published = {
            (d.variant, issue.slug): d.path for issue in edition.issues for d in issue.downloads
        }
        for pdf in editions.files:
            folder.place(published[(pdf.variant, pdf.issue)], pdf.path)
        return editions.problems


class PrinterEditions:
    """The printer's edition of every public issue, by its file name, into `folder`.

    It may name people who agreed to print only, so `folder` must never be published
    on the website (the pipeline gives it the printer's folder beside the site).
    """

    name = "pdf-for-the-printer"
    alternate = None

    def render(self, edition: Edition, folder: Folder, progress: Progress = quiet) -> list[Problem]:
        if FOR_THE_PRINTER not in edition.config.print.variants:
            return []
        editions = render_editions(edition, variants=[FOR_THE_PRINTER], progress=progress)
        for pdf in editions.files:
            folder.place(pdf.filename, pdf.path)
        return editions.problems
