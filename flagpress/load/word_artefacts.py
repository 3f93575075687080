"""Characters a word processor adds that editors cannot see, named as such.

Details are often written in Word or pasted from it. Word turns straight quotes into
curly ones, puts non-breaking spaces after some words, pastes zero-width characters
and makes list items start with a dash. In the details at the top of a file these
either break them with a puzzling message ("a ':' here was not expected" when the
editor did put quotes round the title) or are published as they are. Each is found
before the details are read, and named with the fix.
"""

from __future__ import annotations

import re

from flagpress.diagnostics import Location, Problem

_INVISIBLE = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
    "\u00ad": "a soft hyphen",
}
_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
}
_DASHES = {"\u2013": "an en dash (\u2013)", "\u2014": "an em dash (\u2014)", "\u2022": "a bullet"}
_ODD = re.compile(f"[{''.join(_INVISIBLE)}{''.join(_SPACES)}]")
_BULLET = re.compile(f"^[ ]*([{''.join(_DASHES)}])[ ]")
# A value that starts with a curly quote (after 'key:', '- ', '[', '{' or ',') and ends
# with one: the editor meant to quote it, and Word curled the quotes.
_CURLY = re.compile(
    r"(?:^|[:\[{,]|^[ ]*-)[ ]*(?P<quote>[\u201c\u2018\u201e\u201a])"
    r".*?[\u201d\u2019\u201c\u2018][ ]*(?=$|[,\]}]|[ ]#)"
)


def word_artefacts(text: str, path: str, offset: int) -> list[Problem]:
    """At most one problem per line of `text` (YAML starting at file line offset + 1)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=offset + 1):
        if line.lstrip().startswith("#"):
            continue  # a comment is never published and cannot break anything
        problem = _in_line(line, Location(path, number))
        if problem is not None:
            problems.append(problem)
    return problems


def _in_line(line: str, at: Location) -> Problem | None:
    bullet = _BULLET.match(line)
    if bullet:
        return _at(at, bullet.start(1)).error(
            "word-bullet",
            f"this list item starts with {_DASHES[bullet.group(1)]}, which Word adds to "
            "lists; type a hyphen '-' instead",
        )
    curly = _CURLY.search(line)
    if curly:
        return _at(at, curly.start("quote")).error(
            "word-quotes",
            "this value is wrapped in curly quotes, which Word adds; type straight quotes "
            "' or \" instead",
        )
    odd = _ODD.search(line)
    if odd is None:
        return None
    char = odd.group()
    if char in _SPACES:
        return _at(at, odd.start()).error(
            "word-space",
            f"this line contains {_SPACES[char]}, which Word adds; delete it and type an "
            "ordinary space",
        )
    return _at(at, odd.start()).error(
        "invisible-character",
        f"this line contains {_INVISIBLE[char]} (U+{ord(char):04X}), an invisible character "
        "that Word and web pages add; delete it",
    )


def _at(at: Location, index: int) -> Location:
    return Location(at.path, at.line, index + 1)
