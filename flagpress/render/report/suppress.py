"""Small numbers are hidden, and so is whatever would give them away.

Primary suppression hides every count about people below the threshold (zero
included: "0 articles by people without lived experience" says something about
every author). Secondary suppression then looks at each group of figures that add
up: if exactly one of them is hidden, anyone could subtract to find it, so the
smallest other figure that may be hidden is hidden too. Groups share figures (a
total of one is a part of another), so this repeats until nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from flagpress.render.report.figures import SECONDARY, SMALL, Figure, Group, Report


def suppress(report: Report) -> Report:
    """Hide the small figures of `report` and those that would reveal them (in place)."""
    for figure in _figures(report):
        if figure.people and figure.value < report.threshold:
            figure.hidden = SMALL
    changed = True
    while changed:
        changed = any([_protect(group) for group in report.groups])
    return report


def _protect(group: Group) -> bool:
    """Hide one more figure of `group` if exactly one is hidden; True if it did."""
    members = [*group.parts, group.total]
    if sum(m.hidden is not None for m in members) != 1:
        return False
    candidates = [m for m in members if m.hidden is None and m.people]
    if not candidates:
        return False  # groups are built with two parts about people at least
    min(candidates, key=lambda m: m.value).hidden = SECONDARY
    return True


def _figures(report: Report) -> Iterable[Figure]:
    for table in report.tables:
        for row in table.rows:
            yield from row.cells
