"""What search engines are told about the website as a whole: robots.txt and each page's date.

MkDocs writes `sitemap.xml` and dates every page with the day of the build, so after
each build every page looks changed and search engines learn to ignore the dates.
Here each page is dated by what it shows: an article by its date, an issue by the
issue's date, a list by its newest item, the accessibility statement by its review.
A page with no date of its own (a standing page) gets none: no date is better than
a wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from flagpress.render import urls
from flagpress.render.edition import Edition, PublicArticle, PublicIssue, Topic

ROBOTS = "robots.txt"


def robots_txt(site_url: str) -> str:
    """Every crawler may read every page; the sitemap says where they are.

    Search engines read robots.txt only at the root of a host: for a website in a
    folder (https://example.org/flag/) the host's own robots.txt must name the sitemap.
    """
    return f"User-agent: *\nDisallow:\n\nSitemap: {urls.absolute(site_url, 'sitemap.xml')}\n"


def lastmod(edition: Edition, template: str, context: Mapping) -> dt.date | None:
    """When what the page shows last changed, as far as the content says; None if unknown."""
    article, issue, topic = context.get("article"), context.get("issue"), context.get("topic")
    if isinstance(article, PublicArticle):
        return article.date
    if template in ("issue.html", "credits.html") and isinstance(issue, PublicIssue):
        return issue.date
    if isinstance(topic, Topic):
        updated = context.get("updated")  # the same, worked out once for all its pages
        return updated if isinstance(updated, dt.date) else _newest(a.date for a in topic.articles)
    if template in ("contributor.html", "articles.html") and "updated" in context:
        # The whole list's newest, not the page's: every page changes with a new article.
        updated = context["updated"]
        return updated if isinstance(updated, dt.date) else None
    if template == "issues.html":
        return _newest(i.date for i in edition.issues)
    if template == "tags.html":
        return _newest(a.date for t in edition.topics for a in t.articles)
    if template == "accessibility.html":
        return edition.config.accessibility.reviewed
    if template == "home.html":
        # Always dated (MkDocs dates the sitemap's archive by its newest page): an
        # empty publication's home page changes with each build.
        dates = [*(a.date for a in edition.articles), *(i.date for i in edition.issues)]
        return _newest(dates) or edition.today
    return None


def _newest(dates: Iterable[dt.date]) -> dt.date | None:
    return max(dates, default=None)
