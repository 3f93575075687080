"""The publication's content as plain data: people, articles, pages, issues. No I/O.

Everything the renderers need is here, already validated and typed, so that web
and print code never look at raw YAML. Every key editors may write is declared
once, with `key()` (see keys.py), here or in settings.py (site_config.yml): the
loader and docs/format.md follow from these fields. Values are plain (str, int,
date); where each was written is kept beside them in `written`, so later checks can
still point at the right line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

from flagpress.diagnostics import Location
from flagpress.keys import declared, key
from flagpress.settings import SiteConfig
from flagpress.written import Written

SHOWN_AS = ("full", "first-name", "initials", "pseudonym", "anonymous")
# Each article type and how readers see it named, on the web and in print alike.
ARTICLE_TYPES = {
    "article": "Article",
    "case-study": "Case study",
    "editorial": "Editorial",
    "interview": "Interview",
    "news": "News",
}
STATUSES = ("draft", "review", "ready", "published")
LADDER = (
    "coercion",
    "educating",
    "informing",
    "consultation",
    "engagement",
    "co-design",
    "co-production",
)
STAGES = ("co-planning", "co-design", "co-delivery", "co-evaluation")


def _written() -> Written:
    return field(default=Written(), compare=False)


@declared
class Consent:
    """What a person agreed to, per channel, and when."""

    web: bool = key("true if they may be named on the website", required=True)
    print: bool = key("true if they may be named in print and PDFs", required=True)
    given: dt.date = key("the date consent was given, YYYY-MM-DD", required=True)
    photo: bool = key("true if they may appear in photos", default=False)
    review: dt.date | None = key("the date to re-confirm consent by", default=None)
    withdrawn: dt.date | None = key(
        "the date consent was withdrawn (from then on they are named nowhere), or null",
        default=None,
    )


# The consent of someone whose entry could not be read: agreed to nothing.
NO_CONSENT = Consent(web=False, print=False, given=dt.date.min)


@declared
class Contributor:
    """One person in contributors.yml: only what may be published."""

    id: str = key("a short unique id such as neil-j", required=True, is_id=True)
    shown_as: str = key("how they chose to be named", required=True, choices=SHOWN_AS)
    roles: tuple[str, ...] = key("role ids from site_config.yml", required=True, is_id=True)
    consent: Consent = key("what they agreed to (web, print, photo, given)", required=True)
    name: str = key("exactly the name to print; required unless anonymous", default="")
    lived_experience: bool = key(
        "true if they have lived experience; never shown per person", default=False
    )
    profile: bool = key("true if they want a contributor page", default=False)
    bio: str = key("a sentence about them", default="")
    written: Written = _written()

    @property
    def loc(self) -> Location:
        """Where their entry is: the line of its id."""
        return self.written.key("id")


@declared
class Credit:
    """A role someone had in making an article, other than writing it."""

    id: str = key("the contributor's id", required=True, is_id=True)
    role: str = key("a role id from site_config.yml", required=True, is_id=True)
    written: Written = _written()

    @property
    def loc(self) -> Location:
        return self.written.at


@declared
class SignOff:
    """A person's approval of an article's text as it stood (see sign_off.py)."""

    by: str = key("the id of the person who approved the text", required=True, is_id=True)
    on: dt.date = key("the date they approved it", required=True)
    text: str = key("the fingerprint of what they approved", required=True)
    written: Written = _written()

    @property
    def loc(self) -> Location:
        return self.written.at


@declared
class Image:
    """An image an editor referenced: `src` as written, resolved against its file."""

    src: str = key("the image file, e.g. images/hostel.jpg", required=True)
    alt: str = key(
        "a description of the image for people who cannot see it, or decorative", default=""
    )
    people: tuple[str, ...] = key("ids of the people shown in it", default=(), is_id=True)
    written: Written = _written()

    @property
    def loc(self) -> Location:
        return self.written.at

    @property
    def shown_alt(self) -> str:
        """The alt text to publish: empty for an image marked decorative."""
        return "" if is_decorative(self.alt) else self.alt


# Alt text that marks an image as carrying no meaning (a border, a flourish):
# `![decorative](images/line.svg)`, or `alt: decorative`. It is published as alt="",
# so screen readers skip the image; no alt text at all is an error.
DECORATIVE = "decorative"


def is_decorative(alt: str) -> bool:
    return alt.strip().lower() == DECORATIVE


@dataclass(frozen=True)
class Link:
    """A link or image found in a Markdown body, with where it was written."""

    target: str
    is_image: bool
    text: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, table or paragraph of a body, in reading order, with where it was
    written: what the accessibility and plain-language checks read, and the search.

    Every paragraph's words are held for the whole build (the search index is made
    from them), so they are held compactly: a text with a letter beyond Latin-1 (a
    curly quote, a dash) is kept as UTF-8, which Python's own strings would keep at
    two bytes a letter (half of a 5,000-article archive's paragraphs: 17 MB more);
    and its place as numbers, the file's path shared, not as a Location each.
    Make one with `Block.at`.
    """

    kind: str  # "heading", "table" or "prose"
    held: str | bytes  # `text` as held: as it is, or its UTF-8 when wider than Latin-1
    path: str
    line: int
    col: int
    level: int = 0  # a heading's level, 1 to 6

    @classmethod
    def at(cls, kind: str, text: str, loc: Location, level: int = 0) -> Block:
        """The block of `kind` holding `text`, written at `loc`."""
        narrow = text.isascii() or max(text) <= "\xff"  # one byte a letter already
        kept = text if narrow else text.encode("utf-8", "surrogatepass")
        return cls(kind, kept, loc.path, loc.line, loc.col, level)

    @property
    def text(self) -> str:
        """Its words; for a table, the header cells joined by " | "."""
        held = self.held
        return held if type(held) is str else held.decode("utf-8", "surrogatepass")  # type: ignore[union-attr]

    @property
    def loc(self) -> Location:
        return Location(self.path, self.line, self.col)

    def __reduce__(self) -> tuple[type, tuple[str, str | bytes, str, int, int, int]]:
        """Pickled as its values (see Location.__reduce__)."""
        return (Block, (self.kind, self.held, self.path, self.line, self.col, self.level))


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a body's outline, as Python-Markdown's toc extension found it.

    Python-Markdown gives each as a dict of six keys (the name twice, as text and as
    HTML): 270 bytes each, 15 MB for a 5,000-article archive held for the whole build.
    The theme's table of contents and the search read these four.
    """

    level: int
    id: str
    name: str
    children: tuple[Heading, ...] = ()

    @classmethod
    def of(cls, token: dict) -> Heading:
        """The heading of one of Python-Markdown's `toc_tokens`."""
        children = tuple(cls.of(child) for child in token.get("children", ()))
        return cls(int(token["level"]), str(token["id"]), str(token["name"]), children)

    def token(self) -> dict:
        """As MkDocs reads a table of contents: Python-Markdown's token."""
        children = [child.token() for child in self.children]
        return {"level": self.level, "id": self.id, "name": self.name, "children": children}

    def __reduce__(self) -> tuple[type, tuple[int, str, str, tuple[Heading, ...]]]:
        """Pickled as its values (see Location.__reduce__)."""
        return (Heading, (self.level, self.id, self.name, self.children))


