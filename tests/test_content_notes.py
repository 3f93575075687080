"""Content notes travel with the article (issue 14, item 4).

Wherever an article is offered (home, issue, topic, contributor and web-article
lists; search results; the feed) its content note is offered with it, in words, and
wherever a link lands inside the article (a search result's or the table of
contents' section link) the reader meets the note before the text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CONTRIBUTORS, FOREWORD, run, write_publication

NOTE = "Mentions prison"  # written without a full stop: the feed adds one
FOREWORD_NOTED = FOREWORD.replace(
    "tags: [housing]\n---\nWelcome.",
    f"tags: [housing]\ncontent_note: {NOTE}\n---\nWelcome.\n\n## Inside\n\nA cell.\n\n"
    "### The door\n\nIt locks.\n\nEnd:",
)
WEB_ARTICLE = """\
---
title: Web news
type: news
summary: News between issues.
date: 2019-04-01
status: published
authors: [neil-j]
tags: [housing]
content_note: Mentions eviction.
---
News.
"""
PAGES = {
    "home": "index.html",
    "issue": "issues/2019-03/index.html",
    "topic": "tags/housing/index.html",
    "contributor": "contributors/neil-j/index.html",
    "web articles": "articles/index.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notes") / "pub"
    write_publication(
        root,
        {
            "content/contributors.yml": CONTRIBUTORS.replace(
                "roles: [volunteer]", "roles: [volunteer]\n  profile: true", 1
            ),
            "content/issues/2019-03/foreword.md": FOREWORD_NOTED,
            "content/articles/web-news.md": WEB_ARTICLE,
        },
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    return root / "site"


def _items(site: Path, page: str) -> dict[str, str]:
    """Each article in the page's lists: its title -> the item's HTML."""
    html = (site / page).read_text(encoding="utf-8")
    items = re.findall(r'<li class="fp-card[^"]*">(.*?)</li>', html, re.S)
    return {re.search(r"<a [^>]*>(.*?)</a>", item).group(1): item for item in items}


@pytest.mark.parametrize("page", PAGES)
def test_every_article_list_shows_the_note_in_words_under_the_title(site: Path, page: str) -> None:
    items = _items(site, PAGES[page])
    noted = {"Foreword": NOTE, "Web news": "Mentions eviction."}
    shown = [title for title in noted if title in items]
    assert shown, items.keys()
    for title in shown:
        after_title = items[title].split("</h", 1)[1].split("\n", 1)[1].lstrip()
        expected = f'<p class="fp-card__note"><strong>Content note:</strong> {noted[title]}'
        assert after_title.startswith(expected + "</p>"), after_title
    for title, item in items.items():
        if title not in noted:
            assert "Content note" not in item, title


def test_the_search_result_for_the_article_shows_the_note_before_the_summary(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    page = next(d for d in docs if d["location"] == "issues/2019-03/foreword/")
    text = page["text"]
    assert text.startswith(f"<p>Content note: {NOTE}</p><p>Why we made this issue.</p>")
    second = next(d for d in docs if d["location"] == "issues/2019-03/second/")
    assert "Content note" not in second["text"]


def test_every_section_search_result_starts_with_the_note(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    sections = {
        d["location"]: d["text"]
        for d in docs
        if d["location"].startswith("issues/2019-03/foreword/#")
    }
    assert set(sections) == {
        "issues/2019-03/foreword/#inside",
        "issues/2019-03/foreword/#the-door",
    }
    assert sections["issues/2019-03/foreword/#inside"].startswith(
        f"<p>Content note: {NOTE}</p><p>A cell.</p>"
    )
    assert sections["issues/2019-03/foreword/#the-door"].startswith(
        f"<p>Content note: {NOTE}</p><p>It locks.</p>"
    )


def test_the_feed_summary_starts_with_the_note(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    summaries = {
        e.findtext(f"{atom}title"): e.findtext(f"{atom}summary")
        for e in feed.findall(f"{atom}entry")
    }
    assert summaries == {
        "Web news": "Content note: Mentions eviction. News between issues.",
        "Foreword": f"Content note: {NOTE}. Why we made this issue.",
        "Second piece": "The second article.",
    }


def test_the_note_comes_first_on_the_article_page(site: Path) -> None:
    html = (site / "issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    region = html.index('<section class="fp-content-note" id="content-note"')
    assert html.index("<h1>Foreword</h1>") < region < html.index('class="fp-summary"')
    assert region < html.index('class="fp-byline"') < html.index('class="fp-body"')


def test_each_heading_a_link_can_land_on_is_followed_by_the_note(site: Path) -> None:
    html = (site / "issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    reminder = f'<p class="fp-note-reminder"><strong>Content note:</strong> {NOTE}</p>'
    assert f'<h2 id="inside">Inside</h2>{reminder}' in html
    assert f'<h3 id="the-door">The door</h3>{reminder}' in html
    assert html.count(reminder) == 2
    second = (site / "issues/2019-03/second/index.html").read_text(encoding="utf-8")
    assert "fp-note-reminder" not in second


def test_the_note_is_escaped_wherever_it_goes(tmp_path: Path) -> None:
    noted = FOREWORD_NOTED.replace(NOTE, "Mentions <b>prison</b> & cells")
    root = write_publication(tmp_path / "pub", {"content/issues/2019-03/foreword.md": noted})
    assert run("build", "--root", str(root)).exit_code == 0
    for page in ("issues/2019-03/foreword/index.html", "issues/2019-03/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "Mentions &lt;b&gt;prison&lt;/b&gt; &amp; cells" in html, page
        assert "<b>prison" not in html, page


# In a real browser (skipped without Chromium, as every browser test): a section link
# shows the reminder right under the heading it lands on; reading from the top, it is hidden.
from test_a11y_browser import _context, browser, sample_site  # noqa: E402, F401


def test_a_deep_link_lands_on_the_heading_with_the_note_in_view(browser, sample_site) -> None:  # noqa: ANN001, F811
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    article = base + "issues/2019-03/commissioning-cycle/"
    page.goto(article + "#out-on-the-streets")
    reminder = page.locator("#out-on-the-streets + .fp-note-reminder")
    assert reminder.is_visible()
    assert reminder.inner_text().startswith("Content note: Mentions rough sleeping")
    box, height = reminder.bounding_box(), page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height
    others = page.locator(".fp-note-reminder:visible").count()
    page.goto(article)
    hidden_at_top = page.locator(".fp-note-reminder:visible").count()
    context.close()
    assert (others, hidden_at_top) == (1, 0)
