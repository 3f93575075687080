"""How each person is named in each output channel.

People choose how they are named, and consent can differ per channel or be withdrawn.
Every renderer asks this module, and only this module, for the name to print: where
a person may not be named, they get a neutral phrase built from their first role
(never from `lived_experience`, which is never shown per person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal

from flagpress.model import Contributor

Channel = Literal["web", "print"]


def may_be_named(person: Contributor, channel: Channel, today: dt.date) -> bool:
    """True only if the person chose a name and consents to it in `channel` today."""
    consent = person.consent
    if person.shown_as == "anonymous" or not person.name:
        return False
    if consent.withdrawn is not None and consent.withdrawn <= today:
        return False
    return consent.web if channel == "web" else consent.print


def neutral_phrase(person: Contributor, roles: Mapping[str, str]) -> str:
    """'a volunteer', 'an Action Group member': how an unnamed person is credited."""
    label = roles.get(person.roles[0], "contributor") if person.roles else "contributor"
    if not any(ch.isupper() for ch in label[1:]):
        label = label[:1].lower() + label[1:]
    article = "an" if label[:1].lower() in "aeiou" else "a"
    return f"{article} {label}"


def shown_name(
    person: Contributor, roles: Mapping[str, str], channel: Channel, today: dt.date
) -> str:
    """The name to print for `person` in `channel`, or a neutral phrase."""
    if may_be_named(person, channel, today):
        return person.name
    return neutral_phrase(person, roles)


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
