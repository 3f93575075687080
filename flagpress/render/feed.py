"""An Atom 1.0 feed of the newest published articles, for feed readers and newsletters.

It is one more output of the Edition: titles, summaries (led by the content note,
if any) and links to the article pages, and bylines as the website shows them (web
consent decides who is named, as everywhere on the website; named people first).
Every page's head links to it, so readers' tools find it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from flagpress.diagnostics import Problem
from flagpress.render import urls
from flagpress.render.edition import Alternate, Edition, PublicArticle
from flagpress.render.folder import Folder
from flagpress.render.progress import Progress, quiet

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
NEWEST = 20  # feed readers poll often; the archive pages hold the rest


class AtomFeed:
    """The feed output: `feed.xml` at the root of the website."""

    name = "feed"
    alternate = Alternate(FEED_FILE, "application/atom+xml")

    def render(self, edition: Edition, folder: Folder, progress: Progress = quiet) -> list[Problem]:
        root = feed(edition)  # one file, made in an instant: nothing to tell `progress`
        ET.indent(root)
        folder.write(FEED_FILE, ET.tostring(root, encoding="utf-8", xml_declaration=True))
        return []


def newest(edition: Edition) -> list[PublicArticle]:
    """The newest public articles, newest first (in running order within a day)."""
    ordered = sorted(
        enumerate(edition.articles), key=lambda item: (-item[1].date.toordinal(), item[0])
    )
    return [article for _, article in ordered[:NEWEST]]


def feed(edition: Edition) -> ET.Element:
    """The whole feed as an Atom <feed> element."""
    config = edition.config
    ET.register_namespace("", ATOM)
    root = ET.Element(_tag("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": config.language})
    articles = newest(edition)
    home = urls.absolute(config.url, urls.HOME)
    _text(root, "title", config.title)
    if config.description:
        _text(root, "subtitle", config.description)
    _text(root, "id", home)
    _link(root, urls.absolute(config.url, FEED_FILE), "self", "application/atom+xml")
    _link(root, home, "alternate", "text/html")
    _text(root, "updated", _timestamp(max((a.date for a in articles), default=edition.today)))
    author = ET.SubElement(root, _tag("author"))
    _text(author, "name", config.publisher)
    namer = edition.namer("web")
    for article in articles:
        entry = ET.SubElement(root, _tag("entry"))
        address = urls.absolute(config.url, urls.article_page(article))
        _text(entry, "title", article.title)
        _text(entry, "id", address)
        _link(entry, address, "alternate", "text/html")
        _text(entry, "published", _timestamp(article.date))
        _text(entry, "updated", _timestamp(article.date))
        for credit in namer.credits(article.authors):  # as the byline: named first
            _text(ET.SubElement(entry, _tag("author")), "name", credit.text)
        _text(entry, "summary", summary(article))
        for tag in article.tags:
            ET.SubElement(entry, _tag("category"), {"term": tag})
    return root


def summary(article: PublicArticle) -> str:
    """The entry's summary, led by the content note where there is one.

    Feed readers and newsletters show the summary before anyone opens the article,
    so a reader is warned there, first, as on every list of the website.
    """
    if not article.content_note:
        return article.summary
    note = article.content_note.strip()
    stop = "" if note.endswith((".", "!", "?")) else "."
    return f"Content note: {note}{stop} {article.summary}"


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _tag(name)).text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, _tag("link"), {"rel": rel, "type": kind, "href": href})


def _timestamp(day: dt.date) -> str:
    """Atom dates are full timestamps (RFC 3339); articles carry a day only."""
    return f"{day.isoformat()}T00:00:00Z"
