"""`check` and `build` that know nothing changed since the last run.

Editors run `flagpress check` again and again, often with nothing changed in between;
on a 1,000-article archive even a check whose files are all in the load cache takes a
second, and a build that changes nothing re-renders the whole website. So each run
remembers, under the digest of everything its result depends on (load/inputs.py),
what it printed. When the digest is the same the next time:

- `check` prints exactly what the last one printed (the same problems in the same
  order, the same exit code, in whichever --format is asked for now), without
  loading anything;
- `build` says so and does nothing, if the live website (and the printer's folder)
  is still exactly the release that build switched in (publish/intact.py).

Anything unusual takes the normal path: no digest (a linked folder, an unreadable
file), no record or a damaged one, a website changed by hand, a run whose inputs
changed while it ran (then nothing is remembered). This module imports nothing heavy:
the normal path is passed in as `run`, so the pipeline is imported only when needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from flagpress.commands import run_records as records
from flagpress.diagnostics import Problem
from flagpress.load.inputs import inputs_digest
from flagpress.publish import intact

NOTHING_CHANGED = "Nothing changed since the last build; the website is as it was."
_COUNTS = ("pages", "pdfs", "for_the_printer")


@dataclass(frozen=True)
class Checked:
    """What `check` shows: the problems of the paths asked for, and the reading-ease
    lines (only with --readability)."""

    problems: list[Problem]
    reading: list[str] = field(default_factory=list)


def check(
    root: Path, today: dt.date, options: Mapping[str, object], run: Callable[[], Checked]
) -> Checked:
    """What `run()` finds, or what the last check found if nothing changed since."""
    options = {"command": "check", **options}
    digest = inputs_digest(root, today, options)
    record = records.read(root, "check", digest)
    if record is not None:
        problems = records.problems_from_json(record.get("problems"))
        reading = records.strings(record.get("reading"))
        if problems is not None and reading is not None:
            return Checked(problems, reading)
    found = run()
    if digest is not None and inputs_digest(root, today, options) == digest:
        fields = {"problems": records.problems_to_json(found.problems), "reading": found.reading}
        records.write(root, "check", digest, fields)
    return found


class Made(Protocol):
    """What the pipeline's build tells (pipeline.Outcome)."""

    problems: list[Problem]
    built: bool
    pages: int
    pdfs: int
    for_the_printer: int


@dataclass
class Unchanged:
    """A build that found nothing to do: the last build's problems (warnings only) and
    counts, for printing as a build's are; nothing was built, the live site is as it was."""

    problems: list[Problem]
    pages: int
    pdfs: int
    for_the_printer: int
    built: bool = False
    unchanged: bool = True
    notes: list[str] = field(default_factory=list)


M = TypeVar("M", bound=Made)


def build(
    root: Path,
    links: tuple[Path, Path],
    today: dt.date,
    options: Mapping[str, object],
    run: Callable[[], M],
) -> M | Unchanged:
    """What `run()` builds, or Unchanged if nothing changed since the build that made
    the live website and both `links` (the website's and the printer's folder) are
    still the releases it left."""
    options = {"command": "build", "output": str(links[0].absolute()), **options}
    digest = inputs_digest(root, today, options)
    remembered = _unchanged(records.read(root, "build", digest), links)
    if remembered is not None:
        return remembered
    made = run()
    if made.built and digest is not None and inputs_digest(root, today, options) == digest:
        states = [intact.state(link) for link in links]
        fields = {name: getattr(made, name) for name in _COUNTS}
        fields |= {"problems": records.problems_to_json(made.problems), "states": states}
        if None not in states:
            records.write(root, "build", digest, fields)
    return made


def _unchanged(record: dict[str, object] | None, links: tuple[Path, Path]) -> Unchanged | None:
    """The last build's word, if it applies: its releases are live and untouched."""
    if record is None:
        return None
    states = records.strings(record.get("states"))
    if states is None or states != [intact.state(link) for link in links]:
        return None
    problems = records.problems_from_json(record.get("problems"))
    counts = records.counts(record, _COUNTS)
    if problems is None or counts is None:
        return None
    return Unchanged(problems, counts["pages"], counts["pdfs"], counts["for_the_printer"])
