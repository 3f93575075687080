"""Suggesting the right contributor id for what an editor typed: an id or a name.

Volunteers often write the person (`authors: [Wren, Priya Mistry]`) where an id is
expected. Matching what they typed against the names people chose in
contributors.yml gives the id they meant. Only ids are ever printed: a name shown in
a diagnostic could reach someone the person has not agreed to be named to (CI logs,
a shared screen), and what the editor typed is redacted by the pipeline if private.

An id given to two entries (a copy-and-paste slip) is never suggested without saying
so, or the article would be credited to the wrong person.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from flagpress.model import Contributor

CONTRIBUTORS_FILE = "content/contributors.yml"
_NAME = re.compile(r"^[^\W\d_][\w .'\u2019-]*$")
_PEOPLE: ContextVar[Sequence[Contributor]] = ContextVar("people", default=())
_PEOPLE_KEY: ContextVar[str] = ContextVar("people_key", default="[]")


@contextmanager
def known_people(entries: Sequence[Contributor]) -> Iterator[None]:
    """While reading articles and issues, ids that are names are matched to `entries`
    (every entry of contributors.yml, those with a duplicated id included)."""
    token = _PEOPLE.set(entries)
    key = _PEOPLE_KEY.set(repr([(p.id, p.name, p.loc.line) for p in entries]))
    try:
        yield
    finally:
        _PEOPLE_KEY.reset(key)
        _PEOPLE.reset(token)


def people_key() -> str:
    """What the suggestions made while reading depend on (ids, names, lines), for the
    load cache: an article read with other people known may be told other ids."""
    return _PEOPLE_KEY.get()  # made once per load, asked once per file


def name_instead_of_id(written: str) -> str | None:
    """'x is a name, not an id; did you mean ...' when `written` is a known person's name."""
    entries = _PEOPLE.get()
    if not entries or not _NAME.match(written):
        return None
    folded = _fold(written)
    names = {_fold(p.name): p.id for p in entries if p.name}
    match = names.get(folded) or _closest(folded, names)
    if match is None:
        return None
    return f"'{written}' is a name, not an id; did you mean '{match}'?{taken(match, entries)}"


def did_you_mean_id(written: str, entries: Sequence[Contributor]) -> str:
    """A ' (did you mean 'x'?)' suffix for an unknown id, warning when x is taken twice."""
    ids = list(dict.fromkeys(p.id for p in entries))
    matches = difflib.get_close_matches(written, ids, n=1, cutoff=0.6)
    if not matches:
        return ""
    return f" (did you mean '{matches[0]}'?{taken(matches[0], entries)})"


def taken(person_id: str, entries: Iterable[Contributor]) -> str:
    """' Careful: ...' when `person_id` belongs to more than one entry, else ''."""
    lines = [p.loc.line for p in entries if p.id == person_id]
    if len(lines) < 2:
        return ""
    shown = ", ".join(str(n) for n in lines[:-1]) + f" and {lines[-1]}"
    return (
        f" Careful: that id is given to {len(lines)} people in {CONTRIBUTORS_FILE}, on lines "
        f"{shown}; give each their own id first"
    )


def _closest(folded: str, names: dict[str, str]) -> str | None:
    found = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.6)
    return names[found[0]] if found else None


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("\u2019", "'").split())