@dataclass(frozen=True)
class Body:
    """A Markdown body converted once: HTML with links as written, plus what it refers to."""

    html: str
    links: tuple[Link, ...]
    toc: tuple[Heading, ...]  # its headings, in outline
    first_line: int
    raw_html: tuple[tuple[str, Location], ...] = ()  # HTML tags typed into the Markdown
    blocks: tuple[Block, ...] = ()  # headings, tables and paragraphs, in order
    source: str = ""  # the Markdown as written: what sign-offs approve, what scans read
    words: int = 0  # the words a reader reads in it (load/word_count.py): its reading time


@declared
class Coproduction:
    """How an article was co-produced: the rung of the ladder and the stages involved."""

    level: str = key("the rung of the ladder", required=True, choices=LADDER)
    # "informing" involves no co-production stage, so the list may be empty.
    stages: tuple[str, ...] = key("the co-production stages involved", default=(), choices=STAGES)


@declared
class Article:
    """An article: its details (front matter) and its body."""

    source: str  # path relative to the publication root, POSIX style
    slug: str
    title: str = key("the headline", required=True)
    type: str = key(
        "what kind of piece it is; readers see it named, e.g. Case study",
        required=True,
        choices=tuple(ARTICLE_TYPES),
    )
    summary: str = key("one sentence saying what the article is about", required=True)
    date: dt.date = key("the publication date, YYYY-MM-DD", required=True)
    status: str = key(
        "how far along it is: only published articles are put on the website",
        required=True,
        choices=STATUSES,
    )
    authors: tuple[str, ...] = key("contributor ids in byline order", required=True, is_id=True)
    body: Body
    issue: str | None = None  # slug of the issue it belongs to, None if web-only
    publish_after: dt.date | None = key(
        "an embargo date, YYYY-MM-DD: not published before it", default=None
    )
    credits: tuple[Credit, ...] = key(
        "who else helped, and in which role", default=(), each="a credit"
    )
    coproduction: Coproduction | None = key("the ladder rung and the stages", default=None)
    sign_off: tuple[SignOff, ...] = key(
        "who read and approved the text (flagpress sign-off writes these)",
        default=(),
        each="a sign-off",
    )
    tags: tuple[str, ...] = key("topics, e.g. [housing, commissioning]", default=())
    content_note: str = key("a warning shown before the text", default="")
    image: Image | None = key("the article's main image", default=None)
    written: Written = _written()

    def is_public(self, today: dt.date) -> bool:
        """Published, and past any embargo: the only articles any output may show."""
        embargoed = self.publish_after is not None and self.publish_after > today
        return self.status == "published" and not embargoed


