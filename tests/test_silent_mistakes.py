"""Mistakes that used to be published without a word (issue 12): each is now reported by
`flagpress check` at its file, line and column, saying what to do."""

from __future__ import annotations

import io

from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    SECOND,
    SITE_CONFIG,
    check,
    expect_check,
    reported,
    run,
    short_enough,
    with_body,
)
from PIL import Image

A = FOREWORD_PATH  # its body starts on file line 10


# --- /// blocks ------------------------------------------------------------------------


def test_an_unclosed_pull_quote_is_an_error_at_its_opening_line(publication) -> None:
    expect_check(
        publication,
        with_body("Intro.\n\n/// pull-quote\nWe all worked as one team.\n\nThe rest of it."),
        f"{A}:12:1: error: this '/// pull-quote' block is never closed, so it would take in the "
        "rest of the text; add a line '///' where it ends [unclosed-block]",
    )


def test_an_unclosed_caption_is_an_error(publication) -> None:
    expect_check(
        publication,
        with_body("/// caption\nFigure 1: The ladder\n\nMore text."),
        f"{A}:10:1: error: this '/// caption' block is never closed, so it would take in the "
        "rest of the text; add a line '///' where it ends [unclosed-block]",
    )


def test_a_closed_block_and_one_inside_another_are_fine(publication) -> None:
    body = "//// note\nOuter.\n\n/// pull-quote\nInner.\n///\n\n////\n\n/// caption\nCap\n///"
    expect_check(publication, with_body(body))


def test_a_block_left_open_inside_another_is_reported(publication) -> None:
    expect_check(
        publication,
        with_body("//// note\nOuter.\n\n/// pull-quote\nInner.\n\n////"),
        f"{A}:13:1: error: this '/// pull-quote' block is never closed, so it would take in the "
        "rest of the text; add a line '///' where it ends [unclosed-block]",
    )


def test_a_misspelt_block_name_suggests_the_right_one(publication) -> None:
    expect_check(
        publication,
        with_body("/// pullquote\nWe all worked as one team.\n///\n\n/// captoin\nCap\n///"),
        f"{A}:10:1: error: there is no block called 'pullquote', so it would be printed as it "
        "is; did you mean 'pull-quote'? [unknown-block]",
        f"{A}:14:1: error: there is no block called 'captoin', so it would be printed as it "
        "is; did you mean 'caption'? [unknown-block]",
    )


def test_an_unknown_block_name_lists_the_blocks_editors_use(publication) -> None:
    expect_check(
        publication,
        with_body("/// sidebar\nText.\n///"),
        f"{A}:10:1: error: there is no block called 'sidebar', so it would be printed as it "
        "is; use one of: pull-quote, caption, note [unknown-block]",
    )


def test_a_closing_line_with_nothing_to_close(publication) -> None:
    expect_check(
        publication,
        with_body("Text.\n\n///"),
        f"{A}:12:1: error: this '///' line closes no block, so it would be printed as it is; "
        "delete it, or start the block above it with e.g. '/// pull-quote' [stray-block-end]",
    )


def test_blocks_shown_as_code_are_not_checked(publication) -> None:
    expect_check(publication, with_body("How to write one:\n\n```\n/// pull-quote\n```"))


# --- footnotes -------------------------------------------------------------------------


def test_a_footnote_reference_without_its_note_is_an_error(publication) -> None:
    expect_check(
        publication,
        with_body("One claim.[^1] Another.[^2]\n\n[^1]: Source, 2019."),
        f"{A}:10:24: error: the footnote [^2] has no note, so it would be printed as it is; "
        "add a line '[^2]: ...' at the end, or remove the reference [missing-footnote]",
    )


def test_a_note_never_referred_to_is_a_warning(publication) -> None:
    expect_check(
        publication,
        with_body("One claim.[^1]\n\n[^1]: Source, 2019.\n[^3]: Forgotten, 2020."),
        f"{A}:13:1: warning: the note [^3] is never referred to; add [^3] where it belongs in "
        "the text, or delete the note [unused-footnote]",
        warnings=1,
    )


