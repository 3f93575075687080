"""Checks on what pages point at: images that exist and have alt text, links that resolve.

A published page must never link to a draft or an embargoed article: the link would
either break or reveal that the article exists.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from typing import Protocol

from flagpress.diagnostics import Location, Problem, did_you_mean
from flagpress.links import Kind, resolve
from flagpress.model import Article, Body, Image, Publication

MAX_PIXELS = 40_000_000  # 8000 x 5000; ten times what a full-page print image needs


class Files(Protocol):
    """The file-system questions these checks ask (see flagpress.load.content_files)."""

    def exists(self, path: str) -> bool: ...

    def image_size(self, path: str) -> tuple[int, int] | None: ...

    def brand_file(self, path: str) -> bool: ...


_WHY = {
    Kind.UNSAFE: (
        "unsafe-link",
        "links may only be web addresses (https://...), email (mailto:) or phone (tel:) "
        "links, or files in the publication",
    ),
    Kind.OUTSIDE: (
        "outside-content",
        "this points outside the content/ folder; copy the file into content/ and link to it there",
    ),
    Kind.INVALID: (
        "bad-link",
        "this cannot be read as a web address or a file name; check it for typing mistakes "
        "such as a stray '[' or a space",
    ),
}


def check(pub: Publication, files: Files, today: dt.date) -> Iterator[Problem]:
    articles = {a.source: a for a in pub.all_articles()}
    known = set(articles) | {p.source for p in pub.pages} | _issue_files(pub)
    for issue in pub.issues:
        if issue.cover:
            yield from _image(issue.source, issue.cover, files)
    for article in articles.values():
        if article.image:
            yield from _image(article.source, article.image, files)
        public = article.is_public(today)
        yield from _body(article.source, article.body, public, articles, known, files, today)
    for page in pub.pages:
        yield from _body(page.source, page.body, True, articles, known, files, today)


def _image(source: str, image: Image, files: Files) -> Iterator[Problem]:
    yield from _target(source, image.src, True, image.loc, files)
    if not image.alt.strip():
        yield image.loc.error("image-no-alt", _NO_ALT + _DECORATIVE)


_NO_ALT = "this image has no alt text; describe what it shows for people who cannot see it"
_DECORATIVE = " (or write 'decorative' if it only decorates the page)"


def _body(
    source: str,
    body: Body,
    public: bool,
    articles: dict[str, Article],
    known: set[str],
    files: Files,
    today: dt.date,
) -> Iterator[Problem]:
    for link in body.links:
        if link.is_image and not link.text.strip():
            where = ", between the [ ] brackets"
            yield link.loc.error("image-no-alt", _NO_ALT + where + _DECORATIVE)
        yield from _target(source, link.target, link.is_image, link.loc, files, known)
        target = resolve(source, link.target)
        linked = articles.get(target.path)
        if public and linked is not None and not linked.is_public(today):
            state = (
                f"is embargoed until {linked.publish_after}; remove the link until then"
                if linked.status == "published"
                else f"is still '{linked.status}'; remove the link or publish that article first"
            )
            yield link.loc.error(
                "link-to-draft", f"this published page links to {linked.source}, which {state}"
            )


def _target(
    source: str,
    written: str,
    is_image: bool,
    loc: Location,
    files: Files,
    known: set[str] | None = None,
) -> Iterator[Problem]:
    target = resolve(source, written)
    if target.kind is Kind.ABSOLUTE:
        yield loc.error(
            "absolute-link",
            f"'{written}': write the link relative to this file (e.g. {_example(source)}), "
            "not from the top of a disk or website",
        )
    elif target.kind in _WHY:
        code, why = _WHY[target.kind]
        yield loc.error(code, f"'{written}': {why}")
    elif target.kind is Kind.EXTERNAL and is_image:
        yield loc.error(
            "remote-image",
            f"'{written}' is on another website, which would tell that site who reads this "
            "page; save the image in the images/ folder and link to it there",
        )
    elif target.kind is Kind.CONTENT:
        if target.path.endswith(".md") and known is not None:
            if target.path not in known:
                yield loc.error("broken-link", _missing(written, target.path, known))
        elif not files.exists(target.path):
            code = "missing-image" if is_image else "broken-link"
            yield loc.error(
                code,
                f"'{written}': there is no file {target.path}; check the spelling, or add the "
                "file there",
            )
        elif is_image:
            yield from _image_size(files, target.path, written, loc)


def _example(source: str) -> str:
    """A link to the about page as it must be written in `source`, e.g. ../../pages/about.md
    from an issue's article: an example that is wrong for the file would mislead."""
    return posixpath.relpath("content/pages/about.md", posixpath.dirname(source))


def _image_size(files: Files, path: str, written: str, loc: Location) -> Iterator[Problem]:
    """Refuse unreadable images and decompression bombs, from the header alone."""
    try:
        size = files.image_size(path)
    except ValueError:
        yield loc.error(
            "bad-image",
            f"'{written}' is not an image flagpress can read; save it as PNG, JPEG, GIF, "
            "WebP or SVG",
        )
        return
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        width, height = size
        yield loc.error(
            "image-too-large",
            f"'{written}' is {width} x {height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"the limit is {MAX_PIXELS / 1e6:.0f}. Resize it: 3000 pixels wide is plenty "
            "for the web and for print",
        )


def _issue_files(pub: Publication) -> set[str]:
    """Every .md file in an issue folder, loaded or not.

    One that could not be loaded (left out of the running order, bad front matter)
    has its own problem reported already; calling links to it broken as well would
    send the editor looking for a file that is there.
    """
    return {
        f"{posixpath.dirname(issue.source)}/{name}" for issue in pub.issues for name in issue.files
    }


def _missing(written: str, path: str, known: set[str]) -> str:
    folder = posixpath.dirname(path)
    nearby = [posixpath.basename(k) for k in known if posixpath.dirname(k) == folder]
    hint = did_you_mean(posixpath.basename(path), nearby)
    return (
        f"'{written}' links to {path}, which is not an article or page{hint}; correct the "
        "link or remove it"
    )
