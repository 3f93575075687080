"""What must never appear in a channel's outputs, as needles for `flagpress.matching`.

From `contributors.private.yml`, every value of every person (real names, emails,
phones, anything else), and from the public registry the chosen name of anyone who
may not be named in that channel. A real name is also looked for surname first
("Okonkwo, Marianne") and, when distinctive, as a surname alone ("Ms M. Okonkwo").

Why the surname rule is safe (it must not stop legitimate builds):
- only for people with a private real name of two words or more who may not be
  named by that name here (a person named by their real name is not a secret);
- at least 4 letters, so initials and particles (de, van, le) never count;
- rarer in English than about 3 in a million words (`wordfreq`'s Zipf frequency
  below 3.5), so common words and very common surnames (Green, Smith, Jones)
  that appear in ordinary text are left out;
- not a word of anyone's chosen public name, nor of the publication's title or
  publisher, which legitimately appear everywhere.
A phone number is looked for by its national significant number (`phonenumbers`),
so any spacing, a leading 0, +44 or 0044 all match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

from flagpress.load.private_file import Private
from flagpress.matching import Matcher, Needle, compact, fold
from flagpress.model import Publication
from flagpress.naming import Channel, may_be_named
from flagpress.publish.common_words import zipf_at_least

MIN_LENGTH = 3  # shorter strings would match everywhere; real names and emails are longer
SURNAME_MIN_LENGTH = 4
SURNAME_MAX_ZIPF = 3.5  # about 3 uses per million English words
# wordfreq's small English list holds every word used once per million or more (Zipf 3),
# so it decides the threshold above exactly as the full list does (all 321,180 words of
# that list compared), in 4 MB of memory where the full list took 32 MB of every build's.
WORDLIST = "small"
PHONE_MIN_DIGITS = 7


@dataclass(frozen=True, order=True)
class Secret:
    """Who a needle belongs to and which of their details it is (never the value)."""

    person: str
    what: str  # "real_name", "email", "phone", "surname", "chosen name"...


@dataclass(frozen=True)
class Secrets:
    """One channel's needles in one automaton, and a digest naming them for the cache."""

    matcher: Matcher
    digest: str


def channel_secrets(
    pub: Publication, private: Private, channel: Channel, today: dt.date
) -> Secrets:
    """Every string that must not appear in `channel`'s outputs."""
    needles = sorted(_needles(pub, private, channel, today), key=repr)
    digest = hashlib.sha256(repr(needles).encode()).hexdigest()
    return Secrets(Matcher(needles), digest)


def person_needles(pub: Publication, private: Private, person_id: str) -> list[Needle]:
    """Needles for one person's private details and chosen name, in every channel."""
    found = [
        n
        for what, value in private.get(person_id, {}).items()
        for n in _value(pub, person_id, what, value)
    ]
    person = pub.contributors.get(person_id)
    if person is not None and person.name:
        found.extend(_plain(Secret(person_id, "name"), person.name))
    return found


def private_needles(pub: Publication | None, private: Private) -> list[Needle]:
    """Needles for every private detail of everyone in the private file.

    Without a publication (its settings could not be read), surnames alone are not
    looked for: whether one is distinctive depends on everyone's public names.
    """
    found: list[Needle] = []
    for person_id, details in private.items():
        for what, value in details.items():
            if pub is not None:
                found += _value(pub, person_id, what, value)
            else:
                found += _plain(Secret(person_id, what), value)
    return found


def _needles(
    pub: Publication, private: Private, channel: Channel, today: dt.date
) -> Iterator[Needle]:
    for person_id, details in private.items():
        person = pub.contributors.get(person_id)
        named = person is not None and may_be_named(person, channel, today)
        for what, value in details.items():
            chosen = person.name if person is not None else ""
            if what == "real_name" and named and compact(value) == compact(chosen):
                continue  # they chose to be named by their real name here
            yield from _value(pub, person_id, what, value)
    for person in pub.contributors.values():
        if person.name and not may_be_named(person, channel, today):
            yield from _plain(Secret(person.id, "chosen name"), person.name)


def _value(pub: Publication, person_id: str, what: str, value: str) -> Iterator[Needle]:
    secret = Secret(person_id, what)
    if "phone" in what or _looks_like_phone(value):
        yield from _phone(secret, value)
    yield from _plain(secret, value)
    if what == "real_name":
        yield from _name_variants(pub, person_id, value)


def _plain(secret: Secret, value: str) -> Iterator[Needle]:
    form = compact(value)
    if len(form) >= MIN_LENGTH:
        yield Needle(secret, form)


def _looks_like_phone(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return digits >= PHONE_MIN_DIGITS and all(c.isdigit() or c in " +-().\u00a0" for c in value)


def _phone(secret: Secret, value: str) -> Iterator[Needle]:
    """The number in every way it is written: national (0...), international (+44 ...,
    0044 ..., +44 (0) ...) or bare, whatever the spacing.

    Each form must stand between boundaries (a space, punctuation, markup or a letter):
    unbounded digits matched inside any long run of numbers, such as a PDF's table of
    byte offsets, and stopped builds that held no phone number at all.
    """
    try:
        number = phonenumbers.parse(value, "GB")
        digits = phonenumbers.national_significant_number(number)
        country = str(number.country_code)
    except phonenumbers.NumberParseException:
        digits, country = "".join(c for c in value if c.isdigit()).lstrip("0"), "44"
    if len(digits) < PHONE_MIN_DIGITS:
        return
    for prefix in ("", "0", country, f"{country}0", f"00{country}", f"00{country}0"):
        yield Needle(secret, prefix + digits)


def _name_variants(pub: Publication, person_id: str, real_name: str) -> Iterator[Needle]:
    words = fold(real_name).split()
    if len(words) < 2:
        return
    yield Needle(Secret(person_id, "real_name"), words[-1] + "".join(words[:-1]))
    surname = words[-1]
    if _distinctive(pub, surname):
        yield Needle(Secret(person_id, "surname"), surname)


def _distinctive(pub: Publication, surname: str) -> bool:
    """See the module doc: long enough, rare in English, in nobody's public name."""
    if len(surname) < SURNAME_MIN_LENGTH:
        return False
    if zipf_at_least(surname, SURNAME_MAX_ZIPF, WORDLIST):
        return False
    public = [p.name for p in pub.contributors.values() if p.name]
    public += [pub.config.title, pub.config.publisher]
    return all(surname not in fold(text).split() for text in public)
