"""What a PDF job is and what it gives back: plain, picklable data for worker processes.

Kept apart from the renderer so that planning jobs and reading the cache do not
import WeasyPrint (half a second), which `flagpress check` never needs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from flagpress.diagnostics import Location, Problem

# Processor time one PDF may take. The sample's PDFs take about a second each; an SVG
# of nested <use> references would take forever. FLAGPRESS_PDF_CPU_SECONDS overrides it
# for publications with very long issues.
DEFAULT_CPU_SECONDS = 120.0
CPU_SECONDS_VARIABLE = "FLAGPRESS_PDF_CPU_SECONDS"


def cpu_seconds_allowed() -> float:
    """The limit per PDF: FLAGPRESS_PDF_CPU_SECONDS if it is a positive number, else 120."""
    try:
        seconds = float(os.environ.get(CPU_SECONDS_VARIABLE, ""))
    except ValueError:
        return DEFAULT_CPU_SECONDS
    return seconds if 0 < seconds < float("inf") else DEFAULT_CPU_SECONDS


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
    # The printer's edition: True pads it to a multiple of 4 pages, False only warns;
    # None for the other editions, which are read on screen or printed at home.
    pad_to_4: bool | None = None
    output_intent: str | None = None  # "srgb": WeasyPrint embeds the sRGB profile as one
    clean_svgs: tuple[str, ...] = ()  # file URIs served through the SVG cleaner (the masthead)


@dataclass
class RenderResult:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    fetched: list[str] = field(default_factory=list)  # every file read, for the cache
    reused: bool = False  # taken from the cache, not rendered in this run
