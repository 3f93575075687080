"""Checks on sign-off: "no decision about me without me".

An article that is ready or published needs the approval of each person the
publication's policy covers, for the exact text as it now stands. Any edit after
an approval voids it until they read it again; unsigned articles are never published.
"""

from __future__ import annotations

from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.model import Article, Publication
from flagpress.sign_off import article_hash, needs_sign_off

NEEDS_SIGN_OFF = ("ready", "published")


def check(pub: Publication) -> Iterator[Problem]:
    for article in pub.all_articles():
        if article.status in NEEDS_SIGN_OFF:
            yield from _article(pub, article)


def _article(pub: Publication, article: Article) -> Iterator[Problem]:
    current = article_hash(article)
    latest = {s.by: s for s in sorted(article.sign_off, key=lambda s: s.on)}
    for person in needs_sign_off(pub, article):
        sign_off = latest.get(person)
        if sign_off is None:
            yield article.written.key("status").error(
                "sign-off-missing",
                f"'{person}' has not signed off this text; once they have read and approved "
                f"it, run: flagpress sign-off {article.source} --by {person}",
            )
        elif sign_off.text != current:
            yield sign_off.loc.error(
                "sign-off-void",
                f"the text changed after {person} approved it on {sign_off.on}; ask them to "
                f"read it again, then run: flagpress sign-off {article.source} --by {person}",
            )
