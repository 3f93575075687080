"""Sharing without tracking: link previews, descriptions, canonical links, robots.txt, sitemap.

What a search engine or a chat app reads from a page's head, asserted as they read it
(an HTML parser, so escaping is checked by what comes out, not by how it looks).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    NEIL_NO_WEB,
    SITE_CONFIG,
    WEB_ONLY,
    build,
    png,
    run,
    write_publication,
)

from flagpress.render.web.sharing import shorten

SITE = "https://example.org/test/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base publication, built once for the tests that only read it."""
    return build(write_publication(tmp_path_factory.mktemp("sharing") / "pub"))


class _Head(HTMLParser):
    """The <meta> and <link rel=canonical> tags of a page's head, values unescaped."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and "content" in a and (a.get("name") or a.get("property")):
            self.meta.append((a.get("property") or a.get("name") or "", a["content"] or ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href") or "")


def head(site: Path, path: str) -> _Head:
    text = (site / path / "index.html").read_text(encoding="utf-8")
    parser = _Head()
    parser.feed(text[: text.index("</head>")])
    return parser


def tags(site: Path, path: str) -> dict[str, str]:
    found = head(site, path).meta
    keys = [k for k, _ in found]
    assert len(keys) == len(set(keys)), f"a tag repeated on {path}: {keys}"
    return {k: v for k, v in found if k != "viewport" and k != "generator"}


def with_lead_image(src: str, alt: str = "Volunteers around a table") -> str:
    image = f'image: {{src: {src}, alt: "{alt}"}}'
    return FOREWORD.replace("tags: [housing]", f"tags: [housing]\n{image}")


def test_an_article_page_describes_itself_for_link_previews(base_site: Path) -> None:
    site = base_site
    assert tags(site, "issues/2019-03/foreword") == {
        "description": "Why we made this issue.",
        "author": "Neil J",
        "og:type": "article",
        "og:title": "Foreword",
        "og:description": "Why we made this issue.",
        "og:url": f"{SITE}issues/2019-03/foreword/",
        "og:site_name": "Test Magazine",
        "og:locale": "en_GB",
        "twitter:card": "summary",
    }


def test_a_lead_photo_is_shown_in_previews_at_its_full_address(publication) -> None:
    site = build(
        publication(
            {
                FOREWORD_PATH: with_lead_image("images/lead.png"),
                "content/issues/2019-03/images/lead.png": png(40, 20),
            }
        )
    )
    shown = tags(site, "issues/2019-03/foreword")
    assert shown["og:image"] == f"{SITE}issues/2019-03/images/lead.png"
    assert (site / "issues/2019-03/images/lead.png").is_file()  # the address is real
    assert shown["og:image:alt"] == shown["twitter:image:alt"] == "Volunteers around a table"
    assert shown["twitter:card"] == "summary_large_image"


def test_a_drawing_is_not_offered_to_previews_which_cannot_show_svg(publication) -> None:
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
        '<rect width="4" height="4"/></svg>'
    )
    site = build(
        publication(
            {
                FOREWORD_PATH: with_lead_image("images/lead.svg"),
                "content/issues/2019-03/images/lead.svg": drawing,
            }
        )
    )
    shown = tags(site, "issues/2019-03/foreword")
    assert "og:image" not in shown
    assert shown["twitter:card"] == "summary"


def test_titles_and_summaries_are_escaped_once_in_every_tag(publication) -> None:
    title = 'Rent & "fair" <b>homes</b>'
    summary = "Why <script>alert(1)</script> & 'quotes' matter."
    article = FOREWORD.replace("title: Foreword", f"title: '{title}'").replace(
        "summary: Why we made this issue.", f'summary: "{summary}"'
    )
    site = build(publication({FOREWORD_PATH: article}))
    shown = tags(site, "issues/2019-03/foreword")
    assert shown["og:title"] == title
    assert shown["og:description"] == shown["description"] == summary
    page = (site / "issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&amp;amp;" not in page  # not escaped twice


def test_no_meta_tag_names_someone_who_may_not_be_named_on_the_web(publication) -> None:
    private = "neil-j: {real_name: Neil Jones}\nanon-1: {real_name: Morgan Blake}\n"
    site = build(
        publication(
            {
                "content/contributors.yml": NEIL_NO_WEB,
                "content/contributors.private.yml": private,
            }
        )
    )
    assert tags(site, "issues/2019-03/foreword")["author"] == "a volunteer"
    assert tags(site, "issues/2019-03/second")["author"] == "Alex and a volunteer"
    every_tag = [
        value
        for page in sorted(site.resolve().rglob("index.html"))
        for _, value in head(site, page.parent.relative_to(site.resolve()).as_posix()).meta
    ]
    assert len(every_tag) > 50
    leaks = [v for v in every_tag for name in ("Neil", "Morgan", "Blake") if name in v]
    assert leaks == []


def test_every_page_has_a_description_and_its_own_canonical_address(base_site: Path) -> None:
    site = base_site
    pages = sorted(
        p.parent.relative_to(site.resolve()).as_posix() for p in site.resolve().rglob("index.html")
    )
    assert len(pages) >= 10
    for path in pages:
        found = head(site, path)
        address = SITE if path == "." else f"{SITE}{path}/"
        assert found.canonical == [address], path
        shown = tags(site, path)
        assert len(shown["description"].split()) >= 3, path
        assert shown["og:url"] == address, path


def test_pages_without_a_summary_get_a_sentence_of_their_own(base_site: Path) -> None:
    site = base_site
    description = {
        path: tags(site, path)["description"]
        for path in (
            ".",
            "tags/housing",
            "about",
            "issues/2019-03/credits",
            "issues",
            "accessibility",
        )
    }
    assert description == {
        ".": "Test Magazine, published by Test Partnership: every issue and article, "
        "and the people who made them.",
        "tags/housing": "An article about housing in Test Magazine.",
        "about": "We are a test.",  # the standing page's first paragraph
        "issues/2019-03/credits": "Who made issue 1 of Test Magazine, First issue, "
        "and what each did.",
        "issues": "Every issue of Test Magazine, newest first.",
        "accessibility": "How accessible the Test Magazine website is, what is not yet, "
        "and how to ask for another format or tell us about a problem.",
    }


def test_the_home_page_uses_the_publications_own_description(publication) -> None:
    config = SITE_CONFIG + WEB_ONLY + "description: Stories by people who have been there.\n"
    site = build(publication({"site_config.yml": config}))
    shown = tags(site, ".")
    own = "Stories by people who have been there."
    assert shown["description"] == shown["og:description"] == own
    assert shown["og:type"] == "website"


def test_robots_txt_allows_everyone_and_names_the_sitemap(base_site: Path) -> None:
    site = base_site
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nDisallow:\n\nSitemap: {SITE}sitemap.xml\n"
    )


def test_a_content_file_cannot_take_the_address_of_robots_txt(publication) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + WEB_ONLY + "downloads: [txt]\n",
            "content/robots.txt": "User-agent: *\nDisallow: /\n",
            "content/pages/about.md": (
                "---\ntitle: About us\n---\nSee [our crawler rules](../robots.txt).\n"
            ),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr == (  # said at the link's address, column 25
        "content/pages/about.md\n"
        "content/pages/about.md:4:25: error: content/robots.txt would be published at "
        "robots.txt, where the website keeps a file of its own; move it into another folder "
        "(for example next to the article) and change the link [publish-clash]\n"
        "\n"
        "1 error in 1 file.\n"
        "Nothing was published: there is no live site yet.\n"
    )
    assert not (root / "site").exists()


def _lastmods(xml: bytes) -> dict[str, str | None]:
    urls = ET.fromstring(xml).findall(f"{SM}url")
    return {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urls}


def test_sitemap_dates_pages_by_what_they_show_not_by_the_build(publication) -> None:
    earlier = FOREWORD.replace("date: 2019-03-01", "date: 2019-02-20")
    site = build(publication({FOREWORD_PATH: earlier}))
    xml = (site / "sitemap.xml").read_bytes()
    dates = _lastmods(xml)
    assert {
        loc: dates[f"{SITE}{loc}"]
        for loc in (
            "",
            "issues/",
            "issues/2019-03/",
            "issues/2019-03/foreword/",
            "issues/2019-03/second/",
            "issues/2019-03/credits/",
            "tags/housing/",
            "about/",
        )
    } == {
        "": "2019-03-01",  # the newest article
        "issues/": "2019-03-01",
        "issues/2019-03/": "2019-03-01",  # the date
        "issues/2019-03/foreword/": "2019-02-20",  # the article's own date
        "issues/2019-03/second/": "2019-03-01",
        "issues/2019-03/credits/": "2019-03-01",
        "tags/housing/": "2019-02-20",  # its newest article
        "about/": None,  # a standing page has no date of its own: none is given
    }
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == xml


def test_the_accessibility_statement_is_dated_by_its_review(publication) -> None:
    config = SITE_CONFIG + WEB_ONLY + "accessibility: {reviewed: 2019-05-02}\n"
    site = build(publication({"site_config.yml": config}))
    assert _lastmods((site / "sitemap.xml").read_bytes())[f"{SITE}accessibility/"] == "2019-05-02"


def test_long_openings_are_cut_after_a_whole_sentence_or_a_word() -> None:
    sentence = "Volunteers and staff write this magazine together every season."
    assert shorten(" ".join([sentence] * 4)) == " ".join([sentence] * 2)
    one_long = "word " * 60
    cut = shorten(one_long.strip())
    assert cut.endswith("word…") and len(cut) <= 160
    assert shorten("Short.") == "Short."
