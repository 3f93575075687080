"""The website's pages about people: contributors, issue credits and how work was made.

Co-production credits are a product feature: every article shows who did what, at
which stage and on which rung of the ladder; every issue has a credits page. People
are only ever shown through the web Namer, and only people who asked for a profile
(and may be named on the web) get a page, a link, or their id in a URL.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from flagpress.model import LADDER, STAGES, Article, Issue
from flagpress.render.web import urls
from flagpress.sign_off import credited

if TYPE_CHECKING:
    from flagpress.render.web.pages import _Builder

LADDER_LABELS = {rung: rung.capitalize() for rung in LADDER}


def has_page(b: _Builder, person_id: str) -> bool:
    person = b.pub.contributors.get(person_id)
    return person is not None and person.profile and b.namer.may_name(person_id)


def byline(b: _Builder, ids: tuple[str, ...], src: str) -> Markup:
    """Names as chosen, each linked to its contributor page where the person has one."""
    parts = []
    for person_id in ids:
        name = escape(b.namer.name(person_id))
        if has_page(b, person_id):
            href = escape(urls.relative(src, urls.contributor_page(person_id)))
            name = Markup(f'<a href="{href}">{name}</a>')
        parts.append(name)
    if len(parts) <= 1:
        return Markup("").join(parts)
    return Markup(", ").join(parts[:-1]) + Markup(" and ") + parts[-1]


def how_made(b: _Builder, article: Article) -> dict | None:
    """The 'How this was made' box: who, in which role, which stages, which rung."""
    if article.coproduction is None:
        return None
    roles = b.pub.config.roles
    people = []
    for person_id in article.authors:
        people.append((person_id, "Author"))
    for credit in article.credits:
        people.append((credit.id, roles.get(credit.role, credit.role)))
    return {
        "rung": LADDER_LABELS[article.coproduction.level],
        "stages": [stage.capitalize() for stage in article.coproduction.stages],
        "people": people,
        "explainer": urls.COPRODUCTION,
    }


def issue_credits(b: _Builder, issue: Issue) -> dict[str, list[str]]:
    """Everyone who may be named, by role; the unnamed are counted, never listed."""
    roles = b.pub.config.roles
    by_role: dict[str, set[str]] = defaultdict(set)
    for article in b.issue_articles(issue):
        for person_id in article.authors:
            person = b.pub.contributors.get(person_id)
            for role in person.roles if person else ():
                by_role[roles.get(role, role)].add(person_id)
        for credit in article.credits:
            by_role[roles.get(credit.role, credit.role)].add(credit.id)
    named = {
        role: sorted(b.namer.name(p) for p in ids if b.namer.may_name(p))
        for role, ids in sorted(by_role.items())
    }
    return {role: names for role, names in named.items() if names}


def unnamed_count(b: _Builder, issue: Issue) -> int:
    people = {p for a in b.issue_articles(issue) for p in credited(a)} | set(issue.editors)
    return sum(not b.namer.may_name(p) for p in people)


def add_pages(b: _Builder, issues: list[Issue]) -> None:
    """Contributor pages, one credits page per issue, and the co-production explainer."""
    for issue in issues:
        src = urls.issue_credits_page(issue)
        b.add(
            src,
            f"Credits: Issue {issue.number}",
            b.render(
                "credits.html",
                src,
                issue=issue,
                by_role=issue_credits(b, issue),
                unnamed=unnamed_count(b, issue),
            ),
        )
    b.add(
        urls.COPRODUCTION,
        "How we work together",
        b.render("coproduction.html", urls.COPRODUCTION, ladder=LADDER, stages=STAGES),
    )
    profiled = [p for p in b.pub.contributors.values() if has_page(b, p.id)]
    if not profiled:
        return
    b.add(
        urls.CONTRIBUTORS,
        "Contributors",
        b.render(
            "contributors.html", urls.CONTRIBUTORS, people=sorted(profiled, key=lambda p: p.name)
        ),
    )
    for person in profiled:
        src = urls.contributor_page(person.id)
        articles = [a for a in b.public if person.id in credited(a)]
        b.add(
            src,
            person.name,
            b.render(
                "contributor.html",
                src,
                person=person,
                role_labels=[b.pub.config.roles.get(r, r) for r in person.roles],
                articles=articles,
            ),
        )
