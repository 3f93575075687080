"""Long lists are split into pages (issue 15): the web articles and each topic.

What a reader downloads must stay small as the archive grows, so a list of more cards
than fit on one page becomes pages of `CARDS_PER_PAGE`, newest first, at
`articles/page/2/`, `tags/<topic>/page/2/`, ..., each saying which page it is and linking
the others; a list that fits on one page looks as it always did.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import (
    CONTRIBUTORS,
    SECOND,
    build,
    page_html,
    visible_text,
    web_articles,
    write_publication,
)

from flagpress.commands.serve import Preview
from flagpress.render import urls
from flagpress.render.web.paging import CARDS_PER_PAGE, Pager, paginate

TOTAL = 2 * CARDS_PER_PAGE + 5  # web articles: three pages, of 24, 24 and 5 cards
ARTICLE_PAGES = ["articles/", "articles/page/2/", "articles/page/3/"]
TOPIC_PAGES = ["tags/housing/", "tags/housing/page/2/", "tags/housing/page/3/"]
# Newest of all, but a draft, and one not to be published until 2999: never listed.
DRAFT = (
    SECOND.replace("Second piece", "Draft piece")
    .replace("published", "draft")
    .replace("2019-03-01", "2030-01-01")
)
EMBARGOED = (
    SECOND.replace("Second piece", "Embargoed piece")
    .replace("2019-03-01", "2030-01-02")
    .replace("status: published", "status: published\npublish_after: 2999-01-01")
)
UNLISTED = {
    "content/articles/draft-piece.md": DRAFT.replace("authors:", "tags: [housing]\nauthors:"),
    "content/articles/embargoed.md": EMBARGOED.replace("authors:", "tags: [housing]\nauthors:"),
}
PROFILED = CONTRIBUTORS.replace("  name: Neil J\n", "  name: Neil J\n  profile: true\n", 1)
CONTRIBUTOR_PAGES = [
    "contributors/neil-j/",
    "contributors/neil-j/page/2/",
    "contributors/neil-j/page/3/",
]
NAV = re.compile(r'<nav class="fp-pages" aria-label="Pages"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r"<a ([^>]*)>(.*?)</a>", re.S)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A publication with TOTAL web-only articles on housing, besides the base one's issue
    (whose foreword is on housing too), a draft and an embargoed article, all by neil-j,
    who has a contributor page; built once."""
    root = tmp_path_factory.mktemp("paged") / "pub"
    changes = {**web_articles(TOTAL), **UNLISTED, "content/contributors.yml": PROFILED}
    return build(write_publication(root, changes))


def cards(page: str) -> list[str]:
    """The titles of the cards on a page, in order."""
    return [
        html.unescape(t) for t in re.findall(r'class="fp-card__title"><a [^>]*>([^<]*)</a>', page)
    ]


def page_links(page: str) -> list[tuple[str, str, str]]:
    """(what a screen reader hears, href, aria-current or '') of each link in the page's
    "Pages" navigation; [] when it has none."""
    found = NAV.search(page)
    if found is None:
        return []
    links = []
    for attributes, text in LINK.findall(found.group(1)):
        href = re.search(r'href="([^"]*)"', attributes)
        current = re.search(r'aria-current="([^"]*)"', attributes)
        spoken = " ".join(re.sub(r"<[^>]+>", "", text).split())
        links.append((spoken, href.group(1) if href else "", current.group(1) if current else ""))
    return links


def menu(page: str) -> str:
    """The site's menu (Material's primary nav, with the navs nested in it)."""
    start = page.index('<nav class="md-nav md-nav--primary"')
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", page[start:]):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return page[start : start + tag.end()]
    raise AssertionError("the menu is not closed")


