"""Bar charts of the report's tables, drawn as SVG when the site is built.

No JavaScript and nothing fetched: each chart is markup in the page (and in the
PDF). For people who cannot see it, the SVG has a title and a description giving
every figure, and the page puts the same figures in a table beside it. Its words
are real text at a readable size; each series has a pattern as well as a colour,
and every bar a dark outline, so the chart reads in greyscale and for people who
do not see colours apart. Hidden figures get no bar, only their words.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from flagpress.render.report.figures import Figure, Report, Table

INK = "#1d2a5b"  # navy: text, outlines and the first series
ACCENT = "#ffd23f"  # yellow
WIDTH, LABELS, BAR_AREA = 640, 230, 280
FONT = 16  # px: the size of body text on the website
BAR, GAP, TOP, LINE = 24, 14, 12, 20
LABEL_CHARACTERS = 24  # what fits in LABELS at FONT


@dataclass(frozen=True)
class Style:
    name: str  # said in the legend and the description, e.g. "striped"
    defs: str  # the pattern, with {id} for its id
    fill: str  # with {id}


STYLES = (
    Style("solid", "", INK),
    Style(
        "striped",
        '<pattern id="{id}" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="' + ACCENT + '"/>'
        '<rect width="3" height="8" fill="' + INK + '"/></pattern>',
        "url(#{id})",
    ),
    Style(
        "dotted",
        '<pattern id="{id}" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#ffffff"/>'
        '<circle cx="4" cy="4" r="2" fill="' + INK + '"/></pattern>',
        "url(#{id})",
    ),
    Style(
        "checked",
        '<pattern id="{id}" width="10" height="10" patternUnits="userSpaceOnUse">'
        '<rect width="10" height="10" fill="' + ACCENT + '"/>'
        '<rect width="5" height="5" fill="' + INK + '"/>'
        '<rect x="5" y="5" width="5" height="5" fill="' + INK + '"/></pattern>',
        "url(#{id})",
    ),
)


def bar_chart(report: Report, table: Table, chart_id: str) -> Markup:
    """`table` as a horizontal bar chart; `chart_id` keeps its ids unique in the page."""
    series = list(table.columns)
    legend = _legend(series, chart_id) if len(series) > 1 else ([], 0)
    lines, y = legend[0], TOP + legend[1]
    top = max([c.value for r in table.rows for c in r.cells if not c.hidden] + [1])
    for row in table.rows:
        label = _wrap(row.label)
        lines.append(_label(8, y + BAR - 6, label))
        start = y
        for index, cell in enumerate(row.cells):
            lines += _bar(report, cell, index, chart_id, y, top)
            y += BAR + 4
        y = max(y, start + LINE * len(label)) + GAP
    height = y + TOP
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    defs = "".join(
        s.defs.format(id=f"{chart_id}-{s.name}") for s in STYLES[: len(series)] if s.defs
    )
    return Markup(
        f'<svg class="fp-chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Atkinson Hyperlegible, sans-serif" '
        f'font-size="{FONT}">'
        f'<title id="{title_id}">{escape(table.title)}</title>'
        f'<desc id="{desc_id}">{escape(describe(report, table))}</desc>'
        f"<defs>{defs}</defs>"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(lines) + "</svg>"
    )


def describe(report: Report, table: Table) -> str:
    """Every figure of the chart in words: its description for screen readers."""
    styles = [s.name for s in STYLES]
    keys = (
        "; ".join(f"{c} ({styles[i]} bars)" for i, c in enumerate(table.columns))
        if len(table.columns) > 1
        else table.columns[0]
    )
    rows = ". ".join(
        f"{row.label}: "
        + ", ".join(
            f"{report.shown(cell)}" if len(table.columns) == 1 else f"{c} {report.shown(cell)}"
            for c, cell in zip(table.columns, row.cells, strict=True)
        )
        for row in table.rows
    )
    return f"Bar chart of {keys}. {table.description} {rows}."


def _legend(series: list[str], chart_id: str) -> tuple[list[str], int]:
    lines = []
    y = TOP
    for index, name in enumerate(series):
        lines.append(
            f'<rect x="8" y="{y}" width="{BAR}" height="{BAR - 6}" '
            f'fill="{_fill(index, chart_id)}" stroke="{INK}" stroke-width="1.5"/>'
        )
        lines.append(_text(8 + BAR + 8, y + BAR - 9, name))
        y += BAR + 2
    return lines, y - TOP + GAP


def _fill(index: int, chart_id: str) -> str:
    style = STYLES[index % len(STYLES)]
    return style.fill.format(id=f"{chart_id}-{style.name}")


def _bar(report: Report, cell: Figure, index: int, chart_id: str, y: int, top: int) -> list[str]:
    """One figure: its bar and its words, or only its words if it is hidden."""
    shown = report.shown(cell)
    if cell.hidden:
        return [_text(LABELS, y + BAR - 6, shown, italic=True)]
    width = max(2, round(BAR_AREA * cell.value / top)) if cell.value else 0
    bar = (
        f'<rect x="{LABELS}" y="{y}" width="{width}" height="{BAR}" '
        f'fill="{_fill(index, chart_id)}" stroke="{INK}" stroke-width="1.5"/>'
    )
    return ([bar] if width else []) + [_text(LABELS + width + 8, y + BAR - 6, shown)]


def _wrap(label: str) -> list[str]:
    """A row's label in lines that fit beside the bars (words are never cut)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARACTERS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(x: int, y: int, lines: list[str]) -> str:
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" fill="{INK}">{spans}</text>'


def _text(x: int, y: int, words: str, italic: bool = False) -> str:
    """Real text in the SVG, at the chart's readable size."""
    style = ' font-style="italic"' if italic else ""
    return f'<text x="{x}" y="{y}" fill="{INK}"{style}>{escape(words)}</text>'
