""""More on these topics": the same choice as comparing every article with every other."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from flagpress.render.web.reading import RELATED, Related

TOPICS = ["housing", "health", "recovery", "evaluation", "volunteering", "money"]


def _slow(articles: list, article) -> list:  # noqa: ANN001
    """The rule as written for readers: most topics in common, then newest, then title."""
    tags = set(article.tags)
    if not tags:
        return []
    others = [a for a in articles if a.source != article.source and tags & set(a.tags)]
    others.sort(key=lambda a: (-len(tags & set(a.tags)), -a.date.toordinal(), a.title))
    return others[:RELATED]


def _archive(seed: int, size: int) -> list:
    rng = random.Random(seed)
    return [
        SimpleNamespace(
            source=f"a{n}.md",
            title=rng.choice(["Same title", f"Title {n}"]),
            date=dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(30)),
            tags=rng.sample(TOPICS, rng.randrange(0, 4)),
        )
        for n in range(size)
    ]


def test_related_matches_the_rule_on_random_archives_with_ties() -> None:
    for seed in range(40):
        articles = _archive(seed, 60)
        related = Related(SimpleNamespace(articles=articles))
        for article in articles:
            assert related(article) == _slow(articles, article), (seed, article.source)


def test_an_article_is_never_its_own_suggestion_even_when_it_is_the_newest() -> None:
    day = dt.date(2020, 5, 1)
    articles = [
        SimpleNamespace(source=f"{n}.md", title=str(n), date=day, tags=["housing"])
        for n in range(5)
    ]
    related = Related(SimpleNamespace(articles=articles))
    assert [a.source for a in related(articles[0])] == ["1.md", "2.md", "3.md"]
    assert [a.source for a in related(articles[2])] == ["0.md", "1.md", "3.md"]
