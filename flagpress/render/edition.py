"""The Edition: what is public today, decided once, and the only input of every output.

Every output (website, PDFs, feed) used to decide again which articles are public,
group credits by role, and treat decorative images in its own way; each copy could
drift, and one did (a decorative image read aloud as "decorative" in the tagged
PDF). Here it is decided once per build, from the validated publication and the
date: the public issues in running order, web-only articles, pages, topics, credits
grouped by role, who may be named in each channel, and every image with the alt text
it is published with. Outputs read this and nothing else of the publication.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flagpress.links import Kind, resolve
from flagpress.model import (
    ARTICLE_TYPES,
    DECORATIVE,
    LADDER,
    Article,
    Body,
    Contributor,
    Coproduction,
    Image,
    Issue,
    Page,
    Publication,
    is_decorative,
)
from flagpress.naming import Channel, Namer, join_names
from flagpress.settings import PRINT_VARIANTS, SiteConfig
from flagpress.slugs import slugify

# Written into print HTML in place of the word "decorative": the tagged PDF's finisher
# turns every figure carrying it into an artifact, so no screen reader announces it.
DECORATIVE_MARK = "\u2063flagpress-decorative\u2063"
_DECORATIVE_ALT = re.compile(rf'\balt="\s*{DECORATIVE}\s*"', re.IGNORECASE)

# The printer's edition (with bleed) may name people who agreed to print only, so the
# website never offers it: the build writes it to the printer's folder (see pipeline).
FOR_THE_PRINTER = "print"

# How each other PDF edition is offered for download on its issue's page; being on the
# website, they name people per the `web-pdf` channel (see naming).
PDF_LABELS = {
    "screen": "Accessible PDF for reading on screen",
    "large-print": "Large print PDF (16 pt, single column)",
    "booklet": "Booklet PDF to print double-sided, fold and staple",
}
assert set(PDF_LABELS) | {FOR_THE_PRINTER} == set(PRINT_VARIANTS)
LADDER_LABELS = {rung: rung.capitalize() for rung in LADDER}

# Put before the title of an article that is not public, wherever it is shown, in the
# only Edition that holds such articles: `flagpress serve --drafts` (never a build).
DRAFT_MARK = "Draft \u2014 not published: "


@dataclass(frozen=True)
class PublishedImage:
    """An image as it is published: where its file is, and its alt text already decided."""

    path: str | None  # the file, relative to the publication root; None if not in content/
    alt: str  # "" for a decorative image: screen readers skip it
    decorative: bool
    people: tuple[str, ...]
    written: Image  # as the editor wrote it, for diagnostics


@dataclass(frozen=True)
class RoleGroup:
    """People credited in one role, in the order they were first credited."""

    role: str  # the label readers see, e.g. "Interviewer" or "Written by"
    people: tuple[str, ...]


@dataclass(frozen=True)
class Contribution:
    person: str
    role: str  # "Author", or the role's label


@dataclass(frozen=True)
class PublicArticle:
    """An article that may be shown today, with what every output needs of it."""

    source: str
    slug: str
    title: str
    type: str
    type_label: str
    summary: str
    date: dt.date
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    content_note: str
    body: Body
    issue: str | None  # the slug of its issue, None if web-only
    coproduction: Coproduction | None
    image: PublishedImage | None
    contributions: tuple[Contribution, ...]  # "How this was made": authors, then credits
    credits: tuple[RoleGroup, ...]  # the credits other than authorship, by role
    signed_by: tuple[str, ...] = ()  # who approved its text (validated), each once
    draft: bool = False  # not public: only in a preview's Edition, its title marked

    @property
    def people(self) -> list[str]:
        """Everyone credited, authors first, each once."""
        return list(dict.fromkeys(c.person for c in self.contributions))

    @property
    def made_by(self) -> tuple[RoleGroup, ...]:
        """ "How this was made": each person once, under every role they had in this piece.

        "Author: Skylark, Priya Mistry and a volunteer", "Author and interviewer: R. J.":
        one list, no one repeated, each line starting with its role.
        """
        held: dict[str, list[str]] = {}
        for c in self.contributions:
            roles = held.setdefault(c.person, [])
            if c.role not in roles:
                roles.append(c.role)
        return group_by_role((roles_label(roles), person) for person, roles in held.items())

    @property
    def ladder_label(self) -> str:
        return LADDER_LABELS[self.coproduction.level] if self.coproduction else ""


@dataclass(frozen=True)
class Download:
    """A PDF edition offered on an issue's page (the press output makes the file)."""

    variant: str
    label: str
    filename: str  # e.g. flag-magazine-issue-7-screen.pdf
    path: str  # where it is published in the output: next to the issue's page


