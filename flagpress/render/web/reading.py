"""What an article page offers a reader beside the text: how long it takes to read,
where to go next in the issue, and more on the same topics.

All of it is computed from the Edition, so a draft, an embargoed or a withdrawn
article can never be suggested: it is not there to suggest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from flagpress.render.edition import Edition, PublicArticle

# Words a minute: a slow, careful reading speed (many readers find reading hard),
# below the 200-250 usually quoted, so no one is told a piece is quicker than it is.
WORDS_PER_MINUTE = 180
RELATED = 3  # at most this many "More on these topics"

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<!--.*?-->|^///[^\n]*|\[\^[^\]]*\]:?", re.M | re.S)


def word_count(markdown: str) -> int:
    """The words a reader reads in `markdown`: link text counts, addresses do not."""
    return len(_WORD.findall(_MARKUP.sub(r" \1 ", markdown)))


def reading_time(article: PublicArticle) -> str:
    """'6 minute read': the body's words at a careful pace, rounded up, at least 1."""
    minutes = max(1, math.ceil(word_count(article.body.source) / WORDS_PER_MINUTE))
    return f"{minutes} minute read"


@dataclass(frozen=True)
class Neighbours:
    previous: PublicArticle | None
    next: PublicArticle | None


def neighbours(edition: Edition, article: PublicArticle) -> Neighbours:
    """The articles before and after `article` in its issue's running order (none for a
    web-only article: there is no order to follow)."""
    issue = edition.issue(article.issue)
    if issue is None:
        return Neighbours(None, None)
    order = [a.source for a in issue.articles]
    at = order.index(article.source)
    before = issue.articles[at - 1] if at > 0 else None
    after = issue.articles[at + 1] if at + 1 < len(order) else None
    return Neighbours(before, after)


def related(edition: Edition, article: PublicArticle) -> list[PublicArticle]:
    """Up to three other public articles sharing a topic with `article`: the most topics
    in common first, then the newest."""
    tags = set(article.tags)
    if not tags:
        return []
    others = [a for a in edition.articles if a.source != article.source and tags & set(a.tags)]
    others.sort(key=lambda a: (-len(tags & set(a.tags)), -a.date.toordinal(), a.title))
    return others[:RELATED]