def test_footnotes_in_code_and_notes_citing_notes_are_fine(publication) -> None:
    body = "Write `[^9]` for a note.[^a]\n\n[^a]: See also.[^b]\n[^b]: Source."
    expect_check(publication, with_body(body))


# --- the issue and its running order ---------------------------------------------------

ISSUE_PATH = "content/issues/2019-03/issue.yml"
PRINTED = {"site_config.yml": SITE_CONFIG}  # the default print settings: PDFs are made


def test_an_issue_without_a_cover_is_a_warning_when_pdfs_are_made(publication) -> None:
    expect_check(
        publication,
        PRINTED,
        f"{ISSUE_PATH}:1:1: warning: this issue has no cover picture, so its PDFs get a cover "
        'designed from the brand; add e.g. cover: {src: images/cover.jpg, alt: "What the '
        'picture shows"} [no-cover]',
        warnings=1,
    )


def test_no_cover_warning_for_a_website_without_pdfs(publication) -> None:
    expect_check(publication, {})


def test_a_draft_in_the_running_order_is_left_out_with_a_warning(publication) -> None:
    draft = SECOND.replace("status: published", "status: draft")
    expect_check(
        publication,
        {f"{ISSUE_DIR}/second.md": draft, **with_body("Welcome.")},
        f"{ISSUE_PATH}:5:25: warning: 'second.md' is still 'draft', so the issue is published "
        "without it until its status is 'published' [not-ready]",
        warnings=1,
    )


# --- sign-off --------------------------------------------------------------------------


def test_a_sign_off_by_someone_not_credited_is_an_error_at_its_line(publication) -> None:
    signed = FOREWORD.replace(
        "tags: [housing]", "tags: [housing]\nsign_off:\n  - {by: staff-a, on: 2019-02-20, text: x}"
    )
    expect_check(
        publication,
        {A: signed},
        f"{A}:10:10: error: 'staff-a' signed off this article but is not credited on it; add "
        "them to 'authors' or 'credits', or remove this sign-off [sign-off-not-credited]",
    )


# --- Word's artefacts in the details at the top of a file ------------------------------

CURLY = (
    "this value is wrapped in curly quotes, which Word adds; type straight quotes ' or \" "
    "instead [word-quotes]"
)


def details(old: str, new: str) -> dict[str, str]:
    assert old in FOREWORD
    return {A: FOREWORD.replace(old, new)}


def test_curly_quotes_around_a_title_with_a_colon_are_named(publication) -> None:
    """They used to give "a ':' here was not expected; put quotes around a value..."."""
    expect_check(
        publication,
        details("title: Foreword", "title: \u201cForeword: why we did it\u201d"),
        f"{A}:2:8: error: {CURLY}",
    )


def test_curly_quotes_around_a_summary_are_not_published(publication) -> None:
    expect_check(
        publication,
        details("summary: Why we made this issue.", "summary: \u2018Why we made this issue.\u2019"),
        f"{A}:4:10: error: {CURLY}",
    )


def test_curly_quotes_in_a_list_and_apostrophes_inside_a_value(publication) -> None:
    expect_check(
        publication,
        details("tags: [housing]", "tags: [housing, \u201cSam\u2019s story\u201d]"),
        f"{A}:8:17: error: {CURLY}",
    )


def test_curly_quotes_inside_a_value_are_typography_not_a_mistake(publication) -> None:
    summary = "summary: The \u201cno decision about me\u201d motto, and Sam\u2019s view."
    expect_check(publication, details("summary: Why we made this issue.", summary))


def test_a_non_breaking_space_is_named(publication) -> None:
    expect_check(
        publication,
        details("title: Foreword", "title:\u00a0Foreword"),
        f"{A}:2:7: error: this line contains a non-breaking space, which Word adds; delete it "
        "and type an ordinary space [word-space]",
    )


