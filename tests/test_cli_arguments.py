"""Mistakes on the command line are told in flagpress's words, one line, exit code 2.

Click's own messages ("Usage: ...", "Invalid value for '--on'", "Try ... --help") are
never shown; each command's typical slip is tried here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FOREWORD_PATH, run


@pytest.fixture
def root(publication) -> Path:
    return publication()


def usage_error(*args: str) -> str:
    """What `flagpress args` prints; it must fail as a usage error, in flagpress's words."""
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


def test_a_british_date_for_sign_off_is_shown_as_it_must_be_written(root: Path) -> None:
    assert usage_error(
        "sign-off", FOREWORD_PATH, "--by", "neil-j", "--on", "1/6/2019", "--root", str(root)
    ) == ("flagpress: error: --on: write the date as 2019-06-01 (year-month-day), not '1/6/2019'")


def test_an_impossible_date_says_so(root: Path) -> None:
    assert usage_error(
        "sign-off", FOREWORD_PATH, "--by", "neil-j", "--on", "2019-02-30", "--root", str(root)
    ) == ("flagpress: error: --on: '2019-02-30' is not a real date; check the month and day")


def test_a_date_in_words_gets_an_example(root: Path) -> None:
    assert usage_error("report", "--from", "June 2019", "--root", str(root)) == (
        "flagpress: error: --from: write the date as year-month-day, e.g. 2019-03-01 "
        "(not 'June 2019')"
    )


def test_sign_off_without_by_says_what_by_is(root: Path) -> None:
    assert usage_error("sign-off", FOREWORD_PATH, "--root", str(root)) == (
        "flagpress: error: flagpress sign-off needs --by, the id of the person who approved "
        "it; run 'flagpress sign-off --help' to see what it takes"
    )


def test_pdf_without_an_issue(root: Path) -> None:
    assert usage_error("pdf", "--root", str(root)) == (
        "flagpress: error: flagpress pdf needs ISSUE, an issue: its folder name or its number, "
        "e.g. 2019-03 or 7; run 'flagpress pdf --help' to see what it takes"
    )


def test_pdf_of_an_issue_that_does_not_exist_lists_those_that_do(root: Path) -> None:
    assert usage_error("pdf", "9", "--root", str(root)) == (
        "flagpress: error: there is no issue '9'; the issues are: 2019-03 (number 1)"
    )


def test_pdf_with_an_unknown_variant(root: Path) -> None:
    assert usage_error("pdf", "1", "--variant", "prnt", "--root", str(root)) == (
        "flagpress: error: --variant: write one of: screen, print, large-print, booklet"
    )


def test_report_with_an_unknown_format(root: Path) -> None:
    assert usage_error("report", "--format", "xml", "--root", str(root)) == (
        "flagpress: error: --format: write one of: text, csv, json"
    )


def test_check_with_a_misspelt_option(root: Path) -> None:
    assert usage_error("check", "--strcit", "--root", str(root)) == (
        "flagpress: error: flagpress check has no option --strcit; did you mean '--strict'?"
    )


def test_build_output_that_is_a_file(root: Path) -> None:
    assert usage_error("build", "--root", str(root), "--output", str(root / "site_config.yml")) == (
        "flagpress: error: --output: this is a file; give a folder"
    )


def test_where_without_a_person(root: Path) -> None:
    assert usage_error("where", "--root", str(root)) == (
        "flagpress: error: flagpress where needs PERSON, a contributor's id from "
        "content/contributors.yml, e.g. neil-j; run 'flagpress where --help' to see what it takes"
    )


def test_status_given_an_argument_it_does_not_take(root: Path) -> None:
    assert usage_error("status", "everything", "--root", str(root)) == (
        "flagpress: error: flagpress status was given more than it takes; run "
        "'flagpress status --help' to see what it takes"
    )


def test_schema_output_needs_a_value(root: Path) -> None:
    assert usage_error("schema", "--root", str(root), "--output") == (
        "flagpress: error: --output needs a value after it; run 'flagpress schema --help' to "
        "see what it takes"
    )


def test_a_misspelt_command() -> None:
    assert (
        usage_error("chekc")
        == "flagpress: error: there is no command 'chekc'; did you mean 'check'?"
    )


def test_an_unknown_option_before_the_command() -> None:
    assert usage_error("--colour", "check") == (
        "flagpress: error: flagpress has no option --colour; run 'flagpress --help' to see "
        "what it takes"
    )


def test_flagpress_alone_lists_the_commands() -> None:
    result = run()
    assert "Commands:" in result.output and "check" in result.output
    assert "error" not in result.output
