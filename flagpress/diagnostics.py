"""Problems found in a publication, and how editors see them.

Every check in flagpress reports a `Problem` rather than raising, so that one run
shows an editor everything that needs fixing, in the `path:line:col: severity:
message [code]` shape that editors' tools (and people) already understand.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: where, what, and what to do about it."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str
    # The contributor id a problem is about, if any (never a name): lets code act on
    # the problem (e.g. delete an old release that names them) without parsing words.
    about: str = field(default="", compare=False)

    def format(self) -> str:
        """Render as `path:line:col: error|warning: message [code]`, always on one line.

        Messages quote editors' text; a line break or control character in it must not
        split a diagnostic (tools read one per line) or drive the terminal.
        """
        where = f"{printable(self.path)}:{self.line}:{self.col}"
        return f"{where}: {self.severity.value}: {printable(self.message)} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; lines and columns count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __reduce__(self) -> tuple[type, tuple[str, int, int]]:
        """Pickled as its three values: a slotted data class's own state functions run
        in Python for each of the tens of thousands a cache holds."""
        return (Location, (self.path, self.line, self.col))

    def error(self, code: str, message: str, about: str = "") -> Problem:
        return Problem(self.path, self.line, self.col, Severity.ERROR, message, code, about)

    def warning(self, code: str, message: str) -> Problem:
        return Problem(self.path, self.line, self.col, Severity.WARNING, message, code)


# Control characters (C0, DEL, C1), invisible line breaks, and the bidirectional
# controls that can make a terminal show text in another order than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: every control character shown as an escape.

    Titles, ids and paths come from editors' files and the command line; an ESC in one
    could recolour, retitle or rewrite the terminal, a line break could forge another
    diagnostic. ESC is shown as `\\x1b`, U+2028 as `\\u2028`, so the reader still sees
    that something is there. Idempotent: what it returns holds no control character.
    """
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class UsageError(Exception):
    """The command was used wrongly (exit code 2): a folder that is not a publication,
    an output flagpress must not write, an unknown issue or person. The message says
    what to do; the CLI catches this one type, once."""


class ContentError(Exception):
    """Raised when content cannot be read any further; carries the problems found so far."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """True when the build must stop: any error, or any warning under --strict."""
    return any(p.severity is Severity.ERROR or strict for p in problems)


def summary(problems: list[Problem]) -> str:
    """One closing line such as '2 errors, 1 warning'."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