def sitemap_dates(site: Path) -> dict[str, str]:
    """Each page's address in the sitemap (after the site's) and its date ('' if none)."""
    tree = ET.parse(site / "sitemap.xml")  # noqa: S314 - the build's own output
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {
        url.findtext("s:loc", "", ns).removeprefix("https://example.org/test/"): (
            url.findtext("s:lastmod", "", ns)
        )
        for url in tree.getroot().findall("s:url", ns)
    }


def title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


# --- the web articles -----------------------------------------------------------------


def test_web_articles_are_pages_of_cards_newest_first(site: Path) -> None:
    shown = [cards(page_html(site, path)) for path in ARTICLE_PAGES]
    assert [len(c) for c in shown] == [CARDS_PER_PAGE, CARDS_PER_PAGE, 5]
    # Every public web article once, the newest first; no fourth page.
    assert [t for c in shown for t in c] == [f"Web piece {n}" for n in range(TOTAL, 0, -1)]
    assert not (site / "articles/page/4").exists()
    assert not (site / "articles/page/1").exists()  # page 1 is articles/ itself


def test_each_page_says_which_page_it_is(site: Path) -> None:
    for number, path in enumerate(ARTICLE_PAGES, start=1):
        page = page_html(site, path)
        assert f" Page {number} of 3 " in visible_text(site / path / "index.html")
        assert title(page) == f"Web articles, page {number} of 3 - Test Magazine"


def test_pages_link_each_other_with_the_current_one_marked(site: Path) -> None:
    first, second, last = (page_html(site, path) for path in ARTICLE_PAGES)
    assert page_links(second) == [
        ("Previous page", "../../", ""),
        ("Page 1", "../../", ""),
        ("Page 2", "./", "page"),
        ("Page 3", "../3/", ""),
        ("Next page", "../3/", ""),
    ]
    assert page_links(first) == [
        ("Page 1", "./", "page"),
        ("Page 2", "page/2/", ""),
        ("Page 3", "page/3/", ""),
        ("Next page", "page/2/", ""),
    ]
    assert page_links(last) == [
        ("Previous page", "../2/", ""),
        ("Page 1", "../../", ""),
        ("Page 2", "../2/", ""),
        ("Page 3", "./", "page"),
    ]
    # Previous and next are also told to the browser; "Page" is heard, not seen.
    assert '<a href="../3/" rel="next">Next page</a>' in second
    assert '<a href="../../" rel="prev">Previous page</a>' in second
    assert '<span class="fp-pages__word">Page </span>2' in second
    for path in ARTICLE_PAGES:  # every link leads to a page that was built
        for _, href, _ in page_links(page_html(site, path)):
            assert (site / path / href / "index.html").resolve().is_file(), (path, href)


def test_the_menu_has_only_the_first_page(site: Path) -> None:
    for path in ["", *ARTICLE_PAGES, *TOPIC_PAGES]:
        nav = menu(page_html(site, path))
        assert '<span class="md-ellipsis">Web articles</span>' in nav
        assert "page/2" not in nav, path
        assert "page 2 of" not in nav.lower(), path


def test_the_sitemap_has_every_page_and_the_search_index_only_the_first(site: Path) -> None:
    listed = sitemap_dates(site)
    for path in [*ARTICLE_PAGES, *TOPIC_PAGES, *CONTRIBUTOR_PAGES]:
        assert listed[path] == "2020-02-23", path  # each list's newest: Web piece 53
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {
        "articles/",
        "tags/housing/",
        "contributors/neil-j/",
        "articles/piece-001/",
    } <= locations
    assert not [loc for loc in locations if "/page/" in loc]


def test_drafts_and_embargoed_articles_are_on_no_page(site: Path) -> None:
    for path in [*ARTICLE_PAGES, *TOPIC_PAGES, *CONTRIBUTOR_PAGES]:
        text = visible_text(site / path / "index.html")
        assert "Draft piece" not in text
        assert "Embargoed piece" not in text
    assert not (site / "tags/housing/page/4").exists()


# --- a topic's pages ------------------------------------------------------------------