@declared
class Page:
    """A standing page (about, get involved): only a title and a body."""

    source: str
    slug: str
    title: str = key("the page's title", required=True)
    body: Body
    written: Written = _written()


@declared
class Issue:
    """issue.yml and the articles it lists: one magazine issue."""

    source: str  # path of issue.yml
    slug: str
    title: str = key("the issue's title", required=True)
    number: int = key("the issue number, e.g. 7", required=True)
    date: dt.date = key("the issue date, YYYY-MM-DD", required=True)
    running_order: tuple[str, ...] = key(
        "the article files in running order, e.g. [foreword.md]", required=True, yaml="articles"
    )
    files: tuple[str, ...]  # the .md files actually in the issue's folder
    articles: tuple[Article, ...]  # in running order; files that failed to load are absent
    cover: Image | None = key("the cover image and its alt text", default=None)
    editors: tuple[str, ...] = key("contributor ids of the issue's editors", default=(), is_id=True)
    cover_has_masthead: bool = key(
        "true when the cover image already shows the magazine's name and the issue's title: "
        "the PDFs then print nothing over it",
        default=False,
    )
    next_issue: str = key(
        "a sentence on what the next issue will hold, for the back cover", default=""
    )
    written: Written = _written()


@dataclass(frozen=True)
class Publication:
    config: SiteConfig
    contributors: dict[str, Contributor]
    issues: tuple[Issue, ...]  # newest first
    articles: tuple[Article, ...]  # web-only articles, newest first
    pages: tuple[Page, ...]
    # False when contributors.yml could not be read at all: its own problem is
    # reported, and every credit is not reported again as an unknown person.
    registry_ok: bool = True
    # Entries of contributors.yml whose id an earlier entry already has (reported as
    # errors): kept so that no "did you mean" offers that id without saying so.
    duplicates: tuple[Contributor, ...] = ()

    def all_articles(self) -> list[Article]:
        return [a for issue in self.issues for a in issue.articles] + list(self.articles)


def without_sources(pub: Publication) -> Publication:
    """`pub` with each body's Markdown replaced by a digest of it, for a build once
    the content is checked.

    Nothing a build makes reads a body's Markdown after the check (its HTML, outline,
    links and words were made from it when it was read), yet it would be held to the
    end of the build: 18 MB at 5,000 articles, at the build's busiest. The digest
    (`sha256:` and 64 hex digits) still tells every body apart from every other, as
    the website's reuse of described pages needs (render/web/described.py).
    """

    def article(item: Article) -> Article:
        return replace(item, body=_digested(item.body))

    issues = tuple(replace(i, articles=tuple(map(article, i.articles))) for i in pub.issues)
    return replace(
        pub,
        issues=issues,
        articles=tuple(map(article, pub.articles)),
        pages=tuple(replace(page, body=_digested(page.body)) for page in pub.pages),
    )


def _digested(body: Body) -> Body:
    digest = hashlib.sha256(body.source.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(body, source=f"sha256:{digest}")