def test_a_zero_width_character_is_named(publication) -> None:
    expect_check(
        publication,
        details("title: Foreword", "title: Fore\u200bword"),
        f"{A}:2:12: error: this line contains a zero-width space (U+200B), an invisible "
        "character that Word and web pages add; delete it [invisible-character]",
    )


def test_an_en_dash_bullet_is_named(publication) -> None:
    expect_check(
        publication,
        details("tags: [housing]", "tags:\n  \u2013 housing"),
        f"{A}:9:3: error: this list item starts with an en dash (\u2013), which Word adds to "
        "lists; type a hyphen '-' instead [word-bullet]",
    )


def test_tab_indentation_is_said_plainly(publication) -> None:
    expect_check(
        publication,
        details("tags: [housing]", "tags:\n\t- housing"),
        f"{A}:9:1: error: this line is indented with a tab; use spaces instead [yaml-tab]",
    )


def test_word_artefacts_in_issue_yml_and_contributors_are_named_too(publication) -> None:
    expect_check(
        publication,
        {
            ISSUE_PATH: ISSUE.replace("title: First issue", "title: \u201cFirst: issue\u201d"),
            "content/contributors.yml": CONTRIBUTORS.replace("name: Alex", "name:\u00a0Alex"),
        },
        "content/contributors.yml:8:8: error: this line contains a non-breaking space, which "
        "Word adds; delete it and type an ordinary space [word-space]",
        f"{ISSUE_PATH}:1:8: error: {CURLY}",
    )


# --- a name where an id is expected, and ids given to two people -----------------------

PEOPLE = "content/contributors.yml"


def test_a_name_where_an_id_is_expected_suggests_the_id(publication) -> None:
    expect_check(
        publication,
        details("authors: [neil-j]", "authors: [Alex, neil j]"),
        f"{A}:7:11: error: 'Alex' is a name, not an id; did you mean 'staff-a'? [bad-id]",
        f"{A}:7:17: error: 'neil j' is a name, not an id; did you mean 'neil-j'? [bad-id]",
    )


def test_a_name_close_to_a_chosen_name_suggests_the_id(publication) -> None:
    expect_check(
        publication,
        details("authors: [neil-j]", "authors: [Neil Jay]"),
        f"{A}:7:11: error: 'Neil Jay' is a name, not an id; did you mean 'neil-j'? [bad-id]",
    )


def test_a_name_nobody_chose_gets_the_plain_id_advice(publication) -> None:
    expect_check(
        publication,
        details("authors: [neil-j]", "authors: [Zebedee Quist]"),
        f"{A}:7:11: error: 'Zebedee Quist' is not a valid id; use lowercase letters, digits "
        "and hyphens [bad-id]",
    )


def test_a_private_real_name_typed_as_an_author_is_never_printed(publication) -> None:
    private = "neil-j: {real_name: Neil Jaworski}\n"
    result = check(
        publication(
            {
                **details("authors: [neil-j]", "authors: [Neil Jaworski]"),
                "content/contributors.private.yml": private,
            }
        )
    )
    assert result.stderr == reported(
        f"{A}:7:11: error: '[private detail withheld]' is a name, not an id; did you mean "
        "'neil-j'? [bad-id]"
    )


DUPLICATED = CONTRIBUTORS.replace("- id: staff-a", "- id: neil-j")  # meant neil-k, say


def test_did_you_mean_warns_when_the_id_is_given_to_two_people(publication) -> None:
    expect_check(
        publication,
        {
            PEOPLE: DUPLICATED,
            **details("authors: [neil-j]", "authors: [neil-k]"),
            f"{ISSUE_DIR}/second.md": SECOND.replace("staff-a, ", ""),
            ISSUE_PATH: ISSUE.replace("editors: [staff-a]", "editors: []"),
        },
        f"{PEOPLE}:6:3: error: the id 'neil-j' is already used on line 1; give each person "
        "their own id [duplicate-contributor]",
        f"{A}:7:11: error: no contributor 'neil-k' in content/contributors.yml (did you mean "
        "'neil-j'? Careful: that id is given to 2 people in content/contributors.yml, on lines "
        "1 and 6; give each their own id first) [unknown-contributor]",
    )


