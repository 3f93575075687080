"""`flagpress status`: what is waiting, grouped, one line per item with its file."""

from __future__ import annotations

import datetime as dt
import shutil

from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE_DIR,
    SECOND,
    SITE_CONFIG,
    WEB_ONLY,
    problem_lines,
    run,
)

SECOND_PATH = f"{ISSUE_DIR}/second.md"
TODAY = dt.date.today()
ALL_SIGN = SITE_CONFIG.replace("sign_off: none", "sign_off: all-credited") + WEB_ONLY
NEIL_CONSENT = "consent: {web: true, print: true, given: 2019-01-10}"


def status(root) -> list[str]:
    result = run("status", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()


def test_nothing_waiting(publication) -> None:
    assert status(publication()) == [
        "Nothing is waiting: no drafts, sign-offs, embargoes, consent reviews or withdrawals."
    ]


def test_drafts_review_and_ready_are_listed(publication) -> None:
    root = publication(
        {
            FOREWORD_PATH: FOREWORD.replace("status: published", "status: draft"),
            SECOND_PATH: SECOND.replace("status: published", "status: review"),
            "content/articles/later.md": SECOND.replace(
                "status: published", "status: ready"
            ).replace("title: Second piece", "title: Later"),
        }
    )
    assert status(root) == [
        "Not published yet (3):",
        f"  {FOREWORD_PATH}:6:9: 'Foreword' is a draft",
        f"  {SECOND_PATH}:6:9: 'Second piece' is in review",
        "  content/articles/later.md:6:9: 'Later' is ready",
    ]


def test_missing_sign_offs_name_who_and_the_command(publication) -> None:
    root = publication({"site_config.yml": ALL_SIGN})
    assert status(root) == [
        "Waiting for sign-off (3):",
        f"  {FOREWORD_PATH}:6:1: 'Foreword': neil-j has not signed it off; once they have read "
        f"and approved it, run: flagpress sign-off {FOREWORD_PATH} --by neil-j",
        f"  {SECOND_PATH}:6:1: 'Second piece': staff-a has not signed it off; once they have "
        f"read and approved it, run: flagpress sign-off {SECOND_PATH} --by staff-a",
        f"  {SECOND_PATH}:6:1: 'Second piece': anon-1 has not signed it off; once they have "
        f"read and approved it, run: flagpress sign-off {SECOND_PATH} --by anon-1",
        "The content also has 3 errors in 2 files: run flagpress check to see them.",
    ]


def sign(root, person: str = "neil-j") -> None:
    result = run(
        "sign-off", FOREWORD_PATH, "--by", person, "--on", "2019-03-02", "--root", str(root)
    )
    assert result.exit_code == 0, result.stderr


def test_a_changed_article_shows_the_words_that_changed(publication) -> None:
    config = SITE_CONFIG.replace("sign_off: none", "sign_off: lived-experience") + WEB_ONLY
    people = CONTRIBUTORS.replace(NEIL_CONSENT, NEIL_CONSENT + "\n  lived_experience: true", 1)
    root = publication({"site_config.yml": config, "content/contributors.yml": people})
    sign(root)
    path = root / FOREWORD_PATH
    edited = (
        path.read_text(encoding="utf-8")
        .replace("Welcome.", "Welcome to all.")
        .replace("tags: [housing]", "tags: [housing, prison]")
        .replace("title: Foreword", "title: A foreword")
    )
    path.write_text(edited, encoding="utf-8")
    assert status(root) == [
        "Waiting for sign-off (4):",
        f"  {FOREWORD_PATH}:10:5: 'A foreword' changed after neil-j approved it on 2019-03-02; "
        f"ask them to read it again, then run: flagpress sign-off {FOREWORD_PATH} --by neil-j",
        f"  {FOREWORD_PATH}:10:5: changed in the title: [-Foreword-]{{+A foreword+}}",
        f"  {FOREWORD_PATH}:10:5: changed in the text: [-Welcome.-]{{+Welcome to all.+}} Read "
        "[the second...",
        f"  {FOREWORD_PATH}:10:5: changed in the tags: [-housing-]{{+housing, prison+}}",
        "The content also has 1 error in 1 file: run flagpress check to see them.",
    ]


def test_when_the_approved_text_is_not_known_it_says_so(publication) -> None:
    root = publication({"site_config.yml": ALL_SIGN.replace("all-credited", "lived-experience")})
    people = CONTRIBUTORS.replace(NEIL_CONSENT, NEIL_CONSENT + "\n  lived_experience: true", 1)
    (root / "content/contributors.yml").write_text(people, encoding="utf-8")
    sign(root)
    shutil.rmtree(root / ".flagpress-cache")
    path = root / FOREWORD_PATH
    path.write_text(path.read_text().replace("Welcome.", "Hello."), encoding="utf-8")
    lines = status(root)
    assert lines[2] == (
        f"  {FOREWORD_PATH}:10:5: what changed cannot be shown: the sign-off keeps only a "
        "fingerprint, and the text they approved was not kept on this computer"
    )
    assert lines[1].startswith(f"  {FOREWORD_PATH}:10:5: 'Foreword' changed after neil-j")


LATER = SECOND.replace("title: Second piece", "title: Later")


def held(until: object) -> str:
    return f"title: Later\npublish_after: {until}"


def test_embargoes_with_their_dates(publication) -> None:
    later = TODAY + dt.timedelta(days=10)
    root = publication(
        {
            "content/articles/later.md": LATER.replace("title: Later", f"{held(later)}"),
            "content/articles/old.md": LATER.replace("title: Later", f"{held('2019-03-02')}"),
        }
    )
    assert status(root) == [
        "Held back until a date (embargoed) (1):",
        f"  content/articles/later.md:3:16: 'Later' goes out on {later} (held back until then)",
    ]


def review(days: int) -> str:
    return NEIL_CONSENT.replace("}", f", review: {TODAY + dt.timedelta(days=days)}}}")


def test_consent_reviews_due_within_60_days(publication) -> None:
    people = (
        CONTRIBUTORS.replace(NEIL_CONSENT, review(-3), 1)
        .replace(NEIL_CONSENT, review(60), 1)
        .replace(NEIL_CONSENT, review(61), 1)
    )
    root = publication({"content/contributors.yml": people})
    overdue, due = TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=60)
    assert status(root) == [
        f"Consent to confirm by {due} (2):",
        f"  content/contributors.yml:5:3: consent for 'neil-j' must be confirmed by {overdue} "
        "(overdue); check with them, then update 'review' (or 'withdrawn') in their consent",
        f"  content/contributors.yml:10:3: consent for 'staff-a' must be confirmed by {due}; "
        "check with them, then update 'review' (or 'withdrawn') in their consent",
        "The content also has 1 warning in 1 file: run flagpress check to see them.",
    ]


