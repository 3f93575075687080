"""Checks on consent: withdrawn, due for review, and photo consent for people in images.

Consent can be withdrawn at any time. From that date the person is named nowhere;
editors are warned about every article that still credits them (the build names
them only by a neutral phrase) and every issue already printed that named them, so
the partnership can decide what to do about copies that are already out there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.model import Contributor, Image, Issue, Publication
from flagpress.naming import is_withdrawn
from flagpress.sign_off import credited


def check(pub: Publication, today: dt.date) -> Iterator[Problem]:
    for person in pub.contributors.values():
        if is_withdrawn(person, today):
            yield from _withdrawn(pub, person)
        elif person.consent.review is not None and person.consent.review < today:
            yield person.loc.warning(
                "consent-review-due",
                f"consent for '{person.id}' was due to be confirmed by {person.consent.review}; "
                "check with them and update 'review' (or 'withdrawn') in their consent",
            )
    for issue in pub.issues:
        if issue.cover:
            yield from _photo(pub, issue.cover, today)
    for article in pub.all_articles():
        if article.image:
            yield from _photo(pub, article.image, today)


def _withdrawn(pub: Publication, person: Contributor) -> Iterator[Problem]:
    since = person.consent.withdrawn
    if since is None:
        return
    articles = [a for a in pub.all_articles() if person.id in credited(a)]
    printed = [i for i in pub.issues if i.date < since and _named_in_print(pub, i, person)]
    listed = ", ".join(a.source for a in articles) or "none"
    issues = ", ".join(f"issue {i.number} ({i.date})" for i in printed) or "none"
    yield person.loc.warning(
        "consent-withdrawn",
        f"'{person.id}' withdrew consent on {since}: they are named nowhere from then on. "
        f"Articles that credit them: {listed}. Issues already printed that named them: "
        f"{issues}",
    )
    for article in articles:
        yield article.written.key("authors").warning(
            "credits-withdrawn",
            f"this article credits '{person.id}', who withdrew consent on {since}; they are "
            "shown only as a neutral phrase. Check the text does not name or identify them",
        )


def _named_in_print(pub: Publication, issue: Issue, person: Contributor) -> bool:
    """Did the printed issue carry this person's name (at the time it was printed)?"""
    if person.shown_as == "anonymous" or not person.name or not person.consent.print:
        return False
    in_issue = person.id in issue.editors or any(person.id in credited(a) for a in issue.articles)
    return in_issue


def _photo(pub: Publication, image: Image, today: dt.date) -> Iterator[Problem]:
    for index, person_id in enumerate(image.people):
        person = pub.contributors.get(person_id)
        if person is None:
            continue  # reported as an unknown contributor
        if not person.consent.photo or is_withdrawn(person, today):
            yield image.written.item("people", index).error(
                "no-photo-consent",
                f"'{person_id}' is in this image but has not agreed to appear in photos "
                "(consent.photo); use another image, or ask them and update their consent",
            )
