"""The report as text for a terminal, CSV for spreadsheets and JSON for dashboards.

Hidden figures are never written as numbers in any form: their count and
percentage are empty (null in JSON) and a note says why.
"""

from __future__ import annotations

import csv
import io
import json

from flagpress.render.report.figures import Figure, Report

FORMATS = ("text", "csv", "json")
CSV_COLUMNS = ("metric", "row", "column", "count", "percent", "note")


def write(report: Report, form: str) -> str:
    """`report` in `form` (one of FORMATS)."""
    return {"text": text, "csv": as_csv, "json": as_json}[form](report)


def text(report: Report) -> str:
    """Aligned tables, one a metric, for reading on a terminal."""
    lines = [f"Co-production report: {report.scope}", f"{report.articles} articles", ""]
    for table in report.tables:
        lines += [table.title, table.description]
        width = max([len(r.label) for r in table.rows] + [0])
        for row in table.rows:
            cells = "; ".join(
                f"{column}: {report.shown(cell)}"
                for column, cell in zip(table.columns, row.cells, strict=True)
            )
            lines.append(f"  {row.label.ljust(width)}  {cells}")
        lines.append("")
    lines.append(footnote(report.threshold))
    return "\n".join(lines)


def as_csv(report: Report) -> str:
    """One tidy table: a line a figure, `metric` naming its table (filter on it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                count, percent, note = _plain(report, cell)
                writer.writerow((table.id, row.label, column, count, percent, note))
    return out.getvalue()


def as_json(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"


def as_data(report: Report) -> dict[str, object]:
    """The report as plain data: what the JSON holds."""
    return {
        "scope": report.scope,
        "articles": report.articles,
        "threshold": report.threshold,
        "metrics": [
            {
                "id": table.id,
                "title": table.title,
                "description": table.description,
                "columns": list(table.columns),
                "rows": [
                    {
                        "label": row.label,
                        "values": {
                            column: _value(report, cell)
                            for column, cell in zip(table.columns, row.cells, strict=True)
                        },
                    }
                    for row in table.rows
                ],
            }
            for table in report.tables
        ],
    }


def _value(report: Report, cell: Figure) -> dict[str, object]:
    count, percent, note = _plain(report, cell)
    return {
        "count": None if count == "" else count,
        "percent": None if percent == "" else percent,
        "hidden": cell.hidden,
        "note": note,
    }


def _plain(report: Report, cell: Figure) -> tuple[int | str, int | str, str]:
    """(count, percent, note), with '' where a value is hidden or has no percentage."""
    if cell.hidden:
        return "", "", report.shown(cell)
    percent = cell.percent
    return cell.value, "" if percent is None else percent, ""


def footnote(threshold: int) -> str:
    """What 'fewer than' and 'not shown' mean: said wherever the figures are shown."""
    return (
        f"Counts about people below {threshold} are shown as 'fewer than {threshold}', so "
        f"that no one can be picked out. 'Not shown' is a count of {threshold} or more, "
        "hidden so that a smaller one cannot be worked out by subtraction."
    )
