"""Checks on how the publication fits together: running orders and unique slugs."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Iterator

from flagpress.diagnostics import Location, Problem, did_you_mean
from flagpress.model import Issue, Publication

# URL segments the website uses itself; a standing page may not take them.
RESERVED_SLUGS = frozenset(
    {
        "index",
        "issues",
        "articles",
        "tags",
        "search",
        "assets",
        "contributors",
        "credits",
        "co-production",
        "accessibility",
    }
)
# An article called 'index' would take the address of its issue's page (or of the
# list of web-only articles), one called 'credits' that of its issue's credits page,
# and one would silently replace the other.
RESERVED_ARTICLE_SLUGS = frozenset({"index", "credits"})


def check(pub: Publication, today: dt.date) -> Iterator[Problem]:
    for issue in pub.issues:
        yield from _running_order(issue)
        if not any(a.is_public(today) for a in issue.articles):
            continue  # not out yet: nothing is left out of it, and it has no PDFs
        yield from _left_out(issue)
        if pub.config.print.variants and issue.cover is None:
            yield issue.written.at.warning(
                "no-cover",
                "this issue has no cover picture, so its PDFs get a cover designed from the "
                'brand; add e.g. cover: {src: images/cover.jpg, alt: "What the picture shows"}',
            )
        yield from _unique(((a.slug, a.source) for a in issue.articles), "article in this issue")
    yield from _unique(((i.slug, i.source) for i in pub.issues), "issue")
    yield from _issue_numbers(pub)
    yield from _unique(((a.slug, a.source) for a in pub.articles), "web-only article")
    yield from _unique(((p.slug, p.source) for p in pub.pages), "standing page")
    for page in pub.pages:
        yield from _reserved(page.slug, page.source, RESERVED_SLUGS, "a standing page")
    for article in pub.all_articles():
        yield from _reserved(article.slug, article.source, RESERVED_ARTICLE_SLUGS, "an article")


def _reserved(slug: str, source: str, reserved: frozenset[str], what: str) -> Iterator[Problem]:
    if slug in reserved:
        yield Location(source).error(
            "reserved-slug",
            f"{what} cannot be called '{slug}': the website uses that address itself; "
            "rename the file",
        )


def _running_order(issue: Issue) -> Iterator[Problem]:
    folder = posixpath.dirname(issue.source)
    seen: set[str] = set()
    for index, name in enumerate(issue.running_order):
        loc = issue.written.item("running_order", index)
        if name in seen:
            yield loc.error(
                "duplicate-in-running-order",
                f"'{name}' is listed twice in the running order; list each article once",
            )
        seen.add(name)
        if name not in issue.files:
            yield loc.error(
                "missing-article",
                f"the running order lists '{name}', but there is no such file in "
                f"{folder}/{did_you_mean(name, issue.files)}",
            )
    for name in issue.files:
        if name not in seen:
            yield Location(f"{folder}/{name}").error(
                "unlisted-article",
                f"this article is not in the running order in {issue.source}; add "
                f"'{name}' to its 'articles' list, or move the file to content/articles/ "
                "to publish it on the website only",
            )


def _left_out(issue: Issue) -> Iterator[Problem]:
    """Articles in the running order that the issue is published without, for now."""
    status = {posixpath.basename(a.source): a.status for a in issue.articles}
    for index, name in enumerate(issue.running_order):
        if status.get(name, "published") != "published":
            yield issue.written.item("running_order", index).warning(
                "not-ready",
                f"'{name}' is still '{status[name]}', so the issue is published without it "
                "until its status is 'published'",
            )


def _unique(items: Iterable[tuple[str, str]], what: str) -> Iterator[Problem]:
    """One problem per source whose slug (its address) is already taken or empty."""
    first: dict[str, str] = {}
    for slug, source in items:
        if not slug:
            yield Location(source).error(
                "bad-slug",
                "this file name has no letters or digits to make a web address from; rename it",
            )
        elif slug in first:
            yield Location(source).error(
                "duplicate-slug",
                f"this {what} would have the same web address ('{slug}') as {first[slug]}; "
                "rename one of the files",
            )
        else:
            first[slug] = source


def _issue_numbers(pub: Publication) -> Iterator[Problem]:
    """Two issues with one number would confuse readers, archives and printers alike."""
    first: dict[int, Issue] = {}
    for issue in sorted(pub.issues, key=lambda i: i.source):
        if issue.number in first:
            yield issue.written.key("number").error(
                "duplicate-issue-number",
                f"issue number {issue.number} is already used by {first[issue.number].source}; "
                "give each issue its own number",
            )
        else:
            first[issue.number] = issue
