"""Accessibility at build time: exactly what editors see, and what readers get.

Headings, tables, link text, alt text and titles are checked at the line the editor
wrote; `flagpress check` reports how easy each text is to read and can warn; the
website gets an accessibility statement, linked from every page's footer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    ISSUE_DIR,
    SITE_CONFIG,
    WEB_ONLY,
    build,
    check,
    diagnostics,
    flat,
    page_html,
    png,
    with_body,
)

from flagpress.validate.plain_language import split_sentences, syllable_count

PAGE_PATH = "content/pages/about.md"
HINT = "(or write 'decorative' if it only decorates the page)"
SKIPPED = "so screen-reader users do not think a section is missing [heading-skips-level]"
WEB_ADDRESS = (
    "which screen readers spell out; write what the reader will find there, e.g. "
    "[the SCIE guide](https://...) [web-address-as-link-text]"
)


def body(text: str) -> dict[str, str | bytes]:
    """The foreword with its body (file line 10) replaced by `text`, plus an image."""
    return {**with_body(text), f"{ISSUE_DIR}/images/x.png": png()}


# --- headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# Welcome",
            f"{FOREWORD_PATH}:10:1: error: a heading with one # is a second title: the "
            "article's title is already its level-1 heading, so start headings in the text "
            "at ## [heading-level-1]",
        ),
        (
            "### Welcome",
            f"{FOREWORD_PATH}:10:1: error: this ### heading comes right after the title, "
            f"skipping a level; write ## instead, {SKIPPED}",
        ),
        (
            "## One\n\nText.\n\n#### Three",
            f"{FOREWORD_PATH}:14:1: error: this #### heading comes right after a ## heading, "
            f"skipping a level; write ### instead, {SKIPPED}",
        ),
        (
            "## One\n\n##\n\nText.",
            f"{FOREWORD_PATH}:12:1: error: this heading has no words; write the heading after "
            "the # marks, or remove them [empty-heading]",
        ),
    ],
    ids=["second-title", "skip-after-title", "skip-inside", "empty"],
)
def test_heading_problems_are_reported_at_their_line(publication, text, expected) -> None:
    assert diagnostics(publication, body(text)) == [expected]


def test_headings_in_order_pass(publication) -> None:
    text = "## One\n\n### One point one\n\n#### Detail\n\n## Two\n\nText."
    assert diagnostics(publication, body(text)) == []


# --- tables, links, images, titles ---------------------------------------------------------


def test_table_without_a_header_row(publication) -> None:
    assert diagnostics(publication, body("| | |\n|---|---|\n| a | b |")) == [
        f"{FOREWORD_PATH}:10:1: error: this table has no header row (its first row is "
        "empty); write what each column holds in the first row, e.g. | Month | People |, "
        "so the table makes sense when it is read aloud [table-no-header]"
    ]


def test_table_with_a_header_row_passes(publication) -> None:
    assert diagnostics(publication, body("| Month | People |\n|---|---|\n| May | 4 |")) == []


def test_link_text_click_here(publication) -> None:
    assert diagnostics(publication, body("Read [click here](second.md).")) == [
        f"{FOREWORD_PATH}:10:19: error: the link text 'click here' does not say where the "
        "link goes (screen readers list links on their own); write what the reader will "
        "find, e.g. [how to get involved](get-involved.md) [vague-link-text]"
    ]


@pytest.mark.parametrize("vague", ["here", "Here.", "read more", "this link"])
def test_other_vague_link_texts(publication, vague: str) -> None:
    (line,) = diagnostics(publication, body(f"Read [{vague}](second.md)."))
    assert line.endswith("[vague-link-text]")


def test_web_address_as_link_text(publication) -> None:
    text = "See <https://example.org/report> and [www.example.org](https://www.example.org)."
    assert diagnostics(publication, body(text)) == [
        f"{FOREWORD_PATH}:10:6: error: the link text is a web address "
        f"('https://example.org/report'), {WEB_ADDRESS}",
        f"{FOREWORD_PATH}:10:56: error: the link text is a web address ('www.example.org'), "
        f"{WEB_ADDRESS}",
    ]


def test_link_without_text(publication) -> None:
    assert diagnostics(publication, body("Read [](second.md).")) == [
        f"{FOREWORD_PATH}:10:9: error: this link has no text; between the [ ] brackets, "
        "write what the reader will find there [link-no-text]"
    ]


def test_alt_text_that_says_nothing(publication) -> None:
    text = "![photo](images/x.png)\n\n![x.png](images/x.png)"
    assert diagnostics(publication, body(text)) == [
        f"{FOREWORD_PATH}:10:10: error: the alt text 'photo' does not describe the image; "
        f"say what it shows for people who cannot see it {HINT} [unhelpful-alt-text]",
        f"{FOREWORD_PATH}:12:10: error: the alt text 'x.png' does not describe the image; "
        f"say what it shows for people who cannot see it {HINT} [unhelpful-alt-text]",
    ]


def test_alt_text_in_front_matter_that_says_nothing(publication) -> None:
    article = FOREWORD.replace("tags: [housing]\n", "image: {src: images/x.png, alt: Picture}\n")
    assert diagnostics(
        publication, {FOREWORD_PATH: article, f"{ISSUE_DIR}/images/x.png": png()}
    ) == [
        f"{FOREWORD_PATH}:8:8: error: the alt text 'Picture' does not describe the image; "
        f"say what it shows for people who cannot see it {HINT} [unhelpful-alt-text]"
    ]


def test_missing_alt_text_names_the_decorative_marker(publication) -> None:
    assert diagnostics(publication, body("![](images/x.png)")) == [
        f"{FOREWORD_PATH}:10:5: error: this image has no alt text; describe what it shows "
        f"for people who cannot see it, between the [ ] brackets {HINT} [image-no-alt]"
    ]


def test_decorative_image_passes_and_is_published_with_empty_alt(publication) -> None:
    root = publication(body("![decorative](images/x.png)\n\nText."))
    assert check(root).stderr == ""
    html = page_html(build(root), "issues/2019-03/foreword")
    assert '<img alt="" src="../images/x.png"' in html


def test_title_without_words(publication) -> None:
    page = '---\ntitle: "***"\n---\nWe are a test.\n'
    assert diagnostics(publication, {PAGE_PATH: page}) == [
        f"{PAGE_PATH}:2:1: error: the title '***' has no letters or digits; write a title "
        "that says what the page is about, so readers (and screen readers) know where they "
        "are [empty-title]"
    ]


def test_removing_alt_text_from_a_sample_image_fails_at_that_line(sample: Path) -> None:
    path = sample / ISSUE_DIR / "four-stages.md"
    text = path.read_text(encoding="utf-8")
    described = re.search(r"!\[[^\]]+\]\(images/four-stages\.svg\)", text)
    assert described, "the sample has a described image to break"
    path.write_text(text.replace(described.group(), "![](images/four-stages.svg)"))
    line = text.count("\n", 0, described.start()) + 1
    result = check(sample)
    assert result.exit_code == 1
    assert (
        f"{ISSUE_DIR}/four-stages.md:{line}:5: error: this image has no alt text; describe "
        "what it shows for people who cannot see it, between the [ ] brackets "
        f"{HINT} [image-no-alt]"
    ) in result.stderr.splitlines()


def test_standing_page_cannot_take_the_statement_address(publication) -> None:
    page = "---\ntitle: Access\n---\nText.\n"
    assert diagnostics(publication, {"content/pages/accessibility.md": page}) == [
        "content/pages/accessibility.md:1:1: error: a standing page cannot be called "
        "'accessibility': the website uses that address itself; rename the file "
        "[reserved-slug]"
    ]


# --- plain language ------------------------------------------------------------------------


def test_check_reports_reading_ease_of_every_text_when_asked(publication) -> None:
    result = check(publication(), "--readability")
    assert result.stdout.splitlines() == [
        "Reading ease (0 to 100: higher is easier, 60 or more is plain English) and average "
        "sentence length:",
        f"  {FOREWORD_PATH}: reading ease 86, 2.5 words per sentence",
        f"  {ISSUE_DIR}/second.md: reading ease 100, 2.0 words per sentence",
        f"  {PAGE_PATH}: reading ease 100, 4.0 words per sentence",
        "No problems found in 6 files.",
    ]


HARD = (
    "Notwithstanding considerable organisational complexity, the partnership "
    "systematically commissioned independent evaluation methodologies. Then we met."
)


def test_threshold_warns_with_the_longest_sentences(publication) -> None:
    config = SITE_CONFIG + WEB_ONLY
    config += "plain_language: {min_reading_ease: 60, max_sentence_words: 5}\n"
    result = check(publication({"site_config.yml": config, **body(HARD)}))
    assert result.exit_code == 0
    assert flat(result).splitlines() == [
        f"{FOREWORD_PATH}:10:1: warning: this text is harder to read than site_config.yml "
        "allows: reading ease 0 (at least 60) and sentences of 7.0 words on average (at most "
        "5). Shorter sentences and everyday words help "
        "most; the longest sentences are line 10 (11 words): 'Notwithstanding considerable "
        "organisational complexity, the...'; line 10 (3 words): 'Then we met.' [hard-to-read]",
    ]


def test_sentences_are_measured_and_quoted_as_readers_see_them(publication) -> None:
    """Straight quotes, dashes and dots become typographic ones out of the tree until the
    page is written: the warning quotes them as such, and counts only the words."""
    config = SITE_CONFIG + WEB_ONLY + "plain_language: {max_sentence_words: 4}\n"
    text = 'She said "we will" -- and they did... It\'s true.'
    result = check(publication({"site_config.yml": config, **body(text)}))
    assert flat(result).splitlines() == [
        f"{FOREWORD_PATH}:10:1: warning: this text is harder to read than site_config.yml "
        "allows: sentences of 4.5 words on average (at most 4). Shorter sentences and everyday "
        "words help most; the longest sentences are line 10 (7 words): 'She said \u201cwe "
        "will\u201d \u2013 and they did\u2026'; line 10 (2 words): 'It\u2019s true.' "
        "[hard-to-read]",
    ]


def test_no_threshold_no_warning(publication) -> None:
    assert check(publication(body(HARD))).stderr == ""


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            "plain_language: {min_reading_ease: 120}",
            "site_config.yml:10:36: error: 'min_reading_ease': write a reading ease from 0 to "
            "100 (not 120) [not-a-score]",
        ),
        (
            "accessibility: {format: Ring us}",
            "site_config.yml:10:17: error: unknown key 'format' in accessibility (did you mean "
            "'formats'?) [unknown-key]",
        ),
    ],
)
def test_settings_are_checked(publication, setting: str, expected: str) -> None:
    config = SITE_CONFIG + WEB_ONLY + setting + "\n"
    assert diagnostics(publication, {"site_config.yml": config}) == [expected]


def test_sentences_split_at_full_stops_but_not_initials() -> None:
    text = 'Our peer researcher R. J. ran it, e.g. twice. "Was it good?" Yes! 24 came.'
    assert split_sentences(text) == [
        "Our peer researcher R. J. ran it, e.g. twice.",
        '"Was it good?"',
        "Yes!",
        "24 came.",
    ]


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("make", 1), ("table", 2), ("walked", 1), ("wanted", 2), ("volunteers", 3)],
)
def test_syllables_are_estimated_from_vowel_groups(word: str, count: int) -> None:
    assert syllable_count(word) == count


# --- what readers get ------------------------------------------------------------------------


STATEMENT = """\
accessibility:
  formats: Ring us and we will post you a large-print copy.
  limitations: [Issue 1 is only a scanned PDF.]
  reviewed: 2024-05-01
