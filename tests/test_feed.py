"""The Atom feed: valid Atom 1.0, newest public articles, bylines as the website names people."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import FOREWORD, NEIL_NO_WEB, run

A = "{http://www.w3.org/2005/Atom}"


def _feed(publication, changes: dict[str, str] | None = None) -> tuple[Path, ET.Element]:
    root = publication(changes)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    return root / "site", ET.parse(root / "site/feed.xml").getroot()


def test_the_feed_is_atom_with_every_required_element(publication) -> None:
    site, feed = _feed(publication)
    assert feed.tag == f"{A}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
    assert feed.findtext(f"{A}title") == "Test Magazine"
    assert feed.findtext(f"{A}id") == "https://example.org/test/"
    assert feed.findtext(f"{A}updated") == "2019-03-01T00:00:00Z"
    assert feed.find(f"{A}link[@rel='self']").get("href") == "https://example.org/test/feed.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Foreword", "Second piece"]
    first = entries[0]
    assert first.findtext(f"{A}id") == "https://example.org/test/issues/2019-03/foreword/"
    assert first.find(f"{A}link[@rel='alternate']").get("href") == first.findtext(f"{A}id")
    assert first.findtext(f"{A}summary") == "Why we made this issue."
    assert first.findtext(f"{A}published") == "2019-03-01T00:00:00Z"
    assert [c.get("term") for c in first.findall(f"{A}category")] == ["housing"]


def test_bylines_follow_web_consent(publication) -> None:
    _, feed = _feed(publication, {"content/contributors.yml": NEIL_NO_WEB})
    authors = [
        [a.findtext(f"{A}name") for a in e.findall(f"{A}author")] for e in feed.findall(f"{A}entry")
    ]
    assert authors == [["a volunteer"], ["Alex", "a volunteer"]]
    assert b"Neil" not in ET.tostring(feed)


def test_drafts_and_embargoes_are_not_in_the_feed(publication) -> None:
    later = FOREWORD.replace("status: published", "status: published\npublish_after: 2100-01-01")
    _, feed = _feed(publication, {"content/issues/2019-03/foreword.md": later})
    assert [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")] == ["Second piece"]


def test_every_page_links_the_feed_from_its_head(publication) -> None:
    site, _ = _feed(publication)
    pages = sorted(site.resolve().rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert 'rel="alternate" type="application/atom+xml"' in head, page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" href="feed.xml" title="Test Magazine"' in home
