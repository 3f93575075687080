"""Article bodies made ready for print: sanitised, links made printable, notes in place.

Each body goes through the same nh3 allowlist as the website (`clean_html`). Then,
because every article of an issue shares one print document, ids are prefixed
with the article's slug so they stay unique, and Python-Markdown's footnotes, which
it collects at the end of the article, are moved to where they are cited: the print
stylesheet floats them to the foot of that page (`float: footnote`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tinyhtml5.parser import HTMLParser

from flagpress.diagnostics import Location, Problem
from flagpress.links import Kind, resolve
from flagpress.render.edition import DECORATIVE_MARK, PublicArticle, print_body_html
from flagpress.render.sanitize import clean_html


@dataclass(frozen=True)
class BodyContext:
    """What a body needs to know about the rest of its edition."""

    root: Path  # the publication folder
    anchors: Mapping[str, str]  # content path of each article in this edition -> its slug


def print_body(article: PublicArticle, ctx: BodyContext) -> str:
    """The article's body as print HTML (check `file_references` first)."""
    html = clean_html(print_body_html(article.body), _rewriter(article, ctx))
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(html)
    _place_footnotes(fragment, article.slug)
    _pull_quotes(fragment)
    _describe_drawings(fragment)
    _prefix_ids(fragment, article.slug)
    fragment.tag = "div"
    fragment.set("class", "fp-body")
    return ET.tostring(fragment, encoding="unicode", method="html")


def image_uri(root: Path, source: str, src: str) -> str | None:
    """A `file:` URI for an image inside content/, or None if it is not one."""
    target = resolve(source, src)
    if target.kind is not Kind.CONTENT:
        return None
    content = (root / "content").resolve()
    path = (root / target.path).resolve()
    if not path.is_relative_to(content) or not path.is_file():
        return None
    return path.as_uri()


def file_references(
    article: PublicArticle, root: Path, problems: list[Problem]
) -> dict[str, Location]:
    """Each image file the article uses (file URI -> where it is written).

    Anything that is not a file inside content/ (a web address, `file:`, a path
    that climbs out) and any HTML typed into the Markdown is a problem: it could
    pull a file from elsewhere into the PDF. The sanitiser would drop most of them
    silently; here the editor is told, at the line.
    """
    found: dict[str, Location] = {}
    for link in article.body.links:
        if not link.is_image:
            continue
        uri = image_uri(root, article.source, link.target)
        if uri is None:
            problems.append(_refused(link.loc, link.target))
        else:
            found.setdefault(uri, link.loc)
    for snippet, loc in article.body.raw_html:
        problems.append(
            loc.error(
                "print-refused-html",
                f"HTML cannot go into the PDF ('{snippet.strip()[:40]}'); write it in Markdown",
            )
        )
    return found


def _rewriter(article: PublicArticle, ctx: BodyContext) -> Callable[[str, str], str | None]:
    def rewrite(attribute: str, value: str) -> str | None:
        if attribute == "src":
            return image_uri(ctx.root, article.source, value)  # refusals: file_references
        target = resolve(article.source, value)
        if target.kind is Kind.ANCHOR:
            return f"#{article.slug}--{target.fragment}"
        if target.kind is Kind.EXTERNAL:
            return value
        if target.kind is Kind.CONTENT and target.path in ctx.anchors:
            slug = ctx.anchors[target.path]
            return f"#{slug}--{target.fragment}" if target.fragment else f"#article-{slug}"
        return None  # a page of the website: the link text stays, the link does not

    return rewrite


def _refused(where: Location, reference: str) -> Problem:
    return where.error(
        "print-refused-file",
        f"the image '{reference}' cannot go into the PDF: only image files inside "
        "content/ can; save it in the issue's images/ folder and link to it there",
    )


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _place_footnotes(fragment: ET.Element, slug: str) -> None:
    """Move each note's text to the place it is cited, as a `span.fp-footnote`."""
    notes: dict[str, ET.Element] = {}
    for block in [el for el in fragment if el.tag == "div" and "footnote" in _classes(el)]:
        for item in block.iter("li"):
            notes[item.get("id", "")] = item
        fragment.remove(block)
    for heading in [el for el in fragment if "fp-notes-heading" in _classes(el)]:
        fragment.remove(heading)  # the notes are printed at the foot of their pages
    for parent in fragment.iter():
        for index, sup in enumerate(list(parent)):
            link = sup.find("a") if sup.tag == "sup" else None
            if link is None or "footnote-ref" not in _classes(link):
                continue
            note = notes.get((link.get("href") or "").removeprefix(f"#{slug}--"))
            if note is not None:
                span = _note_span(note)
                span.tail = sup.tail
                parent.remove(sup)
                parent.insert(index, span)


def _note_span(item: ET.Element) -> ET.Element:
    """The note's paragraphs as one inline span, without the 'back to the text' link."""
    span = ET.Element("span", {"class": "fp-footnote"})
    paragraphs = [p for p in item if p.tag == "p"] or [item]
    for number, paragraph in enumerate(paragraphs):
        for backref in [a for a in paragraph.iter("a") if "footnote-backref" in _classes(a)]:
            _remove(paragraph, backref)
        if number:
            _append_text(span, " ")
        _append_text(span, paragraph.text or "")
        for child in list(paragraph):
            span.append(child)
    if len(span):
        span[-1].tail = (span[-1].tail or "").rstrip("\xa0 \n")
    else:
        span.text = (span.text or "").rstrip("\xa0 \n")
    return span


def _append_text(el: ET.Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _remove(root: ET.Element, target: ET.Element) -> None:
    """Remove `target` from under `root`, keeping the text that followed it."""
    for parent in root.iter():
        children = list(parent)
        if target in children:
            index = children.index(target)
            tail = target.tail or ""
            if index:
                children[index - 1].tail = (children[index - 1].tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(target)
            return


def _pull_quotes(fragment: ET.Element) -> None:
    """A pull quote (a figure holding a blockquote: load/body_markup.py) is printed as
    the blockquote alone, styled as a pull quote; a figure would be read as an image."""
    for parent in list(fragment.iter()):
        for index, figure in enumerate(list(parent)):
            if figure.tag != "figure" or "fp-pull-quote" not in _classes(figure):
                continue
            quote = figure.find("blockquote")
            if quote is None:
                continue
            quote.set("class", "fp-pull-quote")
            quote.tail = figure.tail
            parent.remove(figure)
            parent.insert(index, quote)


def _describe_drawings(fragment: ET.Element) -> None:
    """After each drawing (SVG), its description in words, shown in large print only.

    A diagram's labels are part of the drawing: printed at the page's width they stay
    smaller than 16 pt, so large-print readers get the same words at full size.
    """
    for parent in list(fragment.iter()):
        for index, img in reversed(list(enumerate(parent))):
            alt = img.get("alt") or ""
            if img.tag != "img" or not (img.get("src") or "").lower().endswith(".svg"):
                continue
            if not alt.strip() or alt == DECORATIVE_MARK:
                continue
            words = ET.Element("span", {"class": "fp-described"})
            words.text = f"In words: {alt}"
            words.tail, img.tail = img.tail, None
            parent.insert(index + 1, words)


def _prefix_ids(fragment: ET.Element, slug: str) -> None:
    """Ids made unique within the issue, as links were: 'fn:1' -> 'foreword--fn:1'."""
    for el in fragment.iter():
        if el.get("id"):
            el.set("id", f"{slug}--{el.get('id')}")
