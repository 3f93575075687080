"""How each person is named in each output channel.

People choose how they are named, and consent can differ per channel or be withdrawn.
Every renderer asks this module, and only this module, for the name to print: where
a person may not be named, they get a neutral phrase built from their first role.
`lived_experience` is never part of that phrase unless the publication's settings
say it openly credits lived experience (`naming.mention_lived_experience`).

People consent to two channels, `web` and `print`. A third channel, `web-pdf`, is
where the two meet: a PDF offered for download on the website is a web publication
and a printed magazine at once (anyone may download and print it), so it names a
person only if they may be named on the web **and** in print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal

from flagpress.model import Contributor, SiteConfig

Channel = Literal["web", "print", "web-pdf"]
CHANNELS: tuple[Channel, ...] = ("web", "print")  # what people consent to, one by one
WEB_PDF: Channel = "web-pdf"  # a PDF the website offers: needs web and print consent
OUTPUT_CHANNELS: tuple[Channel, ...] = (*CHANNELS, WEB_PDF)  # every channel an output is in


def may_be_named(person: Contributor, channel: Channel, today: dt.date) -> bool:
    """True only if the person chose a name and consents to it in `channel` today
    (for `web-pdf`, in both the channels it is published in)."""
    consent = person.consent
    if person.shown_as == "anonymous" or not person.name:
        return False
    if is_withdrawn(person, today):
        return False
    if channel == WEB_PDF:
        return consent.web and consent.print
    return consent.web if channel == "web" else consent.print


def is_withdrawn(person: Contributor, today: dt.date) -> bool:
    """Consent withdrawn on or before `today`: from then on, named nowhere at all."""
    return person.consent.withdrawn is not None and person.consent.withdrawn <= today


def neutral_phrase(
    person: Contributor, roles: Mapping[str, str], mention_lived_experience: bool = False
) -> str:
    """'a volunteer', 'an Action Group member': how an unnamed person is credited."""
    label = roles.get(person.roles[0], "contributor") if person.roles else "contributor"
    if not any(ch.isupper() for ch in label[1:]):
        label = label[:1].lower() + label[1:]
    article = "an" if label[:1].lower() in "aeiou" else "a"
    phrase = f"{article} {label}"
    if mention_lived_experience and person.lived_experience:
        phrase += " with lived experience"
    return phrase


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Namer:
    """Names people for one channel on one day; what every renderer uses.

    >>> Namer(people, config, "print", today).names(["sam-o", "anon-1"])  # 'Sam and a volunteer'
    """

    def __init__(
        self,
        contributors: Mapping[str, Contributor],
        config: SiteConfig,
        channel: Channel,
        today: dt.date,
    ) -> None:
        self.contributors, self.config = contributors, config
        self.channel, self.today = channel, today

    def may_name(self, person_id: str) -> bool:
        person = self.contributors.get(person_id)
        return person is not None and may_be_named(person, self.channel, self.today)

    def name(self, person_id: str) -> str:
        """The chosen name where allowed in this channel, else a neutral phrase."""
        person = self.contributors.get(person_id)
        if person is None:
            return "a contributor"
        if may_be_named(person, self.channel, self.today):
            return person.name
        config = self.config
        return neutral_phrase(person, config.roles, config.naming.mention_lived_experience)

    def names(self, person_ids: Iterable[str]) -> str:
        """'Sam, a volunteer and Priya Mistry' for a byline."""
        return join_names(self.name(i) for i in person_ids)
