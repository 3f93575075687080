"""Problems as people read them: grouped by file, then one line saying how many.

A volunteer fixing a publication works file by file, so problems are shown under a
heading naming each file, in line order, with a blank line between files. Each
problem line keeps the full `path:line:col: severity: message [code]` shape of
FORMAT.md: terminals (VS Code's among them) turn it into a link to the place, and
editors' tools and CI problem matchers read it unchanged.

Colour is a `Style` the caller chooses (see `terminal.wants_colour`): errors red,
warnings yellow, file names bold, and nothing at all when the text goes to a pipe
or a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from flagpress.diagnostics import Problem, Severity, printable

_RED, _YELLOW, _BOLD = "31", "33", "1"


@dataclass(frozen=True)
class Style:
    """How text is marked: ANSI colours on a terminal that wants them, else plain."""

    colour: bool = False

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def severity(self, severity: Severity) -> str:
        return self.paint(severity.value, _RED if severity is Severity.ERROR else _YELLOW)

    def file(self, path: str) -> str:
        return self.paint(path, _BOLD)


PLAIN = Style()


def problem_line(problem: Problem, style: Style = PLAIN) -> str:
    """One problem on one line; plain, it is exactly `Problem.format()`."""
    where = f"{printable(problem.path)}:{problem.line}:{problem.col}"
    message = printable(problem.message)
    return f"{where}: {style.severity(problem.severity)}: {message} [{problem.code}]"


def grouped(problems: Sequence[Problem], style: Style = PLAIN) -> list[str]:
    """Every problem under its file's heading, files in order, problems by line."""
    lines: list[str] = []
    for path, in_file in by_file(problems):
        if lines:
            lines.append("")
        lines.append(style.file(printable(path)))
        lines.extend(problem_line(p, style) for p in in_file)
    return lines


def by_file(problems: Sequence[Problem]) -> Iterator[tuple[str, list[Problem]]]:
    """(path, its problems by line and column), paths in order; each problem once."""
    ordered = sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p))
    for path, in_file in groupby(ordered, key=lambda p: p.path):
        yield path, list(in_file)


def counts(problems: Sequence[Problem]) -> tuple[int, int, int]:
    """(errors, warnings, files with a problem), each problem counted once."""
    unique = set(problems)
    errors = sum(p.severity is Severity.ERROR for p in unique)
    return errors, len(unique) - errors, len({p.path for p in unique})


def summary_line(problems: Sequence[Problem], checked: int | None = None) -> str:
    """'2 errors and 3 warnings in 4 files.', or 'No problems found in 37 files.'

    `checked` is how many files were read, when the command knows (check does).
    """
    if not problems:
        return "No problems found" + (f" in {plural(checked, 'file')}." if checked else ".")
    return f"{found(problems)}."


def found(problems: Sequence[Problem]) -> str:
    """'1 error and 2 warnings in 3 files', '2 warnings in 1 file'; '' for none."""
    errors, warnings, files = counts(problems)
    kinds = [plural(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    return f"{' and '.join(kinds)} in {plural(files, 'file')}" if kinds else ""


def plural(n: int, noun: str) -> str:
    """'1 file', '2 files', '0 files'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
