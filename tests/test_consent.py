"""Consent: withdrawn, due for review, photo consent; and what each channel shows."""

from __future__ import annotations

from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    build,
    check,
    expect_check,
    expected,
    files_containing,
    page_html,
    run,
    shown,
)

REGISTRY = """\
- id: neil-j
  shown_as: full
  name: Neil J
  roles: [volunteer]
  consent: {{web: true, print: true, photo: {photo}, given: 2019-01-10, review: {review},
            withdrawn: {withdrawn}}}
- id: staff-a
  shown_as: first-name
  name: Alex
  roles: [editor]
  consent: {{web: true, print: true, given: 2019-01-10}}
- id: anon-1
  shown_as: anonymous
  roles: [volunteer]
  consent: {{web: true, print: true, given: 2019-01-10}}
"""
IMAGE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'


def _registry(photo: str = "false", review: str = "null", withdrawn: str = "null") -> str:
    return REGISTRY.format(photo=photo, review=review, withdrawn=withdrawn)


def test_withdrawn_consent_warns_with_every_article_and_printed_issue(publication) -> None:
    root = publication({"content/contributors.yml": _registry(withdrawn="2020-05-01")})
    result = check(root)
    assert result.exit_code == 0
    assert shown(result) == expected(
        "content/contributors.yml:1:3: warning: 'neil-j' withdrew consent on 2020-05-01: they "
        "are named nowhere from then on. Articles that credit them: "
        "content/issues/2019-03/foreword.md. Issues already printed that named them: issue 1 "
        "(2019-03-01) [consent-withdrawn]",
        "content/issues/2019-03/foreword.md:7:1: warning: this article credits 'neil-j', who "
        "withdrew consent on 2020-05-01; they are shown only as a neutral phrase. Check the "
        "text does not name or identify them [credits-withdrawn]",
        warnings=2,
    )
    assert check(root, "--strict").exit_code == 1


def test_after_withdrawal_the_name_is_gone_from_every_web_page(publication) -> None:
    site = build(publication({"content/contributors.yml": _registry(withdrawn="2020-05-01")}))
    assert files_containing(site, "Neil J") == []
    foreword = page_html(site, "issues/2019-03/foreword")
    assert '<p class="fp-byline">By a volunteer</p>' in foreword


def test_a_withdrawal_dated_in_the_future_changes_nothing_yet(publication) -> None:
    root = publication({"content/contributors.yml": _registry(withdrawn="2999-01-01")})
    result = run("build", "--root", str(root))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "By Neil J" in page_html(root / "site", "issues/2019-03/foreword")


def test_consent_past_its_review_date_is_a_warning_naming_the_person(publication) -> None:
    root = publication({"content/contributors.yml": _registry(review="2020-01-10")})
    result = check(root)
    assert result.exit_code == 0
    assert shown(result) == expected(
        "content/contributors.yml:1:3: warning: consent for 'neil-j' was due to be confirmed "
        "by 2020-01-10; check with them and update 'review' (or 'withdrawn') in their consent "
        "[consent-review-due]",
        warnings=1,
    )


def test_a_person_in_a_photo_needs_photo_consent(publication) -> None:
    foreword = FOREWORD.replace(
        "tags: [housing]",
        "tags: [housing]\nimage: {src: images/p.svg, alt: Two people talking, "
        "people: [staff-a, neil-j]}",
    )
    changes = {
        "content/contributors.yml": _registry(photo="false"),
        FOREWORD_PATH: foreword,
        "content/issues/2019-03/images/p.svg": IMAGE,
    }
    expect_check(
        publication,
        changes,
        f"{FOREWORD_PATH}:9:62: error: 'staff-a' is in this image but has not agreed to appear "
        "in photos (consent.photo); use another image, or ask them and update their consent "
        "[no-photo-consent]",
        f"{FOREWORD_PATH}:9:71: error: 'neil-j' is in this image but has not agreed to appear "
        "in photos (consent.photo); use another image, or ask them and update their consent "
        "[no-photo-consent]",
    )
