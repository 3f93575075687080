"""`flagpress status`: what is waiting for someone, in plain words.

An editor preparing an issue asks "what is left to do?": which articles are still
drafts or in review, who has yet to sign off (and the command to record it), what is
held back until a date, whose consent must be confirmed soon, and who has withdrawn.
Each item is one line naming its file, like a diagnostic, so editors can jump to it.

Nothing private is ever printed: every line goes through the same redaction as the
diagnostics (a title or file name holding a private detail is shown with a marker).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from flagpress.commands import changes
from flagpress.diagnostics import Location, Problem, Severity
from flagpress.load.private_file import Private
from flagpress.model import Article, Contributor, Publication
from flagpress.publish.redaction import redact
from flagpress.sign_off import article_hash, is_current_form, is_legacy, needs_sign_off

REVIEW_WINDOW = dt.timedelta(days=60)  # consent reviews due this soon are listed
_STATUS_WORDS = {"draft": "is a draft", "review": "is in review", "ready": "is ready"}


@dataclass(frozen=True)
class Item:
    """One thing waiting, at the place in a file where it is written."""

    at: Location
    text: str

    def format(self) -> str:
        return f"{self.at.path}:{self.at.line}:{self.at.col}: {self.text}"


@dataclass
class Section:
    heading: str
    items: list[Item] = field(default_factory=list)


def status(
    pub: Publication, private: Private, today: dt.date, before: changes.Before
) -> list[Section]:
    """Every group that has something waiting, in the order editors work through them.

    `before` finds what an article looked like when someone last approved it, when
    that can be known, so that a voided sign-off can show what changed.
    """
    sections = [
        Section("Not published yet", list(_unpublished(pub))),
        Section("Waiting for sign-off", list(_sign_offs(pub, before))),
        Section("Held back until a date (embargoed)", list(_embargoes(pub, today))),
        Section(f"Consent to confirm by {today + REVIEW_WINDOW}", list(_reviews(pub, today))),
        Section("Consent withdrawn", list(_withdrawals(pub, today))),
    ]
    return [_redacted(s, pub, private) for s in sections if s.items]


def _title(article: Article) -> str:
    return f"'{article.title}'"


def _unpublished(pub: Publication) -> Iterator[Item]:
    for article in pub.all_articles():
        if article.status in _STATUS_WORDS:
            words = _STATUS_WORDS[article.status]
            yield Item(article.written.value("status"), f"{_title(article)} {words}")


def _sign_offs(pub: Publication, before: changes.Before) -> Iterator[Item]:
    for article in pub.all_articles():
        if article.status == "draft":
            continue
        current = article_hash(pub, article)
        latest = {s.by: s for s in sorted(article.sign_off, key=lambda s: s.on)}
        for person in needs_sign_off(pub, article):
            command = f"flagpress sign-off {article.source} --by {person}"
            done = latest.get(person)
            if done is None:
                yield Item(
                    article.written.key("status"),
                    f"{_title(article)}: {person} has not signed it off; once they have "
                    f"read and approved it, run: {command}",
                )
            elif done.text != current:
                yield Item(done.loc, _voided(article, done.by, done.on, done.text, command))
                yield from _what_changed(pub, article, done.text, done.loc, before)


def _voided(article: Article, person: str, on: dt.date, text: str, command: str) -> str:
    if is_legacy(text) or not is_current_form(text):
        return (
            f"{_title(article)}: {person}'s sign-off was recorded in an older form or not by "
            f"flagpress; ask them to read it again, then run: {command}"
        )
    return (
        f"{_title(article)} changed after {person} approved it on {on}; ask them to read it "
        f"again, then run: {command}"
    )


def _what_changed(
    pub: Publication, article: Article, text: str, at: Location, before: changes.Before
) -> Iterator[Item]:
    approved = before(text)
    if approved is None:
        yield Item(at, changes.UNKNOWN)
        return
    for line in changes.describe(approved, changes.current(pub, article)):
        yield Item(at, line)


def _embargoes(pub: Publication, today: dt.date) -> Iterator[Item]:
    for article in pub.all_articles():
        until = article.publish_after
        if until is not None and until > today:
            when = "goes out" if article.status == "published" else "may go out"
            yield Item(
                article.written.value("publish_after"),
                f"{_title(article)} {when} on {until} (held back until then)",
            )


def _reviews(pub: Publication, today: dt.date) -> Iterator[Item]:
    for person in _by_date(pub, lambda p: p.consent.review):
        due = person.consent.review
        if due is None or due > today + REVIEW_WINDOW or _withdrawn(person):
            continue
        late = " (overdue)" if due < today else ""
        yield Item(
            person.written.key("consent"),
            f"consent for '{person.id}' must be confirmed by {due}{late}; check with them, "
            "then update 'review' (or 'withdrawn') in their consent",
        )


def _withdrawals(pub: Publication, today: dt.date) -> Iterator[Item]:
    for person in _by_date(pub, lambda p: p.consent.withdrawn):
        since = person.consent.withdrawn
        if since is None:
            continue
        words = "withdrew consent on" if since <= today else "withdraws consent on"
        yield Item(
            person.written.key("consent"),
            f"'{person.id}' {words} {since}: from then on they are named nowhere",
        )


def _withdrawn(person: Contributor) -> bool:
    return person.consent.withdrawn is not None


def _by_date(pub: Publication, date) -> list[Contributor]:  # noqa: ANN001
    dated = [p for p in pub.contributors.values() if date(p) is not None]
    return sorted(dated, key=lambda p: (date(p), p.id))


def _redacted(section: Section, pub: Publication, private: Private) -> Section:
    """The section with any private detail in a line or file name replaced by a marker."""
    as_problems = [
        Problem(i.at.path, i.at.line, i.at.col, Severity.WARNING, i.text, "status")
        for i in section.items
    ]
    shown = redact(as_problems, pub, private)
    return Section(
        section.heading, [Item(Location(p.path, p.line, p.col), p.message) for p in shown]
    )