def test_a_name_of_someone_whose_id_is_duplicated_says_so(publication) -> None:
    expect_check(
        publication,
        {
            PEOPLE: DUPLICATED,
            **details("authors: [neil-j]", "authors: [Alex]"),
            f"{ISSUE_DIR}/second.md": SECOND.replace("staff-a, ", ""),
            ISSUE_PATH: ISSUE.replace("editors: [staff-a]", "editors: []"),
        },
        f"{PEOPLE}:6:3: error: the id 'neil-j' is already used on line 1; give each person "
        "their own id [duplicate-contributor]",
        f"{A}:7:11: error: 'Alex' is a name, not an id; did you mean 'neil-j'? Careful: that "
        "id is given to 2 people in content/contributors.yml, on lines 1 and 6; give each their "
        "own id first [bad-id]",
    )


# --- every message is short -------------------------------------------------------------


def test_the_length_rule_counts_the_problem_not_the_fix() -> None:
    """conftest's `check` holds every diagnostic any test produces to this rule."""
    fix = " word" * 40
    assert short_enough(f"a.md:1:1: error: {'word ' * 23}is wrong; do this{fix} [code]")
    assert short_enough(f"a.md:1:1: error: {'word ' * 24}wrong (did you mean 'x'?) [code]")
    assert not short_enough(f"a.md:1:1: warning: {'word ' * 26}is wrong; do this [code]")
    assert not short_enough(f"a.md:1:1: error: {'word ' * 30}and no fix at all [code]")


# --- photos too small for paper ----------------------------------------------------------

LEAD = 'tags: [housing]\nimage: {src: images/photo.png, alt: "A navy square"}'
COVER = 'editors: [staff-a]\ncover: {src: images/cover.png, alt: "A navy page"}'


def _photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, format="PNG")
    return out.getvalue()


def test_check_reports_a_low_resolution_lead_image_as_build_does(publication) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [print]}\n",
            f"{ISSUE_DIR}/images/photo.png": _photo(700, 400),
            f"{ISSUE_DIR}/images/cover.png": _photo(2600, 3700),  # sharp enough
            **details("tags: [housing]", LEAD),
            ISSUE_PATH: ISSUE.replace("editors: [staff-a]", COVER),
        }
    )
    warning = (
        f"{A}:9:8: warning: this image prints at 148 dpi, below 200: it will look blurred on "
        "paper; use a larger original (at least 945 pixels wide) [low-resolution-image]"
    )
    checked = check(root)
    assert (checked.stderr, checked.stdout) == (f"{A}\n{warning}\n\n", "1 warning in 1 file.\n")
    built = run("build", "--root", str(root))
    assert built.stderr == f"{A}\n{warning}\n\n1 warning in 1 file.\n"  # the same warning, once


def test_the_sign_off_command_refuses_someone_not_credited(publication) -> None:
    root = publication()
    before = (root / A).read_text()
    result = run("sign-off", A, "--by", "staff-a", "--root", str(root))
    assert (result.exit_code, result.stderr) == (
        2,
        f"flagpress: error: 'staff-a' is not credited on {A}, so their sign-off would count "
        "for nothing; add them to its 'authors' or 'credits' first\n",
    )
    assert (root / A).read_text() == before


def test_an_issue_with_nothing_out_yet_gets_no_running_order_or_cover_warning(publication) -> None:
    drafts = {
        A: FOREWORD.replace("status: published", "status: draft"),
        f"{ISSUE_DIR}/second.md": SECOND.replace("status: published", "status: review"),
    }
    expect_check(publication, {**PRINTED, **drafts})
