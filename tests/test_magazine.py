"""The website as a magazine: the brand's colours, masthead and typeface; home, issue and
article pages as readers see them; the footer; nothing unpublished in any card or link."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import (
    ISSUE_DIR,
    SITE_CONFIG,
    WEB_ONLY,
    build,
    expect_check,
    files_containing,
    page_html,
    run,
    visible_text,
    write_publication,
)
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st

from flagpress.colours import BLACK, WHITE, contrast, ink_on, text_on
from flagpress.load.word_count import word_count
from flagpress.render.web import fonts
from flagpress.render.web.brand import FONT_DIR, brand_css
from flagpress.render.web.reading import reading_time
from flagpress.settings import Brand

CONFIG = SITE_CONFIG + WEB_ONLY  # 9 lines: what follows starts at line 10
MASTHEAD = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><title>Test</title>'
    b'<!-- drawn by Neil --><rect width="40" height="10" fill="#ffd23f"/></svg>'
)
BRANDED = CONFIG + (
    "get_involved: Come to the Thursday writing group.\n"
    "brand:\n"
    '  primary: "#ffd23f"\n'
    '  accent: "#14365d"\n'
    "  masthead: templates/masthead.svg\n"
)


def _article(
    title: str,
    *,
    type_: str = "article",
    tags: str = "[housing]",
    status: str = "published",
    extra: str = "",
    words: int = 10,
) -> str:
    body = " ".join(["word"] * words)
    return (
        f"---\ntitle: {title}\ntype: {type_}\nsummary: About {title.lower()}.\n"
        f"date: 2019-03-01\nstatus: {status}\nauthors: [neil-j]\ntags: {tags}\n{extra}---\n{body}\n"
    )


# --- brand colours ---------------------------------------------------------------------


def test_contrast_follows_wcag_definition() -> None:
    assert round(contrast(BLACK, WHITE), 2) == 21.0
    assert contrast("#14365d", "#14365d") == 1.0
    # FLAG's navy and yellow, measured by WCAG's formula
    assert round(contrast(WHITE, "#14365d"), 1) == 12.2
    assert round(contrast(BLACK, "#ffd23f"), 1) == 14.5


def test_text_on_the_brand_colours_is_white_on_navy_and_black_on_yellow() -> None:
    assert text_on("#14365d") == WHITE
    assert text_on("#ffd23f") == BLACK
    # a pale primary cannot be link colour on a white page: black is used instead
    assert ink_on("#ffd23f", WHITE) == BLACK
    assert ink_on("#14365d", WHITE) == "#14365d"


@given(st.integers(0, 0xFFFFFF))
def test_text_on_any_colour_reads_at_4_5_to_1_or_more(value: int) -> None:
    colour = f"#{value:06x}"
    assert contrast(text_on(colour), colour) >= 4.5
    assert contrast(ink_on(colour, WHITE), WHITE) >= 4.5


def test_brand_css_carries_the_colours_and_the_text_colours_chosen_for_them() -> None:
    css = brand_css(Brand(primary="#FFD23F", accent="#14365d"))
    assert "--fp-primary: #ffd23f;" in css
    assert "--fp-on-primary: #000000;" in css
    assert "--fp-accent: #14365d;" in css
    assert "--fp-on-accent: #ffffff;" in css
    assert "--fp-ink: #000000;" in css  # yellow links on white would not be readable
    dark = css.split('[data-md-color-scheme="slate"]', 1)[1]
    assert "--fp-ink: #ffffff;" in dark  # nor navy links on the dark scheme's page
    assert "--fp-ink: #ffd23f;" in brand_css(Brand()).split("slate", 1)[1]  # yellow reads there
    assert "--md-primary-fg-color: var(--fp-primary);" in css
    assert '--md-text-font: "Atkinson Hyperlegible";' in css


def test_a_colour_that_is_not_rrggbb_is_an_error_at_its_line(publication) -> None:
    expect_check(
        publication,
        {"site_config.yml": CONFIG + "brand:\n  primary: navy\n  accent: '#ffd23'\n"},
        "site_config.yml:11:12: error: 'brand.primary': write the colour as # and six hex "
        "digits, e.g. '#14365d' [bad-colour]",
        "site_config.yml:12:11: error: 'brand.accent': write the colour as # and six hex "
        "digits, e.g. '#ffd23f' [bad-colour]",
    )


def test_a_masthead_that_is_missing_is_an_error_at_its_line(publication) -> None:
    expect_check(
        publication,
        {"site_config.yml": CONFIG + "brand: {masthead: templates/flag.svg}\n"},
        "site_config.yml:10:19: error: 'brand.masthead': there is no file templates/flag.svg; "
        "check the spelling, or save the drawing there [bad-masthead]",
    )


def test_a_masthead_that_is_not_a_drawing_is_an_error(publication) -> None:
    expect_check(
        publication,
        {
            "site_config.yml": CONFIG + "brand: {masthead: templates/flag.png}\n",
            "templates/flag.png": b"\x89PNG",
        },
        "site_config.yml:10:19: error: 'brand.masthead': the masthead must be an SVG drawing "
        "(a file ending .svg); export it as SVG [bad-masthead]",
    )


def test_a_masthead_outside_the_publication_is_refused(publication, tmp_path: Path) -> None:
    (tmp_path / "masthead.svg").write_bytes(MASTHEAD)  # beside the publication, not in it
    expect_check(
        publication,
        {"site_config.yml": CONFIG + "brand: {masthead: ../masthead.svg}\n"},
        "site_config.yml:10:19: error: 'brand.masthead': keep the masthead drawing in the "
        "publication's templates/ folder and write its path from the publication folder, "
        "e.g. templates/masthead.svg [bad-masthead]",
    )


# --- the brand on the website ------------------------------------------------------------


@pytest.fixture
def branded(publication) -> Path:
    """A site with a branded config, a masthead with a comment in it, two issues, a lead
    image, a draft and an embargoed article that share topics with public ones."""
    issue = (
        "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
        "cover: {src: images/cover.svg, alt: People around a table}\n"
        "articles: [foreword.md, second.md, third.md, draft.md, later.md]\n"
    )
    older = (
        "title: Older issue\nnumber: 0\ndate: 2018-12-01\neditors: [staff-a]\n"
        "cover: {src: images/old-cover.svg, alt: An older cover}\narticles: [old.md]\n"
    )
    svg = MASTHEAD
    root = publication(
        {
            "site_config.yml": BRANDED,
            "templates/masthead.svg": MASTHEAD,
            f"{ISSUE_DIR}/issue.yml": issue,
            f"{ISSUE_DIR}/images/cover.svg": svg,
            f"{ISSUE_DIR}/images/lead.svg": svg,
            f"{ISSUE_DIR}/third.md": _article(
                "Third piece",
                tags="[housing, money]",
                words=1000,
                extra="image: {src: images/lead.svg, alt: A hostel corridor}\n",
            ),
            f"{ISSUE_DIR}/draft.md": _article("Secret draft piece", status="draft"),
            f"{ISSUE_DIR}/later.md": _article(
                "Embargoed piece", extra="publish_after: 2999-01-01\n"
            ),
            "content/issues/2018-12/issue.yml": older,
            "content/issues/2018-12/images/old-cover.svg": svg,
            "content/issues/2018-12/old.md": _article("Old piece", tags="[money]"),
            "content/pages/get-involved.md": "---\ntitle: Get involved\n---\nJoin us.\n",
            "content/articles/web-draft.md": _article("Web draft piece", status="review"),
        }
    )
    return build(root)


def test_brand_css_is_served_and_the_theme_loads_it(branded: Path) -> None:
    css = (branded / "assets/brand.css").read_text(encoding="utf-8")
    assert "--fp-primary: #ffd23f;" in css and "--fp-on-primary: #000000;" in css
    home = page_html(branded, "")
    assert '<link rel="stylesheet" href="assets/brand.css">' in home
    assert '<link rel="stylesheet" href="assets/magazine.css">' in home
    assert (branded / "assets/magazine.css").is_file()


def test_the_typeface_is_served_from_the_site_itself_as_woff2(branded: Path) -> None:
    css = (branded / "assets/brand.css").read_text(encoding="utf-8")
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        served = branded / f"assets/fonts/AtkinsonHyperlegible-{face}.woff2"
        assert f'url("fonts/{served.name}") format("woff2")' in css
        data = served.read_bytes()
        assert data[:4] == b"wOF2"
        packaged = TTFont(FONT_DIR / f"AtkinsonHyperlegible-{face}.ttf")
        font = TTFont(io.BytesIO(data))
        assert font.getBestCmap() == packaged.getBestCmap()  # every character, the same font
        assert font["name"].getDebugName(4) == packaged["name"].getDebugName(4)
        assert len(data) < (FONT_DIR / f"AtkinsonHyperlegible-{face}.ttf").stat().st_size * 0.6
    assert (branded / "assets/fonts/OFL.txt").is_file()  # the licence travels with the font
    on_other_hosts = ("fonts.googleapis", "fonts.gstatic", "@import", 'url("http')
    assert files_containing(branded, *on_other_hosts, suffixes=(".html", ".css")) == []


def test_the_woff2_files_are_made_once_and_kept_in_the_cache(
    publication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    fonts._convert.cache_clear()  # not remembered by this process either
    root = publication()
    build(root)
    cached = sorted((root / ".flagpress-cache/fonts").glob("*.woff2"))
    assert len(cached) == 4
    assert len(list((tmp_path / "user/flagpress/fonts").glob("*.woff2"))) == 4
    stamps = [p.stat().st_mtime_ns for p in cached]
    site = build(root)
    assert [p.stat().st_mtime_ns for p in cached] == stamps  # reused, not made again
    regular = next(p for p in cached if p.name.startswith("AtkinsonHyperlegible-Regular-"))
    served = site / "assets/fonts/AtkinsonHyperlegible-Regular.woff2"
    assert served.read_bytes() == regular.read_bytes()
    # A new publication's first build takes them from the user's cache: none is converted.
    fonts._convert.cache_clear()
    monkeypatch.setattr(fonts, "_convert", lambda *_: pytest.fail("converted again"))
    other = build(write_publication(tmp_path / "other"))
    assert (other / served.relative_to(site)).read_bytes() == regular.read_bytes()


def test_the_masthead_is_published_cleaned_and_shown_on_the_home_page(branded: Path) -> None:
    published = (branded / "templates/masthead.svg").read_text(encoding="utf-8")
    assert "drawn by Neil" not in published  # rebuilt from an allowlist, never copied raw
    assert "<rect" in published and "<title>Test</title>" in published
    home = page_html(branded, "")
    shown = re.search(r'<h1 class="fp-masthead__title">(.*?)</h1>', home)
    assert shown is not None
    assert re.fullmatch(
        r'<img src="templates/masthead.svg" alt="Test Magazine" width="\d+" height="\d+">',
        shown.group(1),
    )


def test_a_masthead_with_a_script_fails_the_build_at_its_line(publication) -> None:
    root = publication(
        {
            "site_config.yml": CONFIG + "brand: {masthead: templates/masthead.svg}\n",
            "templates/masthead.svg": MASTHEAD.replace(b"<!--", b"<script>alert(1)</script><!--"),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "site_config.yml\n"
        "site_config.yml:10:19: error: templates/masthead.svg is not published: the drawing "
        "contains a script (<script>); remove it, or export the drawing again as plain SVG "
        "[unsafe-svg]\n"
    )
    assert not (root / "site").exists()


def test_without_a_masthead_the_title_is_set_in_type(publication) -> None:
    home = page_html(build(publication()), "")
    assert '<h1 class="fp-masthead__title fp-masthead__title--text">Test Magazine</h1>' in home


# --- pages -------------------------------------------------------------------------------


def _titles(html: str, kind: str = "fp-card__title") -> list[str]:
    return re.findall(rf'class="{kind}"><a href="[^"]*">([^<]*)</a>', html)


def test_home_shows_the_latest_issue_as_cards_in_running_order(branded: Path) -> None:
    home = page_html(branded, "")
    assert _titles(home) == ["Foreword", "Second piece", "Third piece"]
    text = visible_text(branded / "index.html")
    assert "Latest issue · 1 March 2019 Issue 1: First issue" in text
    latest = home.split('id="latest-issue"', 1)[0]  # the latest issue's cover, before its title
    assert '<img src="issues/2019-03/images/cover.svg" alt=""' in latest.split("fp-latest", 1)[1]
    assert "On the cover: People around a table" in text
    # What the publication is, in a sentence, under the masthead (conftest's SITE_CONFIG)
    lead = re.search(r'<p class="fp-lead">([^<]*)</p>', home)
    assert lead and lead[1] in text.split("Latest issue", 1)[0] and len(lead[1].split()) > 3
    # kicker, title, summary, byline and reading time on each card
    assert "Article Third piece About third piece. By Neil J · 6 minute read" in text
    assert '<img class="fp-card__image" src="issues/2019-03/images/lead.svg" alt=""' in home


def test_home_shows_earlier_issues_as_covers_and_how_to_get_involved(branded: Path) -> None:
    home = page_html(branded, "")
    earlier = home.split('id="archive"', 1)[1]
    assert '<img class="fp-cover-link__image" src="issues/2018-12/images/old-cover.svg"' in earlier
    assert '<span class="fp-cover-link__label">Issue 0: Older issue</span>' in earlier
    text = visible_text(branded / "index.html")
    assert (
        "Get involved Come to the Thursday writing group. How to get involved with Test Magazine"
        in text
    )
    assert '<a class="fp-button" href="get-involved/">' in home


def test_issue_page_has_cover_editors_note_and_contents(branded: Path) -> None:
    page = page_html(branded, "issues/2019-03")
    assert '<img src="images/cover.svg" alt="People around a table"' in page
    text = visible_text(branded / "issues/2019-03/index.html")
    assert "From the editors Why we made this issue. Read the editors' note: Foreword" in text
    assert _titles(page) == ["Foreword", "Second piece", "Third piece"]


def test_article_page_has_reading_time_previous_next_and_more_on_topics(branded: Path) -> None:
    page = branded / "issues/2019-03/second/index.html"
    html = page.read_text(encoding="utf-8")
    text = visible_text(page)
    assert "1 March 2019 · 1 minute read" in text
    assert "Previous in this issue Foreword" in text
    assert "Next in this issue Third piece" in text
    assert (
        '<a href="../foreword/" rel="prev">' in html and '<a href="../third/" rel="next">' in html
    )
    assert html.index("<h1>Second piece</h1>") < html.index('class="fp-summary"')
    third = visible_text(branded / "issues/2019-03/third/index.html")
    assert "6 minute read" in third
    assert "Next in this issue" not in third  # the last public piece: nothing after it


def test_article_page_reads_in_the_order_the_issue_asks_for(publication) -> None:
    """Issue 11: title, the content note first, summary, byline, date and reading time,
    lead image, body, "How this was made", previous/next, more on the same topics."""
    extra = (
        "content_note: Mentions eviction.\n"
        "image: {src: images/lead.svg, alt: A hostel corridor}\n"
        "coproduction: {level: co-design, stages: [co-planning]}\n"
    )
    issue = (
        "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
        "articles: [foreword.md, second.md, third.md]\n"
    )
    root = publication(
        {
            f"{ISSUE_DIR}/issue.yml": issue,
            f"{ISSUE_DIR}/images/lead.svg": MASTHEAD,
            f"{ISSUE_DIR}/second.md": _article("Second piece", extra=extra, words=400),
            f"{ISSUE_DIR}/third.md": _article("Third piece"),
        }
    )
    page = build(root) / "issues/2019-03/second/index.html"
    text = visible_text(page)
    assert (
        "Second piece Content note Mentions eviction. About second piece. By Neil J "
        "1 March 2019 · 3 minute read housing A hostel corridor word word"
    ).replace("A hostel corridor ", "") in text  # the lead image is an <img>: its alt below
    html = page.read_text(encoding="utf-8")
    markers = [
        "<h1>Second piece</h1>",
        'id="content-note"',
        'class="fp-summary"',
        'class="fp-byline"',
        'class="fp-meta"',
        'alt="A hostel corridor"',  # the lead image
        'class="fp-body"',
        'id="how-made"',
        'rel="prev"',
        'rel="next"',
        'id="more-on-topics"',
    ]
    at = [html.find(marker) for marker in markers]
    assert -1 not in at and at == sorted(at), dict(zip(markers, at, strict=True))


def test_more_on_these_topics_lists_most_shared_topics_first_up_to_three(branded: Path) -> None:
    related = page_html(branded, "issues/2019-03/third").split('id="more-on-topics"', 1)[1]
    # one topic each, the same date: by title; never the draft, which shares housing too
    assert _titles(related) == ["Foreword", "Old piece"]
    second = page_html(branded, "issues/2019-03/second")
    assert 'id="more-on-topics"' not in second  # no topics: no section


def test_every_page_has_the_magazine_footer(branded: Path) -> None:
    for page in ("index.html", "issues/2019-03/second/index.html", "404.html", "about/index.html"):
        text = visible_text(branded / page)
        assert "Test Magazine is published by Test Partnership." in text, page
        assert "Contact us: test@example.org or phone 01273 000000" in text, page
        assert "Come to the Thursday writing group. How to get involved" in text, page
        assert "Accessibility statement" in text, page
    html = page_html(branded, "issues/2019-03/second")
    assert '<a href="mailto:test@example.org" class="fp-footer-link">' in html
    assert '<a href="tel:01273000000" class="fp-footer-link">' in html
    assert '<a href="../../../get-involved/" class="fp-footer-link">How to get involved</a>' in html


def test_drafts_and_embargoed_articles_appear_in_no_card_or_link(branded: Path) -> None:
    unpublished = ("Secret draft piece", "Embargoed piece", "Web draft piece")
    assert files_containing(branded, *unpublished, "draft/", "later/", "web-draft") == []
    # the last public article in the running order has no "next", though a draft follows it
    third = page_html(branded, "issues/2019-03/third")
    assert 'rel="next"' not in third


# --- reading time --------------------------------------------------------------------------


def test_word_count_reads_link_text_but_not_addresses() -> None:
    assert word_count("Read [the second piece](second.md) now.") == 5
    assert word_count("![A corridor](images/hall.svg)\n/// caption\nThe hall\n///") == 4
    assert word_count("It's co-produced, isn't it?") == 4


@pytest.mark.parametrize(
    ("words", "shown"),
    [(1, "1 minute read"), (180, "1 minute read"), (181, "2 minute read"), (1000, "6 minute read")],
)
def test_reading_time_rounds_up_at_a_careful_pace(words: int, shown: str) -> None:
    counted = word_count(" ".join(["word"] * words))

    class Body:
        words = counted

    class Article:
        body = Body()

    assert reading_time(Article()) == shown  # type: ignore[arg-type]


def test_the_sample_publication_has_the_brand(tmp_path: Path) -> None:
    from conftest import copy_sample

    site = build(copy_sample(tmp_path / "sample"))
    css = (site / "assets/brand.css").read_text(encoding="utf-8")
    assert "--fp-primary: #14365d;" in css and "--fp-accent: #ffd23f;" in css
    home = page_html(site, "")
    masthead = '<img src="templates/masthead.svg" alt="FLAG Magazine" width="340" height="120">'
    assert masthead in home
    assert "<script" not in (site / "templates/masthead.svg").read_text(encoding="utf-8")
