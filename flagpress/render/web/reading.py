"""What an article page offers a reader beside the text: how long it takes to read,
where to go next in the issue, and more on the same topics.

All of it is computed from the Edition, so a draft, an embargoed or a withdrawn
article can never be suggested: it is not there to suggest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flagpress.render.edition import Edition, PublicArticle

# Words a minute: a slow, careful reading speed (many readers find reading hard),
# below the 200-250 usually quoted, so no one is told a piece is quicker than it is.
WORDS_PER_MINUTE = 180
RELATED = 3  # at most this many "More on these topics"


def reading_time(article: PublicArticle) -> str:
    """'6 minute read': the body's words at a careful pace, rounded up, at least 1."""
    minutes = max(1, math.ceil(article.body.words / WORDS_PER_MINUTE))
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


class Related:
    """ "More on these topics" for every article of an Edition, found in one pass.

    Comparing each article with every other is quadratic: 1,000 articles took a
    second of every build and every preview update. Articles are grouped by their
    set of topics instead (an archive has far fewer sets than articles), each group
    kept newest first, and the answer for a set of topics is worked out once.
    """

    def __init__(self, edition: Edition) -> None:
        groups: dict[frozenset[str], list[tuple[tuple[int, int, str, int], PublicArticle]]] = {}
        for place, a in enumerate(edition.articles):
            if a.tags:
                groups.setdefault(frozenset(a.tags), []).append(
                    ((0, -a.date.toordinal(), a.title, place), a)
                )
        # Within a group every article has as many topics in common with a given
        # article, so only the first RELATED + 1 (one may be the article itself) can win.
        self._groups = {
            tags: sorted(members, key=_first)[: RELATED + 1] for tags, members in groups.items()
        }
        self._found: dict[frozenset[str], list[PublicArticle]] = {}

    def __call__(self, article: PublicArticle) -> list[PublicArticle]:
        """Up to three other public articles sharing a topic with `article`: the most
        topics in common first, then the newest, then by title."""
        tags = frozenset(article.tags)
        if not tags:
            return []
        if tags not in self._found:
            ranked = sorted(
                ((-len(tags & group), *key[1:]), a)
                for group, members in self._groups.items()
                if tags & group
                for key, a in members
            )
            self._found[tags] = [a for _, a in ranked[: RELATED + 1]]
        return [a for a in self._found[tags] if a.source != article.source][:RELATED]


def _first(member: tuple[tuple[int, int, str, int], PublicArticle]) -> tuple[int, int, str, int]:
    return member[0]
