"""Every place a person appears, for `flagpress where ID`.

A data-protection request ("what do you hold about me?", "take me out") needs a
complete answer quickly: the registry entries, every credit, editor role and
sign-off, every image they are in, and every line of text that mentions their name
or a private detail, with the issues involved and how each channel shows them.
Private values are never printed, only which field matched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from flagpress.diagnostics import Location
from flagpress.model import Article, Contributor, Publication
from flagpress.naming import CHANNELS, may_be_named
from flagpress.publish.leak_scan import PRIVATE_FILE, Private, fold, secret_pattern


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
        found.extend(_credits(article, person_id, numbers.get(article.issue or "")))
    found.extend(_mentions(pub, private, person))
    return sorted(set(found))


def _channels(person: Contributor, today: dt.date) -> str:
    shown = [f"{c}: {'named' if may_be_named(person, c, today) else 'not named'}" for c in CHANNELS]
    return f"shown as {person.shown_as}; " + ", ".join(shown)


def _credits(article: Article, person_id: str, issue: int | None) -> Iterator[Place]:
    edition = f"issue {issue}" if issue is not None else "web only"
    where = f"'{article.title}' ({article.status}, {edition})"
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
    for index, shown in enumerate(image.people if image else ()):
        if shown == person_id:
            yield _at(image.written.item("people", index), f"in the image of {where}")


def _mentions(pub: Publication, private: Private, person: Contributor) -> Iterator[Place]:
    needles = [("their name", person.name)] if person.name else []
    needles += [(f"their private {k}", v) for k, v in private.get(person.id, {}).items()]
    patterns = [(label, secret_pattern(value)) for label, value in needles]
    patterns = [(label, p) for label, p in patterns if p is not None]
    bodies = [(a.source, a.body) for a in pub.all_articles()] + [
        (p.source, p.body) for p in pub.pages
    ]
    for source, body in bodies:
        for offset, line in enumerate(body.source.split("\n")):
            folded = fold(line)
            for label, pattern in patterns:
                match = pattern.search(folded)
                if match:
                    yield Place(
                        source, body.first_line + offset, match.start() + 1, f"mentions {label}"
                    )


def _at(loc: Location, what: str) -> Place:
    return Place(loc.path, loc.line, loc.col, what)
