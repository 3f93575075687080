"""Checks on footnotes: every `[^n]` in the text has its note, every note is used.

Python-Markdown prints a reference with no note as it is (`[^2]` in the middle of a
sentence) and quietly drops nothing else, so a renumbering slip would be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem
from flagpress.load.markdown_body import outside_code
from flagpress.model import Body

_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:")
_REFERENCE = re.compile(r"(?<!\\)\[\^(?P<label>[^\]\s]+)\](?!:)")
_CODE_SPAN = re.compile(r"(`+).+?\1")


def check_text(path: str, body: Body) -> Iterator[Problem]:
    notes: dict[str, Location] = {}
    used: dict[str, Location] = {}
    for offset, line in outside_code(body.source):
        line_no = body.first_line + offset
        definition = _DEFINITION.match(line)
        if definition is not None:
            col = len(line) - len(line.lstrip(" ")) + 1
            notes.setdefault(definition["label"], Location(path, line_no, col))
            line = line[definition.end() :]  # a note may refer to another note
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        start = definition.end() if definition is not None else 0
        for ref in _REFERENCE.finditer(text):
            used.setdefault(ref["label"], Location(path, line_no, start + ref.start() + 1))
    for label, loc in used.items():
        if label not in notes:
            yield loc.error(
                "missing-footnote",
                f"the footnote [^{label}] has no note, so it would be printed as it is; add a "
                f"line '[^{label}]: ...' at the end, or remove the reference",
            )
    for label, loc in notes.items():
        if label not in used:
            yield loc.warning(
                "unused-footnote",
                f"the note [^{label}] is never referred to; add [^{label}] where it belongs in "
                "the text, or delete the note",
            )
