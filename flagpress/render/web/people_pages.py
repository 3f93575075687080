"""The website's pages about people: issue credits, contributors, and how we work together.

Co-production credits are a product feature: every issue has a credits page saying
who did what, as the printed magazine does. People are only ever named through the
web namer, and only people who asked for a profile (and may be named on the web)
get a page, a link, or their id in a URL.
"""

from __future__ import annotations

from flagpress.model import LADDER, STAGES
from flagpress.render import urls
from flagpress.render.edition import PublicIssue
from flagpress.render.web import paging
from flagpress.render.web.context import SiteBuilder


def add_pages(b: SiteBuilder) -> None:
    """One credits page per issue, the co-production explainer, and contributor pages
    (their articles newest first, in pages as long lists are: render/web/paging.py)."""
    for issue in b.edition.issues:
        b.add(
            urls.issue_credits_page(issue),
            f"Credits: Issue {issue.number}",
            "credits.html",
            issue=issue,
            unnamed=unnamed_count(b, issue),
        )
    b.add(
        urls.COPRODUCTION, "How we work together", "coproduction.html", ladder=LADDER, stages=STAGES
    )
    profiled = sorted(b.edition.profiles("web"), key=lambda p: p.name)
    if not profiled:
        return
    b.add(urls.CONTRIBUTORS, "Contributors", "contributors.html", people=profiled)
    roles = b.edition.config.roles
    for person in profiled:
        theirs = [a for a in b.edition.articles if person.id in a.people]
        first = urls.contributor_page(person.id)
        for listed in paging.paginate(first, paging.newest_first(b.edition, theirs)):
            b.add(
                listed.src,
                listed.pager.title(person.name),
                "contributor.html",
                person=person,
                role_labels=[roles.get(r, r) for r in person.roles],
                articles=listed.articles,
                pager=listed.pager,
                updated=max((a.date for a in theirs), default=None),  # for every page's date
            )


def unnamed_count(b: SiteBuilder, issue: PublicIssue) -> int:
    """How many people credited in the issue may not be named on the web (for overrides:
    the default page already counts them in their groups, and says so nowhere else)."""
    return sum(not b.namer.may_name(p) for p in issue.people)
