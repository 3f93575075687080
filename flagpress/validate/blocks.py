"""Checks on `/// name` blocks (pull quotes, captions, notes) as the editor wrote them.

Python-Markdown forgives these silently: a block that is never closed takes the rest
of the article into the quote or caption, and a block with a misspelt name, or a
closing `///` with nothing to close, is printed as it is, slashes and all. Both would
be published without a word, so each is reported at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from flagpress.diagnostics import Location, Problem, did_you_mean
from flagpress.load.markdown_body import block_names, outside_code
from flagpress.model import Body

# `/// pull-quote`, `/// note | A title`, `//// caption` (more slashes nest), `///`.
_FENCE = re.compile(r"^[ \t]*(?P<slashes>/{3,})[ \t]*(?P<name>[^\s|]*)[ \t]*(?:\|.*)?$")
# The ones editors are told about (README); the others work but are not suggested.
_EDITORS = ("pull-quote", "caption", "note")


@dataclass(frozen=True)
class _Opened:
    slashes: str
    name: str
    loc: Location


def check_text(path: str, body: Body) -> Iterator[Problem]:
    known = block_names()
    stack: list[_Opened] = []
    unclosed: list[_Opened] = []
    for offset, line in outside_code(body.source):
        fence = _FENCE.match(line)
        if fence is None:
            continue
        slashes, name = fence["slashes"], fence["name"]
        loc = Location(path, body.first_line + offset, fence.start("slashes") + 1)
        if name:
            stack.append(_Opened(slashes, name, loc))
            if name not in known:
                yield loc.error("unknown-block", _unknown(name, known))
        elif any(opened.slashes == slashes for opened in stack):
            while (inner := stack.pop()).slashes != slashes:
                unclosed.append(inner)  # left open inside the block just closed
        else:
            yield loc.error(
                "stray-block-end",
                f"this '{slashes}' line closes no block, so it would be printed as it is; "
                "delete it, or start the block above it with e.g. '/// pull-quote'",
            )
    for opened in unclosed + stack:
        yield opened.loc.error(
            "unclosed-block",
            f"this '{opened.slashes} {opened.name}' block is never closed, so it would take in "
            f"the rest of the text; add a line '{opened.slashes}' where it ends",
        )


def _unknown(name: str, known: tuple[str, ...]) -> str:
    hint = did_you_mean(name, known).strip(" ()")
    fix = hint if hint else f"use one of: {', '.join(_EDITORS)}"
    return f"there is no block called '{name}', so it would be printed as it is; {fix}"