def test_a_topics_pages_are_newest_first_and_count_all_its_articles(site: Path) -> None:
    shown = [cards(page_html(site, path)) for path in TOPIC_PAGES]
    assert [len(c) for c in shown] == [CARDS_PER_PAGE, CARDS_PER_PAGE, 6]
    # The web pieces (2020 on) first, newest first; the 2019 issue's foreword last.
    expected = [*(f"Web piece {n}" for n in range(TOTAL, 0, -1)), "Foreword"]
    assert [t for c in shown for t in c] == expected
    for number, path in enumerate(TOPIC_PAGES, start=1):
        page = page_html(site, path)
        text = visible_text(site / path / "index.html")
        assert f"Topic: housing {TOTAL + 1} articles on this topic." in text
        assert f" Page {number} of 3 " in text
        assert title(page) == f"Topic: housing, page {number} of 3 - Test Magazine"
    assert page_links(page_html(site, TOPIC_PAGES[1]))[:3] == [
        ("Previous page", "../../", ""),
        ("Page 1", "../../", ""),
        ("Page 2", "./", "page"),
    ]


def test_a_contributors_articles_are_in_pages_newest_first(site: Path) -> None:
    shown = [cards(page_html(site, path)) for path in CONTRIBUTOR_PAGES]
    expected = [*(f"Web piece {n}" for n in range(TOTAL, 0, -1)), "Foreword"]
    assert [t for c in shown for t in c] == expected
    assert [len(c) for c in shown] == [CARDS_PER_PAGE, CARDS_PER_PAGE, 6]
    page = page_html(site, CONTRIBUTOR_PAGES[2])
    assert title(page) == "Neil J, page 3 of 3 - Test Magazine"
    assert " Articles Page 3 of 3 " in visible_text(site / CONTRIBUTOR_PAGES[2] / "index.html")
    assert page_links(page)[0] == ("Previous page", "../2/", "")
    # Dated by their newest article (Web piece 53) on every page: a new one moves every
    # card along.
    dates = sitemap_dates(site)
    assert [dates[path] for path in CONTRIBUTOR_PAGES] == ["2020-02-23"] * 3


# --- lists that fit on one page ---------------------------------------------------------


