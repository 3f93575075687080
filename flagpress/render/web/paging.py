"""Long lists of articles split into numbered pages: web articles, topics, contributors.

Every reader of the "Web articles" page downloads it whole, and with every article as a
card it grows without end (1.4 MB of HTML at 5,000 articles). So a list is cut into
pages of `CARDS_PER_PAGE` cards, newest first, at stable addresses (`urls.numbered_page`);
each page says which it is and links to the others. A list that fits on one page is
exactly one page, as it always was: no page numbers, no links between pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from flagpress.render import urls
from flagpress.render.edition import Edition, PublicArticle

# Cards on one page: 24 fills whole rows of the card grid at 1, 2, 3 and 4 columns, and
# keeps every page of a list under 31 KB of HTML (measured on the benchmark's archive:
# the web articles on one page were 295 KB at 1,000 articles and 1.4 MB at 5,000).
CARDS_PER_PAGE = 24
# Page numbers linked either side of the current page (besides the first and the last),
# so the links fit on a phone 320 pixels wide however long the archive grows.
AROUND = 1


@dataclass(frozen=True)
class Pager:
    """Where one page sits among the pages of its list."""

    first: str  # page 1's address (a page source, e.g. 'articles/index.md')
    number: int  # this page's, from 1
    count: int  # how many pages the list has

    def src(self, number: int) -> str:
        """The address of page `number` of this list."""
        return urls.numbered_page(self.first, number)

    @property
    def previous(self) -> str | None:
        return self.src(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.src(self.number + 1) if self.number < self.count else None

    @property
    def shown(self) -> tuple[tuple[int, str] | None, ...]:
        """The pages to link, as (number, address) in order, None where numbers are left
        out: the first, the last and those around this page (a gap of one page is shown)."""
        wanted = {1, self.count, *range(self.number - AROUND, self.number + AROUND + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        shown: list[int | None] = []
        for n in numbers:
            before = shown[-1] if shown else n - 1
            if before is not None and n - before == 2:
                shown.append(n - 1)  # one number takes no more room than the gap
            elif before is not None and n - before > 2:
                shown.append(None)
            shown.append(n)
        return tuple(None if n is None else (n, self.src(n)) for n in shown)

    def title(self, title: str) -> str:
        """The page's title with its number, so screen readers, tabs and the browser's
        history tell the pages apart: 'Web articles, page 2 of 7'."""
        return title if self.count == 1 else f"{title}, page {self.number} of {self.count}"


@dataclass(frozen=True)
class ListPage:
    """One page of a list: its address, where it sits, and its cards."""

    src: str
    pager: Pager
    articles: tuple[PublicArticle, ...]


def paginate(first: str, articles: Sequence[PublicArticle]) -> list[ListPage]:
    """The pages of `articles` (in the order given), page 1 at `first`; always one page
    at least, even for an empty list."""
    count = max(1, -(-len(articles) // CARDS_PER_PAGE))
    pages = []
    for number in range(1, count + 1):
        start = (number - 1) * CARDS_PER_PAGE
        pager = Pager(first, number, count)
        cards = tuple(articles[start : start + CARDS_PER_PAGE])
        pages.append(ListPage(pager.src(number), pager, cards))
    return pages


def newest_first(edition: Edition, articles: Sequence[PublicArticle]) -> list[PublicArticle]:
    """`articles` newest first, as a topic's pages show them: an article in an issue is
    as new as its issue (and keeps its place in the issue's running order), a web-only
    article is as new as its own date. Newest first, page 1 is what has just come out."""
    issue_dates = {issue.slug: issue.date for issue in edition.issues}

    def published(article: PublicArticle) -> dt.date:
        return issue_dates.get(article.issue or "", article.date)

    return sorted(articles, key=published, reverse=True)  # stable: running order kept
