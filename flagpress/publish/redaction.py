"""Diagnostics never carry a private value, whatever text they quote.

Some checks quote what an editor wrote (a long sentence, a snippet of HTML, a file
name), and diagnostics end up in terminals and CI logs, which are not private. Before
any problem is shown, every private detail in its message or path (found the way the
leak scan finds them: any case, spacing, accents, look-alike letters or invisible
characters) is replaced by a plain marker.
"""

from __future__ import annotations

from dataclasses import replace

from flagpress.diagnostics import Problem
from flagpress.load.private_file import Private
from flagpress.matching import Matcher, fold_with_origins
from flagpress.model import Publication
from flagpress.publish.secrets import private_needles

WITHHELD = "[private detail withheld]"


def redact(problems: list[Problem], pub: Publication | None, private: Private) -> list[Problem]:
    """`problems` with every private value in a message or path replaced by WITHHELD."""
    if not private or not problems:
        return problems
    matcher = Matcher(private_needles(pub, private))
    return [
        replace(p, message=_redacted(p.message, matcher), path=_redacted(p.path, matcher))
        for p in problems
    ]


def _redacted(text: str, matcher: Matcher) -> str:
    folded, origins = fold_with_origins(text)
    spans = sorted((origins[m.start], origins[m.end - 1] + 1) for m in matcher.search(folded))
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        if start < last:  # overlapping finds: one marker covers both
            continue
        out += [text[last:start], WITHHELD]
        last = end
    return "".join(out + [text[last:]])
