"""Every place a person appears, for `flagpress where ID`.

A data-protection request ("what do you hold about me?", "take me out") needs a
complete answer quickly: the registry entries, every credit, editor role and
sign-off, every image they are in, and every field that mentions their name or a
private detail (titles, summaries, tags, content notes, alt text, file names and
bodies), with the issues involved and how each channel shows them. The matching is
the leak scan's (`flagpress.matching`), so what `where` reports is what a build
would stop on.

Private values are never printed, nor any sentence holding one: a mention is
reported by field and position only, an article title holding a private value is
withheld, and so is any folder or file name holding one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from flagpress.diagnostics import Location
from flagpress.load.private_file import PRIVATE_FILE, Private
from flagpress.matching import Matcher, fold_with_origins
from flagpress.model import Article, Contributor, Publication, Written
from flagpress.naming import CHANNELS, may_be_named
from flagpress.publish.secrets import Secret, person_needles

WITHHELD = "[name withheld]"


@dataclass(frozen=True, order=True)
class Place:
    path: str
    line: int
    col: int
    what: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.what}"


def places(pub: Publication, private: Private, person_id: str, today: dt.date) -> list[Place]:
    """Where `person_id` is recorded, credited or mentioned, in file and line order."""
    person = pub.contributors[person_id]
    anyone = Matcher(n for other in private for n in person_needles(pub, private, other))
    found = [_at(person.loc, f"registry entry: {_channels(person, today)}")]
    if person_id in private:
        fields = ", ".join(sorted(private[person_id]))
        found.append(Place(PRIVATE_FILE, 1, 1, f"private details held: {fields}"))
    for issue in pub.issues:
        for index, editor in enumerate(issue.editors):
            if editor == person_id:
                at = issue.written.item("editors", index)
                found.append(_at(at, f"editor of issue {issue.number}"))
    numbers = {issue.slug: issue.number for issue in pub.issues}
    for article in pub.all_articles():
        title = _title(article.title, anyone)
        found.extend(_credits(article, title, person_id, numbers.get(article.issue or "")))
    found.extend(_mentions(pub, Matcher(person_needles(pub, private, person_id))))
    return sorted({replace(p, path=_redacted(p.path, anyone)) for p in found})


def _channels(person: Contributor, today: dt.date) -> str:
    shown = [f"{c}: {'named' if may_be_named(person, c, today) else 'not named'}" for c in CHANNELS]
    return f"shown as {person.shown_as}; " + ", ".join(shown)


def _title(title: str, anyone: Matcher) -> str:
    """The title to print, or a neutral phrase when it holds someone's private details."""
    return "(title withheld: it holds private details)" if anyone.keys_in(title) else f"'{title}'"


def _credits(article: Article, title: str, person_id: str, issue: int | None) -> Iterator[Place]:
    edition = f"issue {issue}" if issue is not None else "web only"
    where = f"{title} ({article.status}, {edition})"
    for index, author in enumerate(article.authors):
        if author == person_id:
            yield _at(article.written.item("authors", index), f"author of {where}")
    for credit in article.credits:
        if credit.id == person_id:
            yield _at(credit.loc, f"credited as {credit.role} on {where}")
    for sign_off in article.sign_off:
        if sign_off.by == person_id:
            yield _at(sign_off.loc, f"signed off {where} on {sign_off.on}")
    image = article.image
    if image is None:
        return
    for index, shown in enumerate(image.people):
        if shown == person_id:
            yield _at(image.written.item("people", index), f"in the image of {where}")


def _mentions(pub: Publication, matcher: Matcher) -> Iterator[Place]:
    """Every field of every article, page and issue that holds one of the needles."""
    for article in pub.all_articles():
        fields = {
            "title": article.title,
            "summary": article.summary,
            "tags": "\n".join(article.tags),
            "content note": article.content_note,
        }
        yield from _fields(article.source, article.written, fields, matcher)
        if article.image is not None:
            for label in _labels(matcher, article.image.alt):
                yield _at(article.image.loc, f"its image's alt text mentions {label}")
        yield from _body(article.source, article.body.source, article.body.first_line, matcher)
    for page in pub.pages:
        yield from _fields(page.source, page.written, {"title": page.title}, matcher)
        yield from _body(page.source, page.body.source, page.body.first_line, matcher)
    for issue in pub.issues:
        yield from _fields(issue.source, issue.written, {"title": issue.title}, matcher)


def _fields(
    source: str, written: Written, fields: dict[str, str], matcher: Matcher
) -> Iterator[Place]:
    for label in _labels(matcher, source):
        yield Place(source, 1, 1, f"its file or folder name mentions {label}")
    for field, text in fields.items():
        key = field.replace(" ", "_")
        for label in _labels(matcher, text):
            verb = "mention" if field.endswith("s") else "mentions"
            yield _at(written.key(key), f"its {field} {verb} {label}")


def _body(source: str, text: str, first_line: int, matcher: Matcher) -> Iterator[Place]:
    """Mentions in a body, at the line and column where each starts (even across lines)."""
    folded, origins = fold_with_origins(text)
    breaks = [i for i, char in enumerate(text) if char == "\n"]
    for match in matcher.search(folded):
        index = origins[match.start]
        line = bisect_right(breaks, index)
        col = index - (breaks[line - 1] + 1 if line else 0) + 1
        yield Place(source, first_line + line, col, f"mentions {_label(match.key)}")


def _labels(matcher: Matcher, text: str) -> list[str]:
    return sorted({_label(key) for key in matcher.keys_in(text)})


def _label(key: object) -> str:
    assert isinstance(key, Secret)
    return "their name" if key.what == "name" else f"their private {key.what}"


def _redacted(path: str, anyone: Matcher) -> str:
    """`path` with every folder or file name holding a private value withheld."""
    parts = [WITHHELD if anyone.keys_in(part) else part for part in PurePosixPath(path).parts]
    return str(PurePosixPath(*parts)) if parts else path


def _at(loc: Location, what: str) -> Place:
    return Place(loc.path, loc.line, loc.col, what)
