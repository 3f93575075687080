"""An issue as one print HTML document, from the templates in `templates/print/`.

The templates are Jinja2 with autoescaping on (titles, names and summaries are text,
never markup); only bodies, already sanitised in `bodies`, are inserted as HTML.
A publication's own `templates/print/<name>` replaces the built-in file of that name.
Everything comes from the Edition; people are named by its namer for the variant's
channel (`web-pdf` for the PDFs the website offers, `print` for the printer's edition).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from flagpress.diagnostics import Location, Problem
from flagpress.naming import Channel, Namer
from flagpress.render.edition import (
    DECORATIVE_MARK,
    Edition,
    PublicArticle,
    PublicIssue,
    PublishedImage,
)
from flagpress.render.press import brand, fonts
from flagpress.render.press.bodies import BodyContext, file_references, image_uri, print_body
from flagpress.render.press.glyphs import glyph_problem
from flagpress.render.press.variants import Variant, page_css
from flagpress.render.templates import Templates, find_file


@dataclass(frozen=True)
class PrintDocument:
    html: str
    references: dict[str, Location]  # file URI -> where an editor referred to it
    problems: list[Problem]
    clean_svgs: tuple[str, ...] = ()  # drawings the fetcher must clean (the masthead)


@dataclass(frozen=True)
class PrintImage:
    src: str  # a file: URI
    alt: str  # for a decorative image, the mark that makes it an artifact in tagged PDFs


@dataclass(frozen=True)
class PrintArticle:
    """An article as the print templates lay it out."""

    article: PublicArticle
    id: str  # its anchor in the issue's document
    byline: str
    image: PrintImage | None
    body: Markup


def build_document(
    edition: Edition, issue: PublicIssue, variant: Variant, channel: Channel | None = None
) -> PrintDocument:
    """The print HTML of `issue` for `variant`, with every reference it makes to a file.

    People are named as `channel` allows (default: the variant's own channel).
    """
    root, namer = edition.root, edition.namer(channel or variant.channel)
    ctx = BodyContext(root, {a.source: a.slug for a in issue.articles})
    problems: list[Problem] = []
    references: dict[str, Location] = {}
    items = [_article(a, ctx, namer, problems, references) for a in issue.articles]
    cover = _image(root, issue.source, issue.cover, problems, references)
    colours = brand.palette(edition.config.brand, root, problems)
    masthead = brand.masthead_uri(edition.config.brand, root, problems)
    if masthead:
        references.setdefault(masthead, brand.brand_location(root, "masthead"))
    page_setup = page_css(variant, edition.config.print) + colours.css()
    html = Templates(root, "print").render(
        "issue.html",
        variant=variant.name,
        lang=edition.config.language,
        config=edition.config,
        issue=issue,
        cover=cover,
        masthead=masthead,
        decorative=DECORATIVE_MARK,
        editors=namer.names(issue.editors),
        articles=items,
        credits=[(group.role, namer.names(group.people)) for group in issue.credits],
        head_css=Markup(page_setup + fonts.font_face_css()),
        stylesheets=_stylesheets(root, variant),
    )
    return PrintDocument(html, references, problems, (masthead,) if masthead else ())


def _article(
    article: PublicArticle,
    ctx: BodyContext,
    namer: Namer,
    problems: list[Problem],
    references: dict[str, Location],
) -> PrintArticle:
    for uri, loc in file_references(article, ctx.root, problems).items():
        references.setdefault(uri, loc)
    image = _image(ctx.root, article.source, article.image, problems, references)
    body = print_body(article, ctx)
    text = Markup(body).striptags()
    shown = " ".join((article.title, article.summary, article.content_note, text))
    missing = glyph_problem(shown, ctx.root / article.source, article.source)
    problems += [missing] if missing else []
    return PrintArticle(
        article=article,
        id=f"article-{article.slug}",
        byline=namer.names(article.authors),
        image=image,
        body=Markup(body),
    )


def _image(
    root: Path,
    source: str,
    image: PublishedImage | None,
    problems: list[Problem],
    references: dict[str, Location],
) -> PrintImage | None:
    """The image as printed, its file recorded as a reference; a problem if it cannot be."""
    if image is None:
        return None
    written = image.written
    uri = image_uri(root, source, written.src)
    if uri is None:
        problems.append(
            written.loc.error(
                "print-refused-file",
                f"the image '{written.src}' cannot go into the PDF: only image files inside "
                "content/ can; save it in the issue's images/ folder",
            )
        )
        return None
    references.setdefault(uri, written.loc)
    return PrintImage(uri, DECORATIVE_MARK if image.decorative else image.alt)


def _stylesheets(root: Path, variant: Variant) -> list[str]:
    names = ["print.css", "cover.css"] + ([variant.stylesheet] if variant.stylesheet else [])
    return [find_file(root, "print", name).resolve().as_uri() for name in names]
