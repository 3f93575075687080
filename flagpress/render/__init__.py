"""Stage 3, render: one Edition into every output.

Every output has the same shape: it renders an Edition into a folder and returns
the problems it found. The pipeline runs `OUTPUTS` in order into one staging folder
(the PDFs first, so the website can offer them with their sizes). Adding an output
is one new module and one line here. Outputs never get a path to write into: the
`Folder` they are given (the publishing gate, from publish/) is the only way in.
"""

from __future__ import annotations

from typing import Protocol

from flagpress.diagnostics import Problem
from flagpress.render.edition import Alternate, Edition, build_edition
from flagpress.render.feed import AtomFeed
from flagpress.render.folder import Folder
from flagpress.render.press import PrintEditions
from flagpress.render.progress import Progress, quiet
from flagpress.render.report.web import report_pages
from flagpress.render.web import Website


class Output(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def alternate(self) -> Alternate | None:
        """Another form linked from every web page's head (a feed), if any."""

    def render(self, edition: Edition, folder: Folder, progress: Progress = quiet) -> list[Problem]:
        """Render into `folder`, telling `progress` how far it has got (never printing)."""


OUTPUTS: tuple[Output, ...] = (
    PrintEditions(),
    Website(extras=(report_pages,)),
    AtomFeed(),
)

ALTERNATES = tuple(o.alternate for o in OUTPUTS if o.alternate is not None)

__all__ = [
    "ALTERNATES",
    "OUTPUTS",
    "Edition",
    "Folder",
    "Output",
    "Progress",
    "build_edition",
    "quiet",
]
