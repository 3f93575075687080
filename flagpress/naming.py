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
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from flagpress.model import Contributor
from flagpress.settings import SiteConfig

if TYPE_CHECKING:
    import inflect

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
    """'a volunteer', 'an Action Group member': how an unnamed person is credited.

    The phrase comes from the person's own first role in the registry, never from
    the piece they worked on, so one person is described the same way everywhere.
    """
    return counted(unnamed_label(person, roles, mention_lived_experience), 1)


def unnamed_label(
    person: Contributor, roles: Mapping[str, str], mention_lived_experience: bool = False
) -> str:
    """'volunteer', 'Action Group member': the neutral phrase without its article."""
    label = roles.get(person.roles[0], "contributor") if person.roles else "contributor"
    if not any(ch.isupper() for ch in label[1:]):
        label = label[:1].lower() + label[1:]
    if mention_lived_experience and person.lived_experience:
        label += " with lived experience"
    return label


def counted(label: str, count: int) -> str:
    """'two volunteers', '12 peer researchers': unnamed people of one kind, counted.

    Counted so that two anonymous authors read as two people, not as the same
    phrase said twice ("a volunteer, a volunteer").
    """
    if count == 1:
        return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"
    number = _NUMBER_WORDS.get(count, str(count))
    return f"{number} {_plurals().plural_noun(label)}"


# Style guides spell out numbers below ten: "two volunteers", "12 volunteers".
_SMALL = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
_NUMBER_WORDS = dict(enumerate(_SMALL, start=2))


@functools.cache
def _plurals() -> inflect.engine:
    """inflect knows English plurals of compound role labels ("editors-in-chief",
    "volunteers with lived experience", "chairpeople"), which a suffix rule gets wrong.

    Imported on first use, and without its run-time type checks: inflect decorates its
    methods with typeguard's `typechecked`, which re-parses inflect's source at import
    (1.6 s of CPU, a third of a whole 1,000-article build). typeguard itself is a no-op
    under `python -O` ("not meant for production"); here it is made one for this import
    only. Our calls pass plain strings, which mypy checks.
    """
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked  # type: ignore[assignment]
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect.engine()


def _unchecked(target: object = None, **_options: object) -> object:
    """typeguard's `typechecked` as it is under `python -O`: the target unchanged."""
    return target if target is not None else (lambda function: function)


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Credit:
    """One part of a credit line: a named person, or unnamed people of one kind, counted."""

    text: str  # "Skylark", "a volunteer", "two volunteers"
    person: str | None  # the named person's id; None for unnamed people


class Namer:
    """Names people for one channel on one day; what every renderer uses.

    >>> Namer(people, config, "print", today).names(["anon-1", "sam-o"])  # 'Sam and a volunteer'
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
        if self.may_name(person_id):
            return self.contributors[person_id].name
        return counted(self._label(person_id), 1)

    def credits(self, person_ids: Iterable[str]) -> list[Credit]:
        """Named people first, in the order given, then unnamed people grouped and counted.

        A neutral phrase right after a name reads as a description of that person
        ("Skylark, a volunteer and Priya Mistry" makes Skylark the volunteer), so the
        unnamed come last: "Skylark, Priya Mistry and a volunteer". Each person counts once.
        """
        named: list[Credit] = []
        unnamed: dict[str, int] = {}
        for person_id in dict.fromkeys(person_ids):
            if self.may_name(person_id):
                named.append(Credit(self.contributors[person_id].name, person_id))
            else:
                label = self._label(person_id)
                unnamed[label] = unnamed.get(label, 0) + 1
        return named + [Credit(counted(label, n), None) for label, n in unnamed.items()]

    def names(self, person_ids: Iterable[str]) -> str:
        """'Skylark, Priya Mistry and a volunteer', 'two volunteers': for a byline."""
        return join_names(credit.text for credit in self.credits(person_ids))

    def _label(self, person_id: str) -> str:
        person = self.contributors.get(person_id)
        if person is None:
            return "contributor"
        config = self.config
        return unnamed_label(person, config.roles, config.naming.mention_lived_experience)