def test_a_list_that_fits_on_one_page_has_no_page_numbers(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub", web_articles(CARDS_PER_PAGE, tags="[health]"))
    site = build(root)
    for path, name in [("articles/", "Web articles"), ("tags/health/", "Topic: health")]:
        page = page_html(site, path)
        assert len(cards(page)) == CARDS_PER_PAGE, path
        assert title(page) == f"{name} - Test Magazine"
        assert 'aria-label="Pages"' not in page
        assert "Page 1 of" not in visible_text(site / path / "index.html")
        assert not (site / path / "page").exists()


def test_the_samples_lists_have_no_page_numbers(sample: Path) -> None:
    site = build(sample)
    for path in ["articles/", "tags/evaluation/", "tags/co-production/"]:
        page = page_html(site, path)
        assert 'class="fp-pages' not in page, path
        assert ", page 1 of" not in title(page), path
    assert not list(site.resolve().rglob("page"))
    assert title(page_html(site, "articles/")) == "Web articles - FLAG Magazine"
    # Newest first: the web-only survey (April 2019) before the March issue's articles.
    assert cards(page_html(site, "tags/evaluation/"))[0] == (
        "Spring volunteer survey: what you told us"
    )


# --- the pages' numbers and addresses -------------------------------------------------


def test_page_addresses_are_stable_and_readable() -> None:
    assert urls.numbered_page(urls.ARTICLES, 1) == "articles/index.md"
    assert urls.numbered_page(urls.ARTICLES, 2) == "articles/page/2.md"
    assert urls.numbered_page(urls.tag_page("peer-research"), 12) == "tags/peer-research/page/12.md"
    assert urls.is_later_page("tags/peer-research/page/12.md")
    assert urls.is_later_page("articles/page/2.md")
    assert urls.is_later_page("contributors/neil-j/page/3.md")
    for src in ["articles/index.md", "articles/page.md", "issues/page/2.md", "articles/page/1.md"]:
        assert not urls.is_later_page(src), src


@pytest.mark.parametrize(
    ("number", "count", "numbers"),
    [
        (1, 1, [1]),
        (2, 3, [1, 2, 3]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a gap of one page shows its number instead
        (10, 20, [1, None, 9, 10, 11, None, 20]),
        (1, 125, [1, 2, None, 125]),  # 3,000 web articles: still seven links at most
        (125, 125, [1, None, 124, 125]),
    ],
)
def test_long_archives_link_the_first_last_and_nearby_pages(
    number: int, count: int, numbers: list[int | None]
) -> None:
    shown = Pager(urls.ARTICLES, number, count).shown
    assert [s and s[0] for s in shown] == numbers
    assert [s[1] for s in shown if s] == [
        urls.numbered_page(urls.ARTICLES, n) for n in numbers if n
    ]


def test_pages_hold_at_most_the_cards_per_page() -> None:
    assert [len(p.articles) for p in paginate(urls.ARTICLES, [])] == [0]
    sizes = [CARDS_PER_PAGE, CARDS_PER_PAGE + 1, 3 * CARDS_PER_PAGE]
    lists = [list(range(n)) for n in sizes]
    shapes = [[len(p.articles) for p in paginate(urls.ARTICLES, a)] for a in lists]  # type: ignore[arg-type]
    assert shapes == [[24], [24, 1], [24, 24, 24]]


def _published(site: Path) -> dict[str, bytes]:
    """Every file of a built website (the release marker, which names its build, left out)."""
    site = site.resolve()
    return {
        f.relative_to(site).as_posix(): f.read_bytes()
        for f in site.rglob("*")
        if f.is_file() and f.name != ".flagpress-build"
    }


def test_a_new_article_moves_every_card_along_in_an_incremental_build(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub", web_articles(2 * CARDS_PER_PAGE))
    build(root)
    assert not (root / "site/articles/page/3").exists()
    newest = web_articles(2 * CARDS_PER_PAGE + 1)  # one more: piece 49, the newest
    write_publication(root, newest)
    incremental = _published(build(root))
    clean = _published(build(write_publication(tmp_path / "clean", newest)))
    assert sorted(incremental) == sorted(clean)
    assert [a for a, data in clean.items() if incremental[a] != data] == []
    assert cards(incremental["articles/page/3/index.html"].decode()) == ["Web piece 1"]
    assert cards(incremental["articles/index.html"].decode())[0] == "Web piece 49"


# --- the preview ----------------------------------------------------------------------


def test_the_preview_serves_a_later_page_with_an_edit(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub", web_articles(TOTAL))
    preview = Preview(root, lambda _: None, False)
    thread = threading.Thread(target=preview.serve, args=(0,), daemon=True)
    thread.start()
    try:
        assert preview.ready.wait(120)
        assert preview.server is not None

        def get(path: str) -> str:
            with urllib.request.urlopen(preview.server.address + path, timeout=20) as response:
                return response.read().decode("utf-8")

        assert "Web piece 29" in cards(get("articles/page/2/"))
        piece = root / "content/articles/piece-029.md"
        piece.write_text(
            piece.read_text(encoding="utf-8").replace("Web piece 29", "Web piece twenty-nine"),
            encoding="utf-8",
        )
        end = time.monotonic() + 30
        while "Web piece twenty-nine" not in cards(get("articles/page/2/")):
            assert time.monotonic() < end, "the edit never reached page 2"
            time.sleep(0.1)
        assert page_links(get("articles/page/2/"))[2] == ("Page 2", "./", "page")
    finally:
        preview.stop()
        thread.join(30)
