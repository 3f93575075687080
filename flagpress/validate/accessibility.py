"""Checks that what editors write can be read by everyone: screen-reader users first.

A browser test can only find what reached the page; these find it at the line the
editor wrote, before anything is built. Missing alt text is reported with the other
image checks (references.py); this module reports alt text that says nothing.

- Headings: the title is the page's one level-1 heading, so the text starts at ##,
  and levels do not skip (screen-reader users move by heading and would think a
  section is missing).
- Tables have a header row (what each column means is otherwise lost when read aloud).
- Link text says where the link goes: screen readers list links on their own, where
  "click here" or a web address read letter by letter says nothing.
- Titles have words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem
from flagpress.model import Body, Image, Link, Publication, is_decorative

_WORD = re.compile(r"[^\W_]")
_IMAGE_FILE = re.compile(r"[\w./-]+\.(png|jpe?g|gif|svg|webp|avif|tiff?)", re.IGNORECASE)
_PLACEHOLDER_ALT = frozenset(
    {
        "image", "picture", "photo", "photograph", "pic", "img", "graphic", "figure",
        "diagram", "illustration", "drawing", "chart", "icon", "logo", "screenshot",
    }
)  # fmt: skip
_VAGUE_LINKS = frozenset(
    {
        "click here", "click", "here", "click this", "read more", "more", "more here",
        "link", "this link", "this", "this page", "page", "go", "go here", "see here",
        "find out more", "more info", "more information", "learn more", "details",
    }
)  # fmt: skip
_WEB_ADDRESS = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_DECORATIVE_HINT = "(or write 'decorative' if it only decorates the page)"


def check(pub: Publication) -> Iterator[Problem]:
    for issue in pub.issues:
        yield from _title(issue.title, issue.written.key("title"))
        if issue.cover:
            yield from _front_matter_image(issue.cover)
    for article in pub.all_articles():
        yield from _title(article.title, article.written.key("title"))
        if article.image:
            yield from _front_matter_image(article.image)
        yield from _body(article.body)
    for page in pub.pages:
        yield from _title(page.title, page.written.key("title"))
        yield from _body(page.body)


def _title(title: str, loc: Location) -> Iterator[Problem]:
    if not _WORD.search(title):
        yield loc.error(
            "empty-title",
            f"the title '{title}' has no letters or digits; write a title that says what "
            "the page is about, so readers (and screen readers) know where they are",
        )


def _body(body: Body) -> Iterator[Problem]:
    yield from _headings(body)
    for block in body.blocks:
        if block.kind == "table" and not _WORD.search(block.text):
            yield block.loc.error(
                "table-no-header",
                "this table has no header row (its first row is empty); write what each "
                "column holds in the first row, e.g. | Month | People |, so the table makes "
                "sense when it is read aloud",
            )
    for link in body.links:
        yield from _image_alt(link) if link.is_image else _link_text(link)


def _headings(body: Body) -> Iterator[Problem]:
    previous = 1  # the page's title
    for block in body.blocks:
        if block.kind != "heading":
            continue
        level, loc = block.level, block.loc
        if not _WORD.search(block.text):
            yield loc.error(
                "empty-heading",
                "this heading has no words; write the heading after the # marks, or remove them",
            )
        if level == 1:
            yield loc.error(
                "heading-level-1",
                "a heading with one # is a second title: the article's title is already "
                "its level-1 heading, so start headings in the text at ##",
            )
        elif level > previous + 1:
            after = "the title" if previous == 1 else f"a {'#' * previous} heading"
            yield loc.error(
                "heading-skips-level",
                f"this {'#' * level} heading comes right after {after}, skipping a level; "
                f"write {'#' * (previous + 1)} instead, so screen-reader users do not think "
                "a section is missing",
            )
        previous = level


def _link_text(link: Link) -> Iterator[Problem]:
    text = " ".join(link.text.split())
    said = text.lower().strip(" .,:;!?()'\"…‘’“”")  # straight, or as smarty writes them
    if not text:
        yield link.loc.error(
            "link-no-text",
            "this link has no text; between the [ ] brackets, write what the reader will "
            "find there",
        )
    elif said in _VAGUE_LINKS:
        yield link.loc.error(
            "vague-link-text",
            f"the link text '{text}' does not say where the link goes (screen readers list "
            "links on their own); write what the reader will find, e.g. "
            "[how to get involved](get-involved.md)",
        )
    elif _WEB_ADDRESS.fullmatch(text) or text == link.target:
        yield link.loc.error(
            "web-address-as-link-text",
            f"the link text is a web address ('{text}'), which screen readers spell out; "
            "write what the reader will find there, e.g. [the SCIE guide](https://...)",
        )


def _image_alt(link: Link) -> Iterator[Problem]:
    if _unhelpful(link.text):
        yield link.loc.error("unhelpful-alt-text", _unhelpful_message(link.text))


def _front_matter_image(image: Image) -> Iterator[Problem]:
    if _unhelpful(image.alt):
        yield image.loc.error("unhelpful-alt-text", _unhelpful_message(image.alt))


def _unhelpful(alt: str) -> bool:
    """Alt text that is there but says nothing: a file name or a word like 'photo'."""
    said = alt.strip().lower().strip(" .")
    if not said or is_decorative(alt):
        return False  # missing alt text is reported by references.py
    return said in _PLACEHOLDER_ALT or bool(_IMAGE_FILE.fullmatch(said))


def _unhelpful_message(alt: str) -> str:
    return (
        f"the alt text '{alt.strip()}' does not describe the image; say what it shows for "
        f"people who cannot see it {_DECORATIVE_HINT}"
    )
