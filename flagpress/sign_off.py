"""What a sign-off approves: a short fingerprint of an article's text.

"No decision about me without me": a featured person signs off the final text. The
sign-off stores a hash of the title and body they read, so any later edit, even one
word, is detectable and voids the approval until they read it again. Line endings
are normalised so that opening a file on Windows does not void anything.
"""

from __future__ import annotations

import hashlib

from flagpress.model import Article, Publication

HASH_LENGTH = 8


def text_hash(title: str, body: str) -> str:
    """The fingerprint of a title and Markdown body, e.g. '3f2a9c1e'."""
    text = f"{title.strip()}\n\n{body}".replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def article_hash(article: Article) -> str:
    return text_hash(article.title, article.body.source)


def credited(article: Article) -> list[str]:
    """Everyone credited on the article, authors first, each once."""
    people = list(article.authors) + [c.id for c in article.credits]
    return list(dict.fromkeys(people))


def needs_sign_off(pub: Publication, article: Article) -> list[str]:
    """Who must approve this article's text under the publication's sign-off policy."""
    policy = pub.config.policy.sign_off
    if policy == "none":
        return []
    people = [p for p in credited(article) if p in pub.contributors]
    if policy == "lived-experience":
        return [p for p in people if pub.contributors[p].lived_experience]
    return people