def test_withdrawals(publication) -> None:
    gone = NEIL_CONSENT.replace("}", ", withdrawn: 2020-01-01}")
    root = publication(
        {
            "content/contributors.yml": CONTRIBUTORS.replace(NEIL_CONSENT, gone, 1),
            FOREWORD_PATH: FOREWORD.replace("authors: [neil-j]", "authors: [staff-a]"),
        }
    )
    assert status(root) == [
        "Consent withdrawn (1):",
        "  content/contributors.yml:5:3: 'neil-j' withdrew consent on 2020-01-01: from then on "
        "they are named nowhere",
        "The content also has 1 warning in 1 file: run flagpress check to see them.",
    ]


def test_status_never_prints_a_private_value(publication) -> None:
    root = publication(
        {
            "content/contributors.private.yml": "neil-j: {real_name: Marianne Okonkwo}\n",
            FOREWORD_PATH: FOREWORD.replace("title: Foreword", "title: Okonkwo at home").replace(
                "status: published", "status: draft"
            ),
        }
    )
    result = run("status", "--root", str(root))
    assert "Okonkwo" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Not published yet (1):",
        f"  {FOREWORD_PATH}:6:9: '[private detail withheld] at home' is a draft",
    ]


def test_unreadable_content_is_reported_with_exit_1(publication) -> None:
    root = publication({"site_config.yml": "title: [\n"})
    result = run("status", "--root", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert problem_lines(result.stderr)[0].startswith("site_config.yml:2:1: error: ")


def test_a_kept_copy_that_was_altered_is_not_trusted(publication) -> None:
    config = SITE_CONFIG.replace("sign_off: none", "sign_off: lived-experience") + WEB_ONLY
    people = CONTRIBUTORS.replace(NEIL_CONSENT, NEIL_CONSENT + "\n  lived_experience: true", 1)
    root = publication({"site_config.yml": config, "content/contributors.yml": people})
    sign(root)
    (kept,) = (root / ".flagpress-cache" / "sign-offs").iterdir()
    kept.write_text(kept.read_text().replace("Welcome.", "Hello."), encoding="utf-8")
    path = root / FOREWORD_PATH
    path.write_text(path.read_text().replace("Welcome.", "Welcome all."), encoding="utf-8")
    assert status(root)[2] == (
        f"  {FOREWORD_PATH}:10:5: what changed cannot be shown: the sign-off keeps only a "
        "fingerprint, and the text they approved was not kept on this computer"
    )
