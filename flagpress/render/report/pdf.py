"""The report as a PDF for a funder's pack: one page a section, tagged for screen readers.

Made like every other PDF: from a print template (`templates/print/report.html`, which
a publication may replace) through the sandboxed WeasyPrint renderer, so it may read
only the templates and the packaged font.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from flagpress.diagnostics import Location, Problem
from flagpress.render.edition import Edition
from flagpress.render.press import fonts
from flagpress.render.press.editions import allowed_folders
from flagpress.render.press.jobs import RenderJob
from flagpress.render.report.charts import bar_chart
from flagpress.render.report.figures import Report, Table
from flagpress.render.report.writers import footnote
from flagpress.render.templates import Templates, find_file, long_date


def report_html(edition: Edition, report: Report) -> str:
    """The print HTML of `report`: a cover page, then a page for each table."""
    return Templates(edition.root, "print").render(
        "report.html",
        lang=edition.config.language,
        config=edition.config,
        report=report,
        today=long_date(edition.today),
        sections=[
            (table, bar_chart(report, table, f"chart-{table.id}"), _cells(report, table))
            for table in report.tables
        ],
        footnote=footnote(report.threshold),
        head_css=Markup(f"@page {{ size: {edition.config.print.paper}; }}\n")
        + Markup(fonts.font_face_css()),
        stylesheets=[find_file(edition.root, "print", "print.css").resolve().as_uri()],
    )


def render_pdf(edition: Edition, report: Report, output: Path) -> list[Problem]:
    """Write the report's PDF to `output` (nothing there if it fails)."""
    from flagpress.render.press.render import render  # WeasyPrint: only when asked

    job = RenderJob(
        html=report_html(edition, report),
        base_url=edition.root.resolve().as_uri() + "/",
        allowed=allowed_folders(edition.root),
        references={},
        fallback=Location("site_config.yml"),
        output=str(output),
        tagged=True,
    )
    return render(job).problems


def _cells(report: Report, table: Table) -> list[tuple[str, list[str]]]:
    """Each row's label and its figures as shown: what the table beside the chart says."""

    return [(row.label, [report.shown(c) for c in row.cells]) for row in table.rows]
