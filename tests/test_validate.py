"""`flagpress check` on small publications, each broken in one way: exactly what editors see.

Every test asserts the full diagnostic lines (path:line:col: severity: message [code]),
the closing summary and the exit code: 0 fine, 1 content problems, 2 usage error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_BODY,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    PAGE,
    SECOND,
    check,
    expect_check,
    expected,
    flat,
    png,
    shown,
    with_body,
)

ISSUE_PATH = f"{ISSUE_DIR}/issue.yml"
SECOND_PATH = f"{ISSUE_DIR}/second.md"
PEOPLE = "content/contributors.yml"
PAGE_PATH = "content/pages/about.md"
DIAGNOSTIC = re.compile(r"^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$")


# --- the publication as a whole -------------------------------------------------------


def test_clean_publication_has_no_problems(publication) -> None:
    result = check(publication())
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "No problems found in 6 files."


def test_root_without_site_config_is_a_usage_error(tmp_path: Path) -> None:
    result = check(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: no site_config.yml in {tmp_path}; run flagpress inside a "
        "publication folder or point --root at one\n"
    )


def test_root_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = check(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stderr.startswith("flagpress: error: no site_config.yml in ")


def test_several_problems_in_several_files_in_one_run_sorted(publication) -> None:
    changes = {
        PAGE_PATH: PAGE.replace("We are a test.", "![](logo.png)"),
        SECOND_PATH: SECOND.replace("type: article", "type: artcle"),
        FOREWORD_PATH: FOREWORD.replace("tags:", "autors: [neil-j]\ntags:").replace(
            "authors: [neil-j]", "authors: [neil-jj]"
        ),
        PEOPLE: CONTRIBUTORS.replace("roles: [editor]", "roles: [editr]"),
    }
    expect_check(
        publication,
        changes,
        f"{PEOPLE}:9:11: error: 'staff-a' has the role 'editr', which is not in site_config.yml "
        "roles (did you mean 'editor'?) [unknown-role]",
        f"{FOREWORD_PATH}:7:11: error: no contributor 'neil-jj' in content/contributors.yml "
        "(did you mean 'neil-j'?) [unknown-contributor]",
        f"{FOREWORD_PATH}:8:1: error: unknown key 'autors' in the details at the top of the file "
        "(did you mean 'authors'?) [unknown-key]",
        f"{SECOND_PATH}:3:7: error: 'type': 'artcle' is not one of: article, case-study, "
        "editorial, interview, news (did you mean 'article'?) [unknown-value]",
        f"{PAGE_PATH}:4:5: error: 'logo.png': there is no file content/pages/logo.png; check the "
        "spelling, or add the file there [missing-image]",
        f"{PAGE_PATH}:4:5: error: this image has no alt text; describe what it shows for people "
        "who cannot see it, between the [ ] brackets (or write 'decorative' if it only decorates "
        "the page) [image-no-alt]",
    )


# --- keys -------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(publication) -> None:
    expect_check(
        publication,
        {FOREWORD_PATH: FOREWORD.replace("authors:", "autors:")},
        f"{FOREWORD_PATH}:2:1: error: the details at the top of the file need the key 'authors': "
        "contributor ids in byline order [missing-key]",
        f"{FOREWORD_PATH}:7:1: error: unknown key 'autors' in the details at the top of the file "
        "(did you mean 'authors'?) [unknown-key]",
    )


def test_missing_required_key(publication) -> None:
    expect_check(
        publication,
        {FOREWORD_PATH: FOREWORD.replace("summary: Why we made this issue.\n", "")},
        f"{FOREWORD_PATH}:2:1: error: the details at the top of the file need the key 'summary': "
        "one sentence saying what the article is about [missing-key]",
    )


def test_missing_required_key_in_a_contributor(publication) -> None:
    people = CONTRIBUTORS.replace("print: true, given", "given", 1)
    expect_check(
        publication,
        {PEOPLE: people},
        f"{PEOPLE}:5:12: error: consent needs the key 'print': true if they may be named in "
        "print and PDFs [missing-key]",
    )


def test_empty_issue_file_is_reported_not_skipped(publication) -> None:
    expect_check(
        publication,
        {ISSUE_PATH: ""},
        f"{ISSUE_PATH}:1:1: error: issue.yml needs the key 'articles': the article files in "
        "running order, e.g. [foreword.md] [missing-key]",
        f"{ISSUE_PATH}:1:1: error: issue.yml needs the key 'date': the issue date, YYYY-MM-DD "
        "[missing-key]",
        f"{ISSUE_PATH}:1:1: error: issue.yml needs the key 'number': the issue number, e.g. 7 "
        "[missing-key]",
        f"{ISSUE_PATH}:1:1: error: issue.yml needs the key 'title': the issue's title "
        "[missing-key]",
    )


def test_broken_site_config_is_reported_once(publication) -> None:
    expect_check(
        publication,
        {"site_config.yml": "title: Test: Magazine\n"},
        "site_config.yml:1:12: error: a ':' here was not expected; put quotes around a value "
        "that contains ': ', and check that the line above has its ':' and that this line is "
        "indented like the others [yaml-syntax]",
    )


# --- people -----------------------------------------------------------------------------


def test_unknown_contributor_points_at_the_id_inside_the_list(publication) -> None:
    expect_check(
        publication,
        {FOREWORD_PATH: FOREWORD.replace("authors: [neil-j]", "authors: [neil-jj]")},
        f"{FOREWORD_PATH}:7:11: error: no contributor 'neil-jj' in content/contributors.yml "
        "(did you mean 'neil-j'?) [unknown-contributor]",
    )


def test_unknown_contributor_in_a_block_list_and_in_issue_editors(publication) -> None:
    article = FOREWORD.replace("authors: [neil-j]", "authors:\n  - neil-j\n  - stafa")
    expect_check(
        publication,
        {
            FOREWORD_PATH: article,
            ISSUE_PATH: ISSUE.replace("editors: [staff-a]", "editors: [nobody]"),
        },
        f"{FOREWORD_PATH}:9:5: error: no contributor 'stafa' in content/contributors.yml "
        "(did you mean 'staff-a'?) [unknown-contributor]",
        f"{ISSUE_PATH}:4:11: error: no contributor 'nobody' in content/contributors.yml "
        "[unknown-contributor]",
    )


def test_contributor_entry_with_a_bad_value_is_not_also_unknown(publication) -> None:
    """neil-j is in the file, only their consent is wrong: one problem, not two."""
    people = CONTRIBUTORS.replace("given: 2019-01-10", "given: 10/01/2019", 1)
    expect_check(
        publication,
        {PEOPLE: people},
        f"{PEOPLE}:5:44: error: 'given': write the date as YYYY-MM-DD, e.g. 2019-03-01 (not "
        "'10/01/2019') [bad-date]",
    )


def test_unknown_role_in_contributors_file_points_at_the_role(publication) -> None:
    expect_check(
        publication,
        {PEOPLE: CONTRIBUTORS.replace("roles: [volunteer]", "roles: [volunter]", 1)},
        f"{PEOPLE}:4:11: error: 'neil-j' has the role 'volunter', which is not in "
        "site_config.yml roles (did you mean 'volunteer'?) [unknown-role]",
    )


def test_unknown_role_in_credits_points_at_the_role(publication) -> None:
    article = FOREWORD.replace("tags:", "credits:\n  - {id: staff-a, role: interviewr}\ntags:")
    expect_check(
        publication,
        {FOREWORD_PATH: article},
        f"{FOREWORD_PATH}:9:25: error: no role 'interviewr' in site_config.yml roles (did you "
        "mean 'interviewer'?) [unknown-role]",
    )


def test_unknown_contributor_in_credits_and_sign_off(publication) -> None:
    article = FOREWORD.replace(
        "tags:",
        "credits:\n  - {id: peer-r1, role: interviewer}\n"
        "sign_off:\n  - {by: neil-jj, on: 2019-02-20, text: 3f2a9c1e}\ntags:",
    )
    expect_check(
        publication,
        {FOREWORD_PATH: article},
        f"{FOREWORD_PATH}:9:10: error: no contributor 'peer-r1' in content/contributors.yml "
        "[unknown-contributor]",
        f"{FOREWORD_PATH}:11:10: error: no contributor 'neil-jj' in content/contributors.yml "
        "(did you mean 'neil-j'?) [unknown-contributor]",
    )


def test_named_person_without_a_name(publication) -> None:
    expect_check(
        publication,
        {PEOPLE: CONTRIBUTORS.replace("  name: Alex\n", "")},
        f"{PEOPLE}:6:3: error: 'staff-a' is shown as first-name but has no 'name'; add the name "
        "exactly as it should be printed [missing-name]",
    )


ANON_WITH_NAME = CONTRIBUTORS.replace(
    "  shown_as: anonymous\n", "  shown_as: anonymous\n  name: Anna Real\n"
)
NAME_OF_ANONYMOUS = (
    f"{PEOPLE}:11:3: warning: 'anon-1' is anonymous, so their name must not be in the public "
    "content/contributors.yml; remove 'name' (real names belong in contributors.private.yml) "
    "[name-of-anonymous]"
)


def test_name_of_anonymous_person_is_a_warning(publication) -> None:
    result = check(publication({PEOPLE: ANON_WITH_NAME}))
    assert shown(result) == expected(NAME_OF_ANONYMOUS, warnings=1)
    assert result.exit_code == 0


def test_name_of_anonymous_person_fails_under_strict(publication) -> None:
    result = check(publication({PEOPLE: ANON_WITH_NAME}), "--strict")
    assert shown(result) == expected(NAME_OF_ANONYMOUS, warnings=1)
    assert result.exit_code == 1


def test_duplicate_contributor_id(publication) -> None:
    again = "- id: neil-j\n  shown_as: initials\n  name: N J\n  roles: [volunteer]\n"
    again += "  consent: {web: true, print: true, given: 2019-01-10}\n"
    expect_check(
        publication,
        {PEOPLE: CONTRIBUTORS + again},
        f"{PEOPLE}:15:3: error: the id 'neil-j' is already used on line 1; give each person "
        "their own id [duplicate-contributor]",
    )


# --- running order and addresses -------------------------------------------------------


def test_running_order_names_a_missing_file(publication) -> None:
    expect_check(
        publication,
        {ISSUE_PATH: ISSUE.replace("second.md]", "secnd.md]")},
        f"{ISSUE_PATH}:5:25: error: the running order lists 'secnd.md', but there is no such "
        f"file in {ISSUE_DIR}/ (did you mean 'second.md'?) [missing-article]",
        f"{SECOND_PATH}:1:1: error: this article is not in the running order in {ISSUE_PATH}; "
        "add 'second.md' to its 'articles' list, or move the file to content/articles/ to "
        "publish it on the website only [unlisted-article]",
    )


def test_file_left_out_of_the_running_order(publication) -> None:
    expect_check(
        publication,
        {f"{ISSUE_DIR}/third.md": SECOND},
        f"{ISSUE_DIR}/third.md:1:1: error: this article is not in the running order in "
        f"{ISSUE_PATH}; add 'third.md' to its 'articles' list, or move the file to "
        "content/articles/ to publish it on the website only [unlisted-article]",
    )


def test_link_to_an_article_left_out_of_the_running_order_is_not_also_broken(publication) -> None:
    """second.md exists; its one problem is the running order, not the link to it."""
    expect_check(
        publication,
        {ISSUE_PATH: ISSUE.replace(", second.md]", "]")},
        f"{SECOND_PATH}:1:1: error: this article is not in the running order in {ISSUE_PATH}; "
        "add 'second.md' to its 'articles' list, or move the file to content/articles/ to "
        "publish it on the website only [unlisted-article]",
    )


def test_empty_running_order_does_not_crash(publication) -> None:
    issue = ISSUE.replace("articles: [foreword.md, second.md]", "articles: null")
    unlisted = (
        "error: this article is not in the running order in {issue}; add '{name}' to its "
        "'articles' list, or move the file to content/articles/ to publish it on the website "
        "only [unlisted-article]"
    )
    expect_check(
        publication,
        {ISSUE_PATH: issue},
        f"{FOREWORD_PATH}:1:1: " + unlisted.format(issue=ISSUE_PATH, name="foreword.md"),
        f"{SECOND_PATH}:1:1: " + unlisted.format(issue=ISSUE_PATH, name="second.md"),
    )


def test_duplicate_slug_from_file_names_differing_in_case(publication) -> None:
    expect_check(
        publication,
        {
            f"{ISSUE_DIR}/Second.md": SECOND,
            ISSUE_PATH: ISSUE.replace("second.md]", "second.md, Second.md]"),
        },
        f"{ISSUE_DIR}/Second.md:1:1: error: this article in this issue would have the same web "
        f"address ('second') as {SECOND_PATH}; rename one of the files [duplicate-slug]",
    )


def test_duplicate_slug_from_file_names_differing_in_accents(publication) -> None:
    expect_check(
        publication,
        {"content/articles/café.md": SECOND, "content/articles/cafe.md": SECOND},
        "content/articles/café.md:1:1: error: this web-only article would have the same web "
        "address ('cafe') as content/articles/cafe.md; rename one of the files [duplicate-slug]",
    )


def test_reserved_standing_page_slug(publication) -> None:
    expect_check(
        publication,
        {"content/pages/tags.md": PAGE},
        "content/pages/tags.md:1:1: error: a standing page cannot be called 'tags': the website "
        "uses that address itself; rename the file [reserved-slug]",
    )


def test_article_called_index_would_replace_the_issue_page(publication) -> None:
    expect_check(
        publication,
        {
            f"{ISSUE_DIR}/index.md": SECOND,
            ISSUE_PATH: ISSUE.replace("second.md]", "second.md, index.md]"),
        },
        f"{ISSUE_DIR}/index.md:1:1: error: an article cannot be called 'index': the website "
        "uses that address itself; rename the file [reserved-slug]",
    )


# --- images ------------------------------------------------------------------------------


def test_image_missing(publication) -> None:
    expect_check(
        publication,
        with_body("![A chart](images/chart.png)"),
        f"{FOREWORD_PATH}:10:12: error: 'images/chart.png': there is no file "
        f"{ISSUE_DIR}/images/chart.png; check the spelling, or add the file there [missing-image]",
    )


def test_image_outside_content(publication) -> None:
    expect_check(
        publication,
        with_body("![A secret](../../../secret.png)"),
        f"{FOREWORD_PATH}:10:13: error: '../../../secret.png': this points outside the content/ "
        "folder; copy the file into content/ and link to it there [outside-content]",
    )


def test_image_without_alt_text_in_the_body(publication) -> None:
    expect_check(
        publication,
        {**with_body("![](images/x.png)"), f"{ISSUE_DIR}/images/x.png": png()},
        f"{FOREWORD_PATH}:10:5: error: this image has no alt text; describe what it shows for "
        "people who cannot see it, between the [ ] brackets (or write 'decorative' if it only "
        "decorates the page) [image-no-alt]",
    )


def test_front_matter_image_without_alt_text(publication) -> None:
    article = FOREWORD.replace("tags: [housing]", "image: {src: images/x.png}")
    expect_check(
        publication,
        {FOREWORD_PATH: article, f"{ISSUE_DIR}/images/x.png": png()},
        f"{FOREWORD_PATH}:8:8: error: this image has no alt text; describe what it shows for "
        "people who cannot see it (or write 'decorative' if it only decorates the page) "
        "[image-no-alt]",
    )


def test_issue_cover_missing_and_without_alt_text(publication) -> None:
    issue = ISSUE.replace("editors:", "cover: {src: images/cover.jpg, alt: ''}\neditors:")
    expect_check(
        publication,
        {ISSUE_PATH: issue},
        f"{ISSUE_PATH}:4:8: error: 'images/cover.jpg': there is no file "
        f"{ISSUE_DIR}/images/cover.jpg; check the spelling, or add the file there [missing-image]",
        f"{ISSUE_PATH}:4:8: error: this image has no alt text; describe what it shows for "
        "people who cannot see it (or write 'decorative' if it only decorates the page) "
        "[image-no-alt]",
    )


def test_remote_image(publication) -> None:
    expect_check(
        publication,
        with_body("![A cat](https://tracker.example.com/cat.png)"),
        f"{FOREWORD_PATH}:10:10: error: 'https://tracker.example.com/cat.png' is on another "
        "website, which would tell that site who reads this page; save the image in the "
        "images/ folder and link to it there [remote-image]",
    )


# --- links -------------------------------------------------------------------------------


def test_broken_internal_link_with_did_you_mean(publication) -> None:
    expect_check(
        publication,
        with_body("Read [the second piece](secnd.md)."),
        f"{FOREWORD_PATH}:10:25: error: 'secnd.md' links to {ISSUE_DIR}/secnd.md, which is not "
        "an article or page (did you mean 'second.md'?); correct the link or remove it "
        "[broken-link]",
    )


def test_link_from_a_published_article_to_a_draft(publication) -> None:
    expect_check(
        publication,
        {SECOND_PATH: SECOND.replace("status: published", "status: draft")},
        f"{FOREWORD_PATH}:10:34: error: this published page links to {SECOND_PATH}, which is "
        "still 'draft'; remove the link or publish that article first [link-to-draft]",
        f"{ISSUE_PATH}:5:25: warning: 'second.md' is still 'draft', so the issue is published "
        "without it until its status is 'published' [not-ready]",
        warnings=1,
    )


def test_link_from_a_standing_page_to_an_embargoed_article(publication) -> None:
    page = PAGE.replace("We are a test.", "Read [the second piece](../issues/2019-03/second.md).")
    second = SECOND.replace("status: published", "status: published\npublish_after: 2999-01-01")
    expect_check(
        publication,
        {PAGE_PATH: page, SECOND_PATH: second},
        f"{FOREWORD_PATH}:10:34: error: this published page links to {SECOND_PATH}, which is "
        "embargoed until 2999-01-01; remove the link until then [link-to-draft]",
        f"{PAGE_PATH}:4:25: error: this published page links to {SECOND_PATH}, which is "
        "embargoed until 2999-01-01; remove the link until then [link-to-draft]",
    )


def test_draft_may_link_to_a_draft(publication) -> None:
    expect_check(
        publication,
        {
            FOREWORD_PATH: FOREWORD.replace("status: published", "status: review"),
            SECOND_PATH: SECOND.replace("status: published", "status: draft"),
        },
    )  # nothing in the issue is out yet, so nothing is left out of it


def test_javascript_link_is_unsafe(publication) -> None:
    expect_check(
        publication,
        with_body("[See a demo](javascript:alert(1))"),
        f"{FOREWORD_PATH}:10:14: error: 'javascript:alert(1)': links may only be web addresses "
        "(https://...), email (mailto:) or phone (tel:) links, or files in the publication "
        "[unsafe-link]",
    )


def test_absolute_link_example_is_right_for_an_issue_article(publication) -> None:
    expect_check(
        publication,
        with_body("[About us](/pages/about.md)"),
        f"{FOREWORD_PATH}:10:12: error: '/pages/about.md': write the link relative to this file "
        "(e.g. ../../pages/about.md), not from the top of a disk or website [absolute-link]",
    )


def test_absolute_link_example_is_right_for_a_web_only_article(publication) -> None:
    web_only = FOREWORD.replace(FOREWORD_BODY, "[About us](/pages/about.md)")
    expect_check(
        publication,
        {"content/articles/note.md": web_only},
        "content/articles/note.md:10:12: error: '/pages/about.md': write the link relative to "
        "this file (e.g. ../pages/about.md), not from the top of a disk or website "
        "[absolute-link]",
    )


def test_unreadable_link_is_reported_not_a_crash(publication) -> None:
    expect_check(
        publication,
        with_body("[Our report](http://[example.org/report)"),
        f"{FOREWORD_PATH}:10:14: error: 'http://[example.org/report': this cannot be read as a "
        "web address or a file name; check it for typing mistakes such as a stray '[' or a "
        "space [bad-link]",
    )


def test_web_email_phone_and_anchor_links_are_fine(publication) -> None:
    body = (
        "[web](https://example.org) [mail](mailto:test@example.org) [phone](tel:+441273000000) "
        "[top](#top) [part](second.md#part)"
    )
    expect_check(publication, with_body(body))


# --- never a traceback -------------------------------------------------------------------


BROKEN = {
    "control character": {PEOPLE: CONTRIBUTORS.replace("Neil J", "Neil\x00J")},
    "contributors file is a mapping": {PEOPLE: "neil-j: {shown_as: full}\n"},
    "contributor is a string": {PEOPLE: CONTRIBUTORS + "- staff-b\n"},
    "roles is a list": {"site_config.yml": "title: T\nroles: [volunteer]\n"},
    "issue.yml is a list": {ISSUE_PATH: "- foreword.md\n"},
    "running order item is a list": {ISSUE_PATH: ISSUE.replace("second.md]", "[second.md]]")},
    "front matter is a list": {PAGE_PATH: "---\n- title\n---\nText\n"},
    "image is a string": {FOREWORD_PATH: FOREWORD.replace("tags:", "image: x.png\ntags:")},
    "credits is a mapping": {FOREWORD_PATH: FOREWORD.replace("tags:", "credits: {a: b}\ntags:")},
    "complex key": {FOREWORD_PATH: FOREWORD.replace("tags:", "? [a, b]\n: c\ntags:")},
    "binary file": {PAGE_PATH: b"\xff\xfe\x00\x00"},
    "no issue.yml": {f"{ISSUE_DIR}-2/notes.md": SECOND},
    "file name without letters": {"content/articles/---.md": SECOND},
    "link to a folder": with_body("[images](images/)"),
}


@pytest.mark.parametrize("changes", BROKEN.values(), ids=BROKEN.keys())
def test_broken_content_gives_diagnostics_never_a_traceback(publication, changes) -> None:
    result = check(publication(changes))
    diagnostics = flat(result).splitlines()
    assert result.exit_code == 1
    summary = result.stdout.splitlines()[-1]
    assert re.fullmatch(r"[1-9]\d* errors?( and \d+ warnings?)? in \d+ files?\.", summary)
    assert diagnostics and all(DIAGNOSTIC.match(line) for line in diagnostics), result.stderr
