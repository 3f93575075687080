"""The report on the website: its own page, and a section on each issue's page.

Both show figures from one report of the whole archive, so the issue pages and the
report page can never be subtracted from each other to find a hidden figure: a figure
hidden on one is hidden on every page. Only the counts of articles by rung and
stage (which say nothing about people) are counted again for each issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from flagpress.render import urls
from flagpress.render.edition import Edition
from flagpress.render.report.charts import bar_chart
from flagpress.render.report.compute import build_report
from flagpress.render.report.figures import Report, Table
from flagpress.render.report.scope import Scope
from flagpress.render.report.writers import footnote
from flagpress.render.web.extras import ExtraPage, Extras

TITLE = "Co-production report"


@dataclass(frozen=True)
class Section:
    """One table of the report as the page shows it: a chart beside its table."""

    id: str
    title: str
    description: str
    chart: Markup
    row_header: str  # what the first column names: "Issue", or "What is counted"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # label, each figure as shown


@dataclass(frozen=True)
class IssueMade:
    """'How this issue was made': (what, figure as shown) pairs, no chart."""

    ladder: tuple[tuple[str, str], ...]
    stages: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, str], ...]  # people: from the whole archive's report
    footnote: str


def report_pages(edition: Edition) -> Extras:
    """The report page, and the section of every issue page."""
    report = build_report(edition, Scope())
    page = ExtraPage(
        urls.COPRODUCTION_REPORT,
        TITLE,
        "report.html",
        f"How {edition.config.title} was co-produced, in figures and charts",
        {
            "report": report,
            "sections": [section(report, t) for t in report.tables],
            "footnote": footnote(report.threshold),
        },
    )
    made = {issue.slug: _made(edition, report, issue.slug, issue.label) for issue in edition.issues}
    return Extras((page,), made)


def section(report: Report, table: Table) -> Section:
    per_issue = table.id in ("people", "trends")
    return Section(
        id=table.id,
        title=table.title,
        description=table.description,
        chart=bar_chart(report, table, f"chart-{table.id}"),
        row_header="Issue" if per_issue else "What is counted",
        columns=table.columns,
        rows=tuple((r.label, tuple(report.shown(c) for c in r.cells)) for r in table.rows),
    )


def _made(edition: Edition, archive: Report, slug: str, label: str) -> IssueMade:
    own = build_report(edition, Scope(slug))
    figures = []
    for table_id in ("trends", "people"):
        table = archive.table(table_id)
        row = next((r for r in table.rows if r.label == label), None)
        if row is not None:
            prefix = "People credited: " if table_id == "people" else ""
            figures += [
                (prefix + column.lower() if prefix else column, archive.shown(cell))
                for column, cell in zip(table.columns, row.cells, strict=True)
            ]
    return IssueMade(
        ladder=_pairs(own, own.table("ladder"), skip_zero=True),
        stages=_pairs(own, own.table("stages")),
        figures=tuple(figures),
        footnote=footnote(archive.threshold),
    )


def _pairs(report: Report, table: Table, skip_zero: bool = False) -> tuple[tuple[str, str], ...]:
    return tuple(
        (row.label, report.shown(row.cells[0]))
        for row in table.rows
        if not (skip_zero and row.cells[0].value == 0)
    )
