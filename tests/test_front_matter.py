"""Front matter: the `---` fenced YAML at the top of every Markdown file."""

from __future__ import annotations

import pytest
from conftest import FOREWORD, FOREWORD_PATH, PAGE, check, expect_check, flat

from flagpress.diagnostics import ContentError
from flagpress.load.front_matter import Split, split_front_matter

PAGE_PATH = "content/pages/about.md"


def split_problem(text: str) -> str:
    with pytest.raises(ContentError) as caught:
        split_front_matter(text, "content/pages/about.md")
    [problem] = caught.value.problems
    return problem.format()


def test_split_gives_yaml_and_body_with_their_file_lines() -> None:
    split = split_front_matter("---\ntitle: About\n---\nFirst line.\n", PAGE_PATH)
    assert split == Split(
        yaml_text="title: About", yaml_first_line=2, body="First line.\n", body_first_line=4
    )


def test_three_dots_also_close_the_front_matter() -> None:
    split = split_front_matter("---\ntitle: About\n...\nText\n", PAGE_PATH)
    assert (split.yaml_text, split.body) == ("title: About", "Text\n")


def test_missing_front_matter() -> None:
    assert split_problem("# About us\n\nWe are a test.\n") == (
        "content/pages/about.md:1:1: error: the file must start with a line '---', then the "
        "title and other details, then another '---' line [no-front-matter]"
    )


def test_front_matter_after_a_blank_line_is_missing_front_matter() -> None:
    assert split_problem("\n---\ntitle: About\n---\n").endswith("[no-front-matter]")


def test_unclosed_front_matter() -> None:
    assert split_problem("---\ntitle: About\n\nWe are a test.\n") == (
        "content/pages/about.md:1:1: error: the details at the top of the file start here but "
        "are never closed; add a line '---' after the last detail and before the text "
        "[unclosed-front-matter]"
    )


@pytest.mark.parametrize("text", ["", "\n", "  \n\n\t\n"])
def test_empty_file(text: str) -> None:
    assert split_problem(text) == (
        "content/pages/about.md:1:1: error: this file is empty; add the details at the top and "
        "the text [empty-file]"
    )


def test_missing_front_matter_is_reported_by_check(publication) -> None:
    expect_check(
        publication,
        {PAGE_PATH: "We are a test.\n"},
        f"{PAGE_PATH}:1:1: error: the file must start with a line '---', then the title and "
        "other details, then another '---' line [no-front-matter]",
    )


def test_empty_front_matter_lists_the_keys_it_needs(publication) -> None:
    expect_check(
        publication,
        {PAGE_PATH: "---\n---\nWe are a test.\n"},
        f"{PAGE_PATH}:1:1: error: the details at the top of the file need the key 'title': the "
        "page's title [missing-key]",
    )


def test_duplicate_key_lines_are_file_lines(publication) -> None:
    article = FOREWORD.replace("status: published", "status: published\ntitle: Again")
    expect_check(
        publication,
        {FOREWORD_PATH: article},
        f"{FOREWORD_PATH}:7:1: error: key 'title' appears twice (first on line 2); keep only "
        "one [duplicate-key]",
    )


def test_syntax_error_line_is_a_file_line(publication) -> None:
    article = FOREWORD.replace("summary: Why we made", "summary: Why: we made")
    expect_check(
        publication,
        {FOREWORD_PATH: article},
        f"{FOREWORD_PATH}:4:13: error: a ':' here was not expected; put quotes around a value "
        "that contains ': ', and check that the line above has its ':' and that this line is "
        "indented like the others [yaml-syntax]",
    )


def test_unclosed_quote_points_at_its_file_line_not_the_closing_fence(publication) -> None:
    article = FOREWORD.replace("summary: Why we made this issue.", 'summary: "Why we made')
    expect_check(
        publication,
        {FOREWORD_PATH: article},
        f"{FOREWORD_PATH}:4:10: error: the quoted text that starts here is never closed; add "
        "the closing quote [yaml-syntax]",
    )


def test_tab_in_front_matter_is_at_its_file_line_and_column(publication) -> None:
    page = PAGE.replace("title: About us", "title:\tAbout us")
    expect_check(
        publication,
        {PAGE_PATH: page},
        f"{PAGE_PATH}:2:7: error: this line contains a tab; use a space instead [yaml-tab]",
    )


def test_unknown_key_in_a_page_with_suggestion(publication) -> None:
    result = check(publication({PAGE_PATH: PAGE.replace("title: About us", "titel: About us")}))
    assert result.exit_code == 1
    assert flat(result) == (
        f"{PAGE_PATH}:2:1: error: the details at the top of the file need the key 'title': the "
        "page's title [missing-key]\n"
        f"{PAGE_PATH}:2:1: error: unknown key 'titel' in the details at the top of the file (did "
        "you mean 'title'?) [unknown-key]\n"
    )
