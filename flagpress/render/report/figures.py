"""The figures of the co-production report, as plain data, before anything is written.

A `Figure` is one count. Counts of articles by rung or stage say nothing about any
person and are always shown; counts that concern people (lived experience, roles,
sign-offs, who is named) may be hidden by `suppress`. A `Group` records that some
figures add up to another, shown elsewhere or not: that is what lets a reader work
a hidden figure out by subtraction, so suppression must look at the groups too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SMALL = "small"  # below the threshold
SECONDARY = "secondary"  # hidden so that a small one cannot be worked out


@dataclass(eq=False)
class Figure:
    """One count; `base` is what its percentage is of (None: no percentage)."""

    value: int
    people: bool = False  # about people: hidden when small
    base: int | None = None
    hidden: str | None = None  # SMALL or SECONDARY once suppressed

    @property
    def percent(self) -> int | None:
        """The share of `base`, rounded; None when hidden or there is no base."""
        if self.hidden or not self.base:
            return None
        return round(100 * self.value / self.base)


@dataclass(frozen=True)
class Group:
    """`parts` add up to `total` (a reader who knows all but one can find the last)."""

    parts: tuple[Figure, ...]
    total: Figure


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Figure, ...]


@dataclass(frozen=True)
class Table:
    """One metric: a tidy table of rows by columns."""

    id: str  # e.g. "ladder": the metric's name in CSV and JSON
    title: str
    description: str  # one sentence saying what is counted
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def cell(self, row: str, column: str) -> Figure:
        """The figure in row `row`, column `column` (by their labels)."""
        found = next(r for r in self.rows if r.label == row)
        return found.cells[self.columns.index(column)]


@dataclass
class Report:
    """Every table of the report for one scope, and how its figures add up."""

    scope: str  # what it covers, e.g. "the whole archive"
    threshold: int
    articles: int
    tables: list[Table] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def shown(self, figure: Figure) -> str:
        """A figure as readers see it: '5 (42%)', 'fewer than 3' or 'not shown'."""
        if figure.hidden == SMALL:
            return f"fewer than {self.threshold}"
        if figure.hidden == SECONDARY:
            return "not shown"
        percent = figure.percent
        return str(figure.value) if percent is None else f"{figure.value} ({percent}%)"