@dataclass(frozen=True)
class PublicIssue:
    source: str
    slug: str
    title: str
    number: int
    date: dt.date
    editors: tuple[str, ...]
    cover: PublishedImage | None
    articles: tuple[PublicArticle, ...]  # public ones, in the running order of issue.yml
    credits: tuple[RoleGroup, ...]  # who did what: edited, wrote, then each credited role
    downloads: tuple[Download, ...]  # the PDFs its page offers (never the printer's)
    cover_has_masthead: bool = False  # the cover art shows the name and title itself
    next_issue: str = ""  # what the next issue will hold, for the back cover

    @property
    def label(self) -> str:
        return f"Issue {self.number}: {self.title}"

    @property
    def people(self) -> list[str]:
        """Everyone credited in the issue (editors too), each once."""
        return list(dict.fromkeys(p for group in self.credits for p in group.people))


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    articles: tuple[PublicArticle, ...]


@dataclass(frozen=True)
class Alternate:
    """Another form of the publication that every web page's head links to (a feed)."""

    href: str  # relative to the site's root, e.g. feed.xml
    type: str  # its media type, e.g. application/atom+xml


@dataclass(frozen=True)
class Edition:
    """Everything the outputs may show, as of `today`."""

    root: Path  # the publication folder: outputs read referenced files from it
    today: dt.date
    config: SiteConfig
    contributors: dict[str, Contributor]
    issues: tuple[PublicIssue, ...]  # with at least one public article, newest first
    web_only: tuple[PublicArticle, ...]  # newest first
    pages: tuple[Page, ...]
    topics: tuple[Topic, ...]  # by slug
    alternates: tuple[Alternate, ...] = ()  # what the outputs offer besides the pages

    def namer(self, channel: Channel) -> Namer:
        """How people are named in `channel` today: the only way any output names anyone.

        The website uses `web`, the PDFs it offers `web-pdf`, the printer's edition `print`.
        """
        return Namer(self.contributors, self.config, channel, self.today)

    @property
    def articles(self) -> list[PublicArticle]:
        """Every public article: issue by issue in running order, then web-only ones."""
        return [a for issue in self.issues for a in issue.articles] + list(self.web_only)

    def issue(self, slug: str | None) -> PublicIssue | None:
        return self._issues_by_slug.get(slug or "")

    @functools.cached_property
    def _issues_by_slug(self) -> dict[str, PublicIssue]:
        """Looked up for every article page (its issue, its neighbours): not a search."""
        return {i.slug: i for i in self.issues}

    def profiles(self, channel: Channel = "web") -> list[Contributor]:
        """People who asked for a contributor page and may be named in `channel`."""
        namer = self.namer(channel)
        return [p for p in self.contributors.values() if p.profile and namer.may_name(p.id)]


def build_edition(
    pub: Publication,
    root: Path,
    today: dt.date,
    alternates: Iterable[Alternate] = (),
    drafts: bool = False,
) -> Edition:
    """The Edition of `pub` as of `today` (validated publications only).

    `alternates` are the other forms the outputs make (a feed), for pages to link to.
    `drafts` (only `flagpress serve --drafts`, which publishes nothing) also keeps the
    articles that are not public, each marked as a draft wherever its title is shown.
    """
    config = pub.config
    issues = tuple(
        issue for issue in (_issue(i, config, today, drafts) for i in pub.issues) if issue.articles
    )
    web_only = tuple(
        _article(a, config, today) for a in pub.articles if drafts or a.is_public(today)
    )
    public = [a for issue in issues for a in issue.articles] + list(web_only)
    return Edition(
        root=root,
        today=today,
        config=config,
        contributors=pub.contributors,
        issues=issues,
        web_only=web_only,
        pages=pub.pages,
        topics=_topics(public),
        alternates=tuple(alternates),
    )


def web_body_html(body: Body) -> str:
    """The body's HTML with decorative images given empty alt text (pull quotes and
    footnotes were made right as it was converted: load/body_markup.py)."""
    return _DECORATIVE_ALT.sub('alt=""', body.html)


def print_body_html(body: Body) -> str:
    """The body's HTML with decorative images marked for the tagged PDF's finisher."""
    return _DECORATIVE_ALT.sub(f'alt="{DECORATIVE_MARK}"', body.html)


