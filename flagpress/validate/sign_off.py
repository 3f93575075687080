"""Checks on sign-off: "no decision about me without me".

An article that is ready or published needs the approval of each person the
publication's policy covers, for the article exactly as it will be published (see
`flagpress.sign_off` for what that covers). Any change after an approval voids it
until they read it again; unsigned articles are never published. Records in the
older, shorter form cannot prove what was approved, so they must be made again.
"""

from __future__ import annotations

from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.model import Article, Publication, SignOff
from flagpress.sign_off import article_hash, is_current_form, is_legacy, needs_sign_off

NEEDS_SIGN_OFF = ("ready", "published")


def check(pub: Publication) -> Iterator[Problem]:
    for article in pub.all_articles():
        yield from _uncredited(pub, article)
        if article.status in NEEDS_SIGN_OFF:
            yield from _article(pub, article)


def _uncredited(pub: Publication, article: Article) -> Iterator[Problem]:
    """A sign-off by someone the article does not credit approves nothing it needs, and
    usually means the wrong id was typed; unknown ids are reported by the people check."""
    credited = {*article.authors, *(c.id for c in article.credits)}
    for sign_off in article.sign_off:
        if sign_off.by not in credited and sign_off.by in pub.contributors:
            yield sign_off.written.value("by").error(
                "sign-off-not-credited",
                f"'{sign_off.by}' signed off this article but is not credited on it; add them "
                "to 'authors' or 'credits', or remove this sign-off",
            )


def _article(pub: Publication, article: Article) -> Iterator[Problem]:
    current = article_hash(pub, article)
    latest = {s.by: s for s in sorted(article.sign_off, key=lambda s: s.on)}
    for person in needs_sign_off(pub, article):
        sign_off = latest.get(person)
        if sign_off is None:
            yield article.written.key("status").error(
                "sign-off-missing",
                f"'{person}' has not signed off this text; once they have read and approved "
                f"it, run: {_command(article, person)}",
            )
        elif sign_off.text != current:
            yield _not_valid(article, sign_off)


def _not_valid(article: Article, sign_off: SignOff) -> Problem:
    """Why a recorded sign-off no longer counts, and the command that renews it."""
    person, command = sign_off.by, _command(article, sign_off.by)
    if is_legacy(sign_off.text):
        return sign_off.loc.error(
            "sign-off-old-form",
            f"this sign-off was recorded in an older form; ask {person} to read the article "
            f"again and run: {command}",
        )
    if not is_current_form(sign_off.text):
        return sign_off.loc.error(
            "sign-off-void",
            f"this sign-off was not recorded by flagpress (its text is not a fingerprint); "
            f"ask {person} to read the article again and run: {command}",
        )
    return sign_off.loc.error(
        "sign-off-void",
        f"the article changed after {person} approved it on {sign_off.on} (its text, "
        f"details, credits or how people are named); ask them to read it again, then run: "
        f"{command}",
    )


def _command(article: Article, person: str) -> str:
    return f"flagpress sign-off {article.source} --by {person}"
