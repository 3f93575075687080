"""What a sign-off approves: a fingerprint of everything a person is published with.

"No decision about me without me": a featured person signs off the final article. The
sign-off stores a SHA-256 digest of all they will be seen with: the title, summary,
body, tags, content note, image and its description, the byline and credits, and how
each credited person is named. Any later change to any of these, even one word or a
new tag, voids the approval until they read it again. A person's details are not
only the text: "addiction, prison" added to the tags, or a pseudonym swapped for a
full name, can say more about them than the body does.

The digest is taken over a canonical form (JSON, sorted keys, line endings and
trailing spaces normalised) so that opening a file on Windows voids nothing, and it
is stored in full: a short hash can be matched by brute force with a hidden comment.
Records made before this (8 hex characters over the title and body only) are
recognised so they can be reported as needing a new sign-off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping

from flagpress.model import Article, Contributor, Publication
from flagpress.naming import neutral_phrase

# Bump when what is covered changes, so every older record reads as "older form".
FORM = 2
HASH_LENGTH = 64  # hex characters of a SHA-256 digest
SHOWN_LENGTH = 12  # how much of it people are shown
LEGACY_LENGTH = 8  # records from before FORM 2: title and body only, truncated
_HEX = re.compile(r"[0-9a-f]+")


@functools.cache
def normalise(text: str) -> str:
    """Text as approved: LF line endings, no trailing spaces, no blank edges.

    Remembered: every check and preview update hashes every article's text again, and
    normalising 1,000 unchanged bodies was a tenth of a second each time. Unbounded on
    purpose: each pass visits every text in the same order, so a bounded LRU smaller
    than an archive's texts (several per article) would evict each one before its reuse.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def forget_normalised() -> None:
    """Let go of every text `normalise` remembers (a build, once checked: at 5,000
    articles they hold 18 MB that rendering never asks for)."""
    normalise.cache_clear()


def approved_content(pub: Publication, article: Article) -> dict[str, object]:
    """Everything about `article` that a person signing it off approves, as plain data."""
    image = article.image
    return {
        "form": FORM,
        "title": normalise(article.title),
        "summary": normalise(article.summary),
        "body": normalise(article.body.source),
        "tags": [normalise(tag) for tag in article.tags],
        "content_note": normalise(article.content_note),
        "image": None
        if image is None
        else {"src": image.src, "alt": normalise(image.alt), "people": list(image.people)},
        "authors": list(article.authors),
        "credits": [{"id": c.id, "role": c.role} for c in article.credits],
        "names": {person: _naming(pub, person) for person in _people(article)},
    }


def _people(article: Article) -> list[str]:
    """Everyone the article shows: byline, credits and the people in its image."""
    shown = article.image.people if article.image else ()
    return list(dict.fromkeys([*credited(article), *shown]))


def _naming(pub: Publication, person_id: str) -> dict[str, str] | None:
    """How a person is named: their chosen name, and the phrase used where they are not.

    Consent dates are left out on purpose: a withdrawal must never be what stops an
    article being corrected, and the phrase already follows the publication's settings.
    """
    person = pub.contributors.get(person_id)
    if person is None:
        return None  # reported as an unknown contributor elsewhere
    config = pub.config
    return {
        "shown_as": person.shown_as,
        "name": normalise(person.name),
        "unnamed_as": neutral_phrase(person, config.roles, config.naming.mention_lived_experience),
    }


def digest(content: dict[str, object]) -> str:
    """The full SHA-256 hex digest of `content` in canonical JSON."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def article_hash(pub: Publication, article: Article) -> str:
    """What `sign_off.text` must hold for an approval of the article as it is now."""
    return digest(approved_content(pub, article))


def shown(text: str) -> str:
    """A digest shortened for people to read, e.g. '3f2a9c1e4b5d'."""
    return text[:SHOWN_LENGTH]


def is_legacy(text: str) -> bool:
    """True for a record in the older, 8-character form."""
    return len(text) == LEGACY_LENGTH and bool(_HEX.fullmatch(text))


def is_current_form(text: str) -> bool:
    """True for a full digest as `flagpress sign-off` records it now."""
    return len(text) == HASH_LENGTH and bool(_HEX.fullmatch(text))


def credited(article: Article) -> list[str]:
    """Everyone credited on the article, authors first, each once."""
    people = list(article.authors) + [c.id for c in article.credits]
    return list(dict.fromkeys(people))


def needs_sign_off(pub: Publication, article: Article) -> list[str]:
    """Who must approve this article under the publication's sign-off policy."""
    return must_sign(pub.config.policy.sign_off, pub.contributors, credited(article))


def must_sign(
    policy: str, contributors: Mapping[str, Contributor], people: Iterable[str]
) -> list[str]:
    """Who of `people` (those credited on an article) must approve it under `policy`.

    Apart from `needs_sign_off` so that the co-production report, which reads the
    Edition rather than the Publication, counts exactly what validation asks for.
    """
    if policy == "none":
        return []
    known = [p for p in people if p in contributors]
    if policy == "lived-experience":
        return [p for p in known if contributors[p].lived_experience]
    return known
