"""The website's search index, written from flagpress's own parsed text.

Material's search plugin parses the HTML of every rendered page again to make its
index (about a sixth of a whole build), and puts every word of every page in it
(5.6 MB at 1,000 articles), downloaded by every reader whose browser opens the search. The
Edition already holds what it needs, so the entries are made from it, in the format
Material's search script reads (`docs` of `location`, `title`, `text`; a `#` in the
location makes a section of the page before it).

The index is a summary, so that what a reader downloads to search stays small as the
archive grows (measured on the benchmark's archive: 5.6 MB at 1,000 articles with
Material's own index; with this one 0.4 MB at 1,000 and 1.1 MB at 5,000, where
giving every article its summary made 1.4 MB). Readers who never search never
download it (theme/assets/search-on-demand.js).

- every article: its title, content note and byline, as on its page; the
  `SUMMARISED_ARTICLES` newest also their summary (an older article is still found
  by its title and its people, whose contributor pages list all they made);
- the `RECENT_ARTICLES` newest articles, and standing pages, also: the first
  `SECTION_WORDS` words of their text, and a section entry for each heading with the
  heading, the article's content note first (a result lands past the note at the
  top of the page) and the first `SECTION_WORDS` words of the section;
- every other page: its title and description, except page 2 onwards of the web
  articles and of each topic (each article has its own entry; page 1 stands for the list).

Only pages of the website are indexed, from what the Edition holds, so drafts,
embargoed articles and names that may not be shown never reach it; bylines come from
the same namer as the pages. Every value is escaped: the script shows `text` as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape as _html_escape

from flagpress.model import Body, Heading, Page
from flagpress.render import urls
from flagpress.render.edition import Edition
from flagpress.render.web.context import WebPage

# Words of each section in its entry: enough to recognise it in a result.
SECTION_WORDS = 12
# The newest articles, which most searches are for, are indexed in full (see above).
RECENT_ARTICLES = 200
# ... and these newest also with their summary.
SUMMARISED_ARTICLES = 1000
# Python-Markdown's placeholders for stashed inline HTML (entities), never text.
_STASHED = re.compile("\x02[^\x03]*\x03")

Doc = dict[str, str]


def search_docs(edition: Edition, pages: list[WebPage]) -> list[Doc]:
    """One entry per page of the website (in the site's order), and one per heading."""
    articles = {urls.article_page(a): a for a in edition.articles}
    standing = {urls.standing_page(p): p for p in edition.pages}
    namer = edition.namer("web")
    newest = sorted(edition.articles, key=lambda a: (a.date, a.source), reverse=True)
    recent = {a.source for a in newest[:RECENT_ARTICLES]}
    summarised = {a.source for a in newest[:SUMMARISED_ARTICLES]}
    docs: list[Doc] = []
    for page in pages:
        if urls.is_later_page(page.src_uri):
            continue
        location = _location(page.src_uri)
        article = articles.get(page.src_uri)
        if article is not None:
            byline = f"By {namer.names(article.authors)}" if article.authors else ""
            summary = article.summary if article.source in summarised else ""
            texts = [_note(article.content_note), summary, byline]
            if article.source in recent:
                texts += _first_words(_prose(article.body, None))
            docs.append(_doc(location, article.title, texts))
            if article.source in recent:
                docs += _sections(location, article.body, article.content_note)
        elif page.src_uri in standing:
            item: Page = standing[page.src_uri]
            docs.append(_doc(location, item.title, _first_words(_prose(item.body, None))))
            docs += _sections(location, item.body, "")
        else:
            docs.append(_doc(location, page.title, [page.description]))
    return docs


def escape(text: str) -> str:
    """Escaped as Material's own indexer does (quotes stay as they are)."""
    return _html_escape(text, quote=False)


def _doc(location: str, title: str, texts: list[str]) -> Doc:
    text = "".join(f"<p>{escape(t)}</p>" for t in texts if t.strip())
    return {"location": location, "title": escape(title), "text": text}


def _note(note: str) -> str:
    return f"Content note: {note.strip()}" if note.strip() else ""


def _location(src_uri: str) -> str:
    """The page's address as Material writes it: 'issues/2019-03/foreword/', '' for home."""
    if src_uri == urls.HOME:
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri.removesuffix(".md") + "/"


def _sections(location: str, body: Body, note: str) -> Iterator[Doc]:
    """A section entry for each heading with an id, with its first words."""
    ids = list(_heading_ids(body.toc))
    headings = [b for b in body.blocks if b.kind == "heading"]
    if len(ids) != len(headings):  # cannot happen with Python-Markdown's toc; never guess
        return
    for number, (anchor, heading) in enumerate(zip(ids, headings, strict=True)):
        words = _first_words(_prose(body, number))
        yield _doc(f"{location}#{anchor}", _clean(heading.text), [_note(note), *words])


def _heading_ids(toc: tuple[Heading, ...]) -> Iterator[str]:
    """Ids of the table of contents' headings, in reading order."""
    for heading in toc:
        yield heading.id
        yield from _heading_ids(heading.children)


def _prose(body: Body, heading: int | None) -> Iterator[str]:
    """The paragraphs after heading number `heading` (None: before the first heading)."""
    seen = -1
    for block in body.blocks:
        if block.kind == "heading":
            seen += 1
        elif block.kind == "prose" and seen == (-1 if heading is None else heading):
            yield _clean(block.text)


def _first_words(paragraphs: Iterator[str]) -> list[str]:
    """The paragraphs, cut after SECTION_WORDS words in all (an ellipsis says so)."""
    kept: list[str] = []
    left = SECTION_WORDS
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) > left:
            kept.append(" ".join(words[:left]) + " …")
            break
        kept.append(paragraph)
        left -= len(words)
        if not left:
            break
    return kept


def _clean(text: str) -> str:
    return " ".join(_STASHED.sub("", text).split())
