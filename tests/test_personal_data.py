"""Personal data typed into articles is flagged at its place, without repeating it."""

from __future__ import annotations

import pytest
from conftest import FOREWORD_PATH, check, flat, with_body

ARTICLE = FOREWORD_PATH
LINE = 10  # the body line of the fixture's foreword


def _check(publication, text: str, *args: str):
    return check(publication(with_body(text)), *args)


@pytest.mark.parametrize(
    ("text", "col", "what"),
    [
        ("Write to sam.o@gmail.com today.", 10, "an email address"),
        ("Ring 07700 900123 any time.", 6, "a phone number"),
        ("Ring +44 7700 900123 any time.", 6, "a phone number"),
        ("Call 01273 123456.", 6, "a phone number"),
        ("She lives at BN1 1AA now.", 14, "a postcode"),
        ("His NI number is AB 12 34 56 C.", 18, "a National Insurance number"),
        ("NHS number 943 476 5919 was read out.", 12, "an NHS number"),
    ],
)
def test_personal_data_is_a_warning_at_its_place(publication, text, col, what) -> None:
    result = _check(publication, text)
    assert result.exit_code == 0
    assert flat(result).splitlines() == [
        f"{ARTICLE}:{LINE}:{col}: warning: this looks like {what}; personal details must not "
        "be published. Remove it, or write the publication's own contact details instead "
        "[personal-data]",
    ]


def test_strict_makes_personal_data_an_error(publication) -> None:
    assert _check(publication, "Ring 07700 900123.", "--strict").exit_code == 1


@pytest.mark.parametrize(
    "text",
    [
        "Email test@example.org or call 01273 000000.",  # the publication's own contact
        "Call +44 1273 000000.",
        "The year 2019 and 12 volunteers.",
        "Reference 943 476 5918 is not an NHS number check digit.",  # fails the checksum
        "Order 943 476 5919 from the shop.",  # passes the checksum but no NHS context
    ],
)
def test_public_contact_details_and_ordinary_numbers_pass(publication, text) -> None:
    result = _check(publication, text)
    assert result.exit_code == 0
    assert result.stderr == ""
