"""Diagnostics go to terminals and CI logs: they never quote a private value."""

from __future__ import annotations

from conftest import FOREWORD, SITE_CONFIG, run

PRIVATE = "neil-j: {real_name: Neil Jonesborough, phone: '07700 900123'}\n"
LONG = (
    "Yesterday our friend Neil Jonesborough, who you can ring on 07700 900 123 at any time, "
    "told the whole group about the very long and winding road that led him to the hostel."
)
HARD = SITE_CONFIG + "print: {variants: []}\nplain_language: {max_sentence_words: 10}\n"


def test_a_quoted_long_sentence_has_its_private_details_withheld(publication) -> None:
    body = FOREWORD.replace("Welcome. Read [the second piece](second.md).", LONG)
    root = publication(
        {
            "site_config.yml": HARD,
            "content/issues/2019-03/foreword.md": body,
            "content/contributors.private.yml": PRIVATE,
        }
    )
    result = run("check", "--root", str(root))
    shown = result.stdout + result.stderr
    assert "[private detail withheld]" in shown
    for secret in ("Jonesborough", "07700", "900 123", "900123"):
        assert secret not in shown
    assert "Yesterday our friend [private detail withheld]" in shown


def test_a_file_name_holding_a_real_name_is_withheld_in_diagnostics(publication) -> None:
    named = FOREWORD.replace("Welcome. Read [the second piece](second.md).", "<b>hi</b>")
    root = publication(
        {
            "content/issues/2019-03/neil-jonesborough.md": named,
            "content/contributors.private.yml": PRIVATE,
        }
    )
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert "jonesborough" not in (result.stdout + result.stderr).lower()
    assert "content/issues/2019-03/[private detail withheld].md" in result.stderr
