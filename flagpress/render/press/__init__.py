"""The printable magazine: PDF editions of each issue, from the same Edition as the website.

`render_editions` makes the screen (tagged PDF/UA-1), print (bleed), large-print
and booklet PDFs of every issue, reusing unchanged ones from the cache; the
`PrintEditions` output publishes them where the Edition says (next to each issue's
page). This package never imports the website code, and the website never imports it.
"""

from __future__ import annotations

from flagpress.diagnostics import Problem
from flagpress.render.edition import Edition
from flagpress.render.folder import Folder
from flagpress.render.press.editions import Editions, PdfFile, render_editions
from flagpress.render.press.variants import VARIANTS

__all__ = ["VARIANTS", "Editions", "PdfFile", "PrintEditions", "render_editions"]


class PrintEditions:
    """The PDFs output: every configured edition of every public issue."""

    name = "pdf"
    alternate = None

    def render(self, edition: Edition, folder: Folder) -> list[Problem]:
        editions = render_editions(edition)
        published = {
            (d.variant, issue.slug): d.path for issue in edition.issues for d in issue.downloads
        }
        for pdf in editions.files:
            folder.place(published[(pdf.variant, pdf.issue)], pdf.path)
        return editions.problems