def pdf_filename(config: SiteConfig, number: int, variant: str) -> str:
    """'flag-magazine-issue-7-large-print.pdf': says what it is once downloaded."""
    return f"{slugify(config.title)}-issue-{number}-{variant}.pdf"


def _issue(issue: Issue, config: SiteConfig, today: dt.date, drafts: bool) -> PublicIssue:
    articles = tuple(
        _article(a, config, today) for a in issue.articles if drafts or a.is_public(today)
    )
    downloads = tuple(
        _download(issue.slug, v, pdf_filename(config, issue.number, v))
        for v in config.print.variants
        if v in PDF_LABELS
    )
    return PublicIssue(
        source=issue.source,
        slug=issue.slug,
        title=issue.title,
        number=issue.number,
        date=issue.date,
        editors=issue.editors,
        cover=published_image(issue.source, issue.cover),
        articles=articles,
        credits=_issue_credits(issue, articles),
        downloads=downloads if articles else (),
        cover_has_masthead=issue.cover_has_masthead,
        next_issue=issue.next_issue,
    )


def _download(issue: str, variant: str, filename: str) -> Download:
    return Download(variant, PDF_LABELS[variant], filename, f"issues/{issue}/{filename}")


def _article(article: Article, config: SiteConfig, today: dt.date) -> PublicArticle:
    contributions = [Contribution(p, "Author") for p in article.authors]
    contributions += [Contribution(c.id, _role(config, c.role)) for c in article.credits]
    draft = not article.is_public(today)
    return PublicArticle(
        source=article.source,
        slug=article.slug,
        title=DRAFT_MARK + article.title if draft else article.title,
        type=article.type,
        type_label=ARTICLE_TYPES.get(article.type, article.type),
        summary=article.summary,
        date=article.date,
        authors=tuple(article.authors),
        tags=tuple(article.tags),
        content_note=article.content_note,
        body=article.body,
        issue=article.issue,
        coproduction=article.coproduction,
        image=published_image(article.source, article.image),
        contributions=tuple(contributions),
        credits=group_by_role((_role(config, c.role), c.id) for c in article.credits),
        signed_by=tuple(dict.fromkeys(s.by for s in article.sign_off)),
        draft=draft,
    )


def published_image(source: str, image: Image | None) -> PublishedImage | None:
    """`image` as published from the file `source`."""
    if image is None:
        return None
    target = resolve(source, image.src)
    decorative = is_decorative(image.alt)
    return PublishedImage(
        path=target.path if target.kind is Kind.CONTENT else None,
        alt="" if decorative else image.alt,
        decorative=decorative,
        people=tuple(image.people),
        written=image,
    )


def group_by_role(credits: Iterable[tuple[str, str]]) -> tuple[RoleGroup, ...]:
    """(role label, person) pairs grouped by role, in first-credited order, each person once."""
    groups: dict[str, list[str]] = {}
    for role, person in credits:
        people = groups.setdefault(role, [])
        if person not in people:
            people.append(person)
    return tuple(RoleGroup(role, tuple(people)) for role, people in groups.items())


def roles_label(roles: Iterable[str]) -> str:
    """'Author and interviewer': role labels joined, capitalised only where they begin."""
    labels = list(roles)
    rest = [r if any(ch.isupper() for ch in r[1:]) else r[:1].lower() + r[1:] for r in labels[1:]]
    return join_names(labels[:1] + rest)


def _issue_credits(issue: Issue, articles: Iterable[PublicArticle]) -> tuple[RoleGroup, ...]:
    """Who did what across the issue: the editors, the writers, then each credited role."""
    pairs = [("Edited by", p) for p in issue.editors]
    articles = list(articles)
    pairs += [("Written by", p) for a in articles for p in a.authors]
    pairs += [(g.role, p) for a in articles for g in a.credits for p in g.people]
    return group_by_role(pairs)


def _role(config: SiteConfig, role: str) -> str:
    return config.roles.get(role, role)


def _topics(articles: list[PublicArticle]) -> tuple[Topic, ...]:
    found: dict[str, tuple[str, list[PublicArticle]]] = {}
    for article in articles:
        for tag in article.tags:
            slug = slugify(tag)
            if slug:
                found.setdefault(slug, (tag, []))[1].append(article)
    return tuple(Topic(slug, label, tuple(items)) for slug, (label, items) in sorted(found.items()))
