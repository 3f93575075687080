"""What a PDF job is and what it gives back: plain, picklable data for worker processes.

Kept apart from the renderer so that planning jobs and reading the cache do not
import WeasyPrint (half a second), which `flagpress check` never needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flagpress.diagnostics import Location, Problem


@dataclass(frozen=True)
class RenderJob:
    html: str
    base_url: str  # the publication folder, as a file: URI
    allowed: tuple[str, ...]  # folders the fetcher may read from
    references: dict[str, Location]  # file URI -> where an editor referred to it
    fallback: Location  # where to report problems no article explains (the issue.yml)
    output: str
    tagged: bool = False  # PDF/UA-1
    bleed_mm: int | None = None  # set the BleedBox this far outside the TrimBox
    check_resolution: bool = False


@dataclass
class RenderResult:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    fetched: list[str] = field(default_factory=list)  # every file read, for the cache
    reused: bool = False  # taken from the cache, not rendered in this run
