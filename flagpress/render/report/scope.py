"""What a report covers: the whole archive, one issue, or articles dated in a range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flagpress.render.edition import Edition, PublicArticle, PublicIssue

WEB_ONLY = "Web-only articles"


@dataclass(frozen=True)
class Scope:
    issue: str | None = None  # an issue's folder name (its slug)
    start: dt.date | None = None  # articles dated on or after
    end: dt.date | None = None  # articles dated on or before

    def covers(self, article: PublicArticle) -> bool:
        if self.issue is not None and article.issue != self.issue:
            return False
        if self.start is not None and article.date < self.start:
            return False
        return self.end is None or article.date <= self.end

    def describe(self, edition: Edition) -> str:
        """What the report covers, in words: 'Issue 7: Housing', 'the whole archive'."""
        issue = edition.issue(self.issue)
        where = issue.label if issue else "the whole archive"
        if self.start and self.end:
            return f"{where}, articles dated {self.start} to {self.end}"
        if self.start:
            return f"{where}, articles dated from {self.start}"
        if self.end:
            return f"{where}, articles dated up to {self.end}"
        return where


@dataclass(frozen=True)
class Part:
    """A row of the issue-by-issue tables: an issue (or the web-only articles) in scope."""

    label: str
    slug: str | None  # the issue's slug; None for web-only articles
    articles: tuple[PublicArticle, ...]
    editors: tuple[str, ...]


def parts(edition: Edition, scope: Scope) -> list[Part]:
    """The issues with articles in scope, oldest first, then the web-only articles."""
    if scope.issue is None:
        issues: list[PublicIssue] = list(reversed(edition.issues))
        web = tuple(a for a in reversed(edition.web_only) if scope.covers(a))
    else:  # one issue's report (one per issue: not every article of the archive each time)
        one = edition.issue(scope.issue)
        issues, web = ([one] if one is not None else []), ()
    found = [_issue_part(issue, scope) for issue in issues]
    found.append(Part(WEB_ONLY, None, web, ()))
    return [part for part in found if part.articles]


def _issue_part(issue: PublicIssue, scope: Scope) -> Part:
    articles = tuple(a for a in issue.articles if scope.covers(a))
    return Part(issue.label, issue.slug, articles, issue.editors)