"""


def test_statement_page_from_site_config_linked_from_every_page(publication) -> None:
    site = build(publication({"site_config.yml": SITE_CONFIG + STATEMENT})).resolve()
    page = page_html(site, "accessibility")
    for said in (
        "<h1>Accessibility statement for Test Magazine</h1>",
        "<p>Ring us and we will post you a large-print copy.</p>",
        "<li>Issue 1 is only a scanned PDF.</li>",
        '<a href="mailto:test@example.org">test@example.org</a>',
        '<a href="tel:01273000000">01273 000000</a>',
        '<time datetime="2024-05-01">1 May 2024</time>',
    ):
        assert said in page
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    unlinked = [p for p in pages if "Accessibility statement</a>" not in p.read_text()]
    assert unlinked == []


def test_statement_defaults(publication) -> None:
    page = page_html(build(publication()), "accessibility")
    assert "such as large print, easy read, audio or Braille" in page
    assert "We have not yet listed the parts of this website that are not fully accessible" in page


def test_content_note_is_a_labelled_region_before_the_summary(publication) -> None:
    article = FOREWORD.replace("tags: [housing]\n", "content_note: Mentions prison.\n")
    html = page_html(build(publication({FOREWORD_PATH: article})), "issues/2019-03/foreword")
    note = re.search(
        r'<section class="fp-content-note" id="content-note" aria-labelledby="(.*?)">\s*'
        r'<h2><span id="(.*?)">Content note</span></h2>\s*<p>Mentions prison.</p>',
        html,
    )
    assert note and note.group(1) == note.group(2)
    assert html.index("<h1>Foreword</h1>") < note.start() < html.index('class="fp-summary"')
