"""Checks for personal data typed into articles: emails, phone numbers, postcodes, NHS and
National Insurance numbers.

Volunteers write about real lives; a phone number or an NHS number in a draft is an
easy slip and a serious breach once published. These are warnings at the exact place
(errors with --strict). The publication's own public contact details are allowed. The
value itself is never repeated in the message, since build logs are not private.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem
from flagpress.model import Body, Publication
from flagpress.settings import SiteConfig

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)\d[\d\s-]{8,12}\d(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
NINO = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
NHS = re.compile(r"(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
NHS_CONTEXT = re.compile(r"\bNHS\b", re.IGNORECASE)
# Every pattern above needs a digit or an @: most lines of prose have neither, and are
# passed over after one search instead of five (a tenth of a cold check's text checks).
_MAY_HOLD = re.compile(r"[\d@]")

WHAT = {
    "email": "an email address",
    "phone": "a phone number",
    "postcode": "a postcode",
    "nino": "a National Insurance number",
    "nhs": "an NHS number",
}


def check(pub: Publication) -> Iterator[Problem]:
    for article in pub.all_articles():
        yield from check_text(pub.config, article.source, article.body)
    for page in pub.pages:
        yield from check_text(pub.config, page.source, page.body)


def check_text(config: SiteConfig, path: str, body: Body) -> Iterator[Problem]:
    """The personal data in one text; it depends on the body and `config.contact` only."""
    return _body(path, body, _allowed(config))


def _allowed(config: SiteConfig) -> set[str]:
    contact = config.contact
    return {_key(contact.email), _key(contact.phone)} - {""}


def _key(value: str) -> str:
    """Emails compare without case, phone numbers by their digits (+44 as 0)."""
    if "@" in value:
        return value.strip().lower()
    digits = re.sub(r"\D", "", value)
    return "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits


def _body(path: str, body: Body, allowed: set[str]) -> Iterator[Problem]:
    for offset, line in enumerate(body.source.split("\n")):
        if not _MAY_HOLD.search(line):
            continue
        for kind, col in _findings(line, allowed):
            where = Location(path, body.first_line + offset, col)
            yield where.warning(
                "personal-data",
                f"this looks like {WHAT[kind]}; personal details must not be published. "
                "Remove it, or write the publication's own contact details instead",
            )


def _findings(line: str, allowed: set[str]) -> Iterator[tuple[str, int]]:
    for kind, pattern in (("email", EMAIL), ("nino", NINO), ("postcode", POSTCODE)):
        for match in pattern.finditer(line):
            if _key(match.group()) not in allowed:
                yield kind, match.start() + 1
    for match in PHONE.finditer(line):
        digits = _key(match.group())
        if len(digits) in (10, 11) and digits not in allowed and not _is_nhs(match.group(), line):
            yield "phone", match.start() + 1
    for match in NHS.finditer(line):
        if _is_nhs(match.group(), line):
            yield "nhs", match.start() + 1


def _is_nhs(candidate: str, line: str) -> bool:
    """Ten digits passing the NHS modulus-11 check, with 'NHS' on the same line."""
    digits = [int(d) for d in re.sub(r"\D", "", candidate)]
    if len(digits) != 10 or not NHS_CONTEXT.search(line):
        return False
    remainder = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check_digit = (11 - remainder) % 11
    return check_digit != 10 and check_digit == digits[9]
