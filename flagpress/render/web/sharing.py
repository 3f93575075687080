"""What a page tells search engines and link previews: its description, image and author.

A link to an article pasted into a chat or a social network shows a preview built from
the page's head (Open Graph and Twitter card tags): the title, a sentence, a picture.
Nothing is fetched from or sent to those networks (no buttons, no scripts); the tags
only describe the page. Every value comes from the Edition: the description from the
article's summary (or a sentence made for the page), the author as the web namer
credits people, so a person who may not be named on the web is never named in a tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flagpress.diagnostics import Location
from flagpress.model import Contributor, Page
from flagpress.naming import Namer, counted
from flagpress.render import urls
from flagpress.render.edition import Edition, PublicArticle, PublicIssue, PublishedImage, Topic

# The formats link previews show (Facebook, X, LinkedIn, Mastodon, Signal): not SVG,
# so a drawing is left out rather than offered as a picture nobody will see.
PREVIEW_FORMATS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
DESCRIPTION_CHARACTERS = 160  # about what search results and previews show before cutting

Publish = Callable[[str, Location], str]  # a content file's address in the site, once published


@dataclass(frozen=True)
class Sharing:
    """The page's head tags besides its title and description."""

    kind: str = "website"  # og:type: "article" for an article's page
    image: str = ""  # the absolute address of a picture for previews, or ""
    image_alt: str = ""  # its description ("" for a decorative picture)
    author: str = ""  # the byline, as the website names people


def sharing(
    edition: Edition, namer: Namer, publish: Publish, template: str, context: Mapping
) -> Sharing:
    """The head tags of a page rendered with `template` and `context`."""
    article, issue = context.get("article"), context.get("issue")
    if template == "article.html" and isinstance(article, PublicArticle):
        url, alt = _preview(edition, publish, article.image)
        return Sharing("article", url, alt, namer.names(article.authors))
    if template == "issue.html" and isinstance(issue, PublicIssue):
        url, alt = _preview(edition, publish, issue.cover)
        return Sharing("website", url, alt)
    return Sharing()


def _preview(edition: Edition, publish: Publish, image: PublishedImage | None) -> tuple[str, str]:
    """The picture's absolute address and description, if previews can show it."""
    if image is None or not image.path or not image.path.lower().endswith(PREVIEW_FORMATS):
        return "", ""
    address = publish(image.path, image.written.loc)
    return urls.absolute(edition.config.url, address), image.alt


def about(edition: Edition) -> str:
    """What the publication is, in one sentence: its own description, or one made from its
    title and publisher, so the home page always says it (and previews say the same)."""
    config = edition.config
    return config.description or (
        f"{config.title}, published by {config.publisher}: every issue and article, "
        "and the people who made them."
    )


def describe(edition: Edition, namer: Namer, template: str, context: Mapping) -> str:
    """A sentence saying what a page holds, for search results and link previews.

    Pages that are about one thing say so; the rest say what they list. Pages a
    publication adds with its own templates get its description, or its title.
    """
    config = edition.config
    title = config.title
    issue, topic, page = context.get("issue"), context.get("topic"), context.get("page")
    person = context.get("person")
    if template == "home.html":
        return about(edition)
    if template == "credits.html" and isinstance(issue, PublicIssue):
        return f"Who made issue {issue.number} of {title}, {issue.title}, and what each did."
    if template == "tag.html" and isinstance(topic, Topic):
        count = counted("article", len(topic.articles))
        return f"{count[:1].upper()}{count[1:]} about {topic.label} in {title}."
    if template == "page.html" and isinstance(page, Page):
        return _opening(page) or f"{page.title}: {title}."
    if template == "contributor.html" and isinstance(person, Contributor):
        return person.bio or f"What {namer.name(person.id)} has made for {title}."
    fixed = {
        "issues.html": f"Every issue of {title}, newest first.",
        "articles.html": f"Articles {title} publishes on its website only, newest first.",
        "tags.html": f"The topics {title} writes about, each with its articles.",
        "contributors.html": f"The people who make {title}, as they chose to be named.",
        "coproduction.html": f"How {title} is co-produced: the ladder of participation "
        "and the stages of co-production.",
        "accessibility.html": f"How accessible the {title} website is, what is not yet, "
        "and how to ask for another format or tell us about a problem.",
    }
    return fixed.get(template) or config.description or title


def _opening(page: Page) -> str:
    """The page's first paragraph, whole sentences up to the length previews show."""
    prose = next((b.text for b in page.body.blocks if b.kind == "prose" and b.text.strip()), "")
    return shorten(" ".join(prose.split()))


def shorten(text: str, limit: int = DESCRIPTION_CHARACTERS) -> str:
    """`text` cut after its last whole sentence within `limit`, else at a word, with '…'."""
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        longer = f"{kept} {sentence}".strip()
        if len(longer) > limit:
            break
        kept = longer
    if kept:
        return kept
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
