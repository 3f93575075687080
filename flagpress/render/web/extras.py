"""Pages and issue-page sections that other parts of render hand the website.

The website does not know what the co-production report is (the report package may
not be imported by web): `render/__init__.py` hands `Website` functions that compute
`Extras` from the Edition, and the website renders them with its own templates,
theme and link helpers, like any other page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flagpress.render.edition import Edition


@dataclass(frozen=True)
class ExtraPage:
    src: str  # its MkDocs source name, e.g. co-production/report.md
    title: str
    template: str  # a web template, e.g. report.html
    description: str
    context: Mapping[str, Any]  # what the template shows


@dataclass(frozen=True)
class Extras:
    pages: tuple[ExtraPage, ...] = ()
    # By issue slug: what issue.html shows as `made` ("How this issue was made").
    issue_sections: Mapping[str, object] = field(default_factory=dict)


ExtraSource = Callable[[Edition], Extras]
