"""An issue as one print HTML document, from the templates in `templates/print/`.

The templates are Jinja2 with autoescaping on (titles, names and summaries are text,
never markup); only bodies, already sanitised in `bodies`, are inserted as HTML.
A publication's own `templates/print/<name>` replaces the built-in file of that name.
People are named only through `Namer(pub, "print", today)`: print consent decides.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.model import ARTICLE_TYPES, Article, Image, Issue, Publication
from flagpress.naming import Namer
from flagpress.render.press import fonts
from flagpress.render.press.bodies import BodyContext, file_references, image_uri, print_body
from flagpress.render.press.glyphs import glyph_problem
from flagpress.render.press.variants import Variant, page_css
from flagpress.render.templates import BUILTIN

BUILTIN_TEMPLATES = BUILTIN / "print"
TWO_COLUMN_TYPES = {"article", "case-study", "interview"}
SHORT_WORDS = 350  # below this a piece is set in one column: two would look empty


@dataclass(frozen=True)
class PrintDocument:
    html: str
    references: dict[str, Location]  # file URI -> where an editor referred to it
    problems: list[Problem]


def public_articles(issue: Issue, today: dt.date) -> list[Article]:
    """What may be printed: published and past any embargo, editorial first."""
    articles = [a for a in issue.articles if a.is_public(today)]
    return sorted(articles, key=lambda a: a.type != "editorial")


def template_folders(root: Path) -> list[Path]:
    """Where print templates are looked up: the publication's own first."""
    return [root / "templates" / "print", BUILTIN_TEMPLATES]


def find_template_file(root: Path, name: str) -> Path:
    return next((f / name for f in template_folders(root) if (f / name).is_file()), Path(name))


def build_document(
    pub: Publication, root: Path, issue: Issue, variant: Variant, today: dt.date
) -> PrintDocument:
    """The print HTML of `issue` for `variant`, with every reference it makes to a file."""
    articles = public_articles(issue, today)
    namer = Namer(pub, "print", today)
    ctx = BodyContext(root, {a.source: a.slug for a in articles})
    problems: list[Problem] = []
    references: dict[str, Location] = {}
    items = [_article(a, ctx, namer, problems, references) for a in articles]
    cover = _cover(root, issue, problems, references)
    html = _render(
        root,
        "issue.html",
        variant=variant.name,
        lang=pub.config.language,
        config=pub.config,
        issue=issue,
        cover=cover,
        editors=namer.names(issue.editors),
        articles=items,
        credits=_credits(issue, articles, namer, pub.config.roles),
        head_css=Markup(page_css(variant, pub.config.print) + fonts.font_face_css()),
        stylesheets=_stylesheets(root, variant),
    )
    return PrintDocument(html, references, problems)


def _article(
    article: Article,
    ctx: BodyContext,
    namer: Namer,
    problems: list[Problem],
    references: dict[str, Location],
) -> dict:
    for uri, loc in file_references(article, ctx.root, problems).items():
        references.setdefault(uri, loc)
    image = None
    if article.image is not None:
        image = _image(ctx.root, article.source, article.image, problems, references)
    body = print_body(article, ctx)
    text = Markup(body).striptags()
    shown = " ".join((article.title, article.summary, article.content_note, text))
    missing = glyph_problem(shown, ctx.root / article.source, article.source)
    problems += [missing] if missing else []
    words = len(text.split())
    return {
        "id": f"article-{article.slug}",
        "slug": article.slug,
        "title": article.title,
        "type": article.type,
        "type_label": ARTICLE_TYPES.get(article.type, article.type),
        "summary": article.summary,
        "byline": namer.names(article.authors),
        "content_note": article.content_note,
        "image": image,
        "body": Markup(body),
        "coproduction": article.coproduction,
        "columns": 2 if article.type in TWO_COLUMN_TYPES and words >= SHORT_WORDS else 1,
    }


def _image(
    root: Path,
    source: str,
    image: Image,
    problems: list[Problem],
    references: dict[str, Location],
) -> dict | None:
    uri = image_uri(root, source, image.src)
    if uri is None:
        problems.append(
            image.loc.error(
                "print-refused-file",
                f"the image '{image.src}' cannot go into the PDF: only image files inside "
                "content/ can; save it in the issue's images/ folder",
            )
        )
        return None
    references.setdefault(uri, image.loc)
    return {"src": uri, "alt": image.alt}


def _cover(
    root: Path, issue: Issue, problems: list[Problem], references: dict[str, Location]
) -> dict | None:
    return (
        None
        if issue.cover is None
        else _image(root, issue.source, issue.cover, problems, references)
    )


def _credits(
    issue: Issue, articles: list[Article], namer: Namer, roles: dict[str, str]
) -> list[tuple[str, str]]:
    """Who did what, by role, across the issue: the co-production credits."""
    by_role: dict[str, list[str]] = defaultdict(list)
    for person in issue.editors:
        _add(by_role, "Edited by", person)
    for article in articles:
        for person in article.authors:
            _add(by_role, "Written by", person)
        for credit in article.credits:
            _add(by_role, roles.get(credit.role, credit.role), credit.id)
    return [(role, namer.names(ids)) for role, ids in by_role.items()]


def _add(by_role: dict[str, list[str]], role: str, person: str) -> None:
    if person not in by_role[role]:
        by_role[role].append(person)


def _stylesheets(root: Path, variant: Variant) -> list[str]:
    names = ["print.css"] + ([variant.stylesheet] if variant.stylesheet else [])
    return [find_template_file(root, name).resolve().as_uri() for name in names]


def _render(root: Path, template: str, **context: object) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_folders(root)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = lambda day: f"{day.day} {day:%B %Y}"
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as err:
        raise ContentError([_template_problem(root, template, err)]) from None


def _template_problem(root: Path, template: str, err: jinja2.TemplateError) -> Problem:
    """A broken override in templates/print/ is the publication's to fix: say where."""
    path = Path(getattr(err, "filename", None) or root / "templates" / "print" / template)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else template
    return Location(shown, getattr(err, "lineno", None) or 1).error(
        "template-error",
        f"this print template cannot be used ({err.message or type(err).__name__}); fix it, "
        "or delete it to use flagpress's built-in one",
    )
