"""Where and how every command prints the problems it found.

One place decides, for check, build, pdf, report and status alike: the format
(`text` for people, `json` for tools, `github` for GitHub Actions, chosen by
`--format` or, on GitHub, by `GITHUB_ACTIONS=true`), which stream each line goes to,
and whether it may be coloured. It returns `Line`s; the CLI only echoes them.

Streams: in text, problems go to stderr, as tools expect, and so does the summary,
except for `check`, whose summary is its result (stdout). In JSON, the document is
the only thing on stdout. Annotations go to stdout, where GitHub reads workflow
commands. Every line here is already safe to print (control characters escaped).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flagpress.commands.check_paths import is_wanted
from flagpress.commands.problem_formats import github_annotations, json_document
from flagpress.commands.problem_text import Style, grouped, summary_line
from flagpress.diagnostics import Problem
from flagpress.load.layout import CONFIG_FILE

FORMATS = ("text", "json", "github")
NOT_CHANGED = "The live site was not changed."
CONTENT_DIR = "content"
_TEXT = {".md", ".yml", ".yaml"}
NO_SITE_YET = "Nothing was published: there is no live site yet."


def chosen_format(given: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """`--format` if given; else annotations on GitHub Actions, text everywhere else."""
    if given:
        return given
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


@dataclass(frozen=True)
class Line:
    """One line to print, and where: stderr (`err`) or stdout, coloured or not."""

    text: str
    err: bool = False
    colour: bool = False


@dataclass(frozen=True)
class ProblemOutput:
    """How this run prints problems: its format, and which streams want colour."""

    form: str
    root: Path
    colour_out: bool = False
    colour_err: bool = False

    def lines(
        self,
        command: str,
        problems: Sequence[Problem],
        checked: int | None = None,
        result: Mapping[str, Any] | None = None,
    ) -> list[Line]:
        """Everything to print about `problems` (nothing in text when there are none,
        except check's summary). `result` is what the command did, for JSON only."""
        if self.form == "json":
            return [Line(json_document(command, problems, checked, result))]
        result_line = command == "check"
        summary = summary_line(problems, checked)
        if self.form == "github":
            lines = [Line(a) for a in github_annotations(problems, self.root)]
            return lines + ([Line(summary)] if problems or result_line else [])
        style = Style(self.colour_err)
        lines = [Line(text, err=True, colour=self.colour_err) for text in grouped(problems, style)]
        if not problems and not result_line:
            return lines
        lines += [Line("", err=True)] if problems else []
        return lines + [Line(summary, err=not result_line)]

    def failed_build(self, output: Path) -> list[Line]:
        """After a build that stopped: the live site is as it was (the switch never ran)."""
        if self.form == "json":
            return []  # said in the document's result
        return [Line(NOT_CHANGED if live_site_exists(output) else NO_SITE_YET, err=True)]


def live_site_exists(output: Path) -> bool:
    """Whether there is a live site at `output` (the release link, or a folder)."""
    return output.is_symlink() or output.exists()


def files_checked(root: Path, wanted: list[str] | None) -> int:
    """How many of the files `check` reads are among `wanted` (all when None): the
    settings, and every Markdown and YAML file under content/ (each one is read, or
    reported as a file that should not be there)."""
    content = root / CONTENT_DIR
    found = [p for p in content.rglob("*") if p.suffix in _TEXT and p.is_file()]
    paths = [CONFIG_FILE] + [p.relative_to(root).as_posix() for p in found]
    return sum(1 for path in paths if is_wanted(path, wanted))
