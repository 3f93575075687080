"""The publication as plain data: no I/O, no rendering.

Everything the renderers need is here, already validated and typed, so that web
and print code never look at raw YAML. Locations are kept on the objects editors
wrote so later checks can still point at the right line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flagpress.diagnostics import Location

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
SIGN_OFF_POLICIES = ("lived-experience", "all-credited", "none")
PRINT_VARIANTS = ("screen", "print", "large-print", "booklet")
PAPER_SIZES = ("A4", "A5", "letter")


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""


DEFAULT_FORMATS = (
    "If you need anything on this website in another format, such as large print, easy "
    "read, audio or Braille, contact us and tell us what you need. We will do our best "
    "to help."
)


@dataclass(frozen=True)
class AccessibilitySettings:
    """The `accessibility:` settings: what the website's accessibility statement says."""

    formats: str = DEFAULT_FORMATS  # how to ask for another format
    limitations: tuple[str, ...] = ()  # what is known not to be accessible yet
    reviewed: dt.date | None = None  # when the statement was last checked


@dataclass(frozen=True)
class PlainLanguage:
    """The `plain_language:` settings: when `flagpress check` warns that text is hard.

    None means no warning; the reading ease and sentence length are reported anyway.
    """

    min_reading_ease: int | None = None  # Flesch reading ease, 0-100: 60+ is plain English
    max_sentence_words: int | None = None  # the most words a sentence may average


@dataclass(frozen=True)
class PrintSettings:
    """The `print:` settings: which PDF editions to make of each issue, and on what paper."""

    paper: str = "A4"  # one of PAPER_SIZES: the trimmed page; booklets use a sheet twice as wide
    bleed: int = 3  # millimetres of artwork beyond the trim, for the printer's edition
    crop_marks: bool = False  # printers who trim themselves ask for these
    variants: tuple[str, ...] = PRINT_VARIANTS


@dataclass(frozen=True)
class SiteConfig:
    title: str
    publisher: str
    language: str
    url: str
    contact: Contact
    roles: dict[str, str]
    sign_off_policy: str = "lived-experience"
    description: str = ""
    # Unnamed people are credited by role ("a volunteer"); only if the publication
    # openly credits lived experience does the phrase say so.
    mention_lived_experience: bool = False
    print: PrintSettings = PrintSettings()
    accessibility: AccessibilitySettings = AccessibilitySettings()
    plain_language: PlainLanguage = PlainLanguage()


@dataclass(frozen=True)
class Consent:
    web: bool = False
    print: bool = False
    photo: bool = False
    given: dt.date | None = None
    review: dt.date | None = None
    withdrawn: dt.date | None = None


@dataclass(frozen=True)
class Contributor:
    id: str
    shown_as: str
    name: str
    roles: tuple[str, ...]
    consent: Consent
    lived_experience: bool = False
    profile: bool = False
    bio: str = ""
    loc: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Credit:
    id: str
    role: str
    loc: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class SignOff:
    by: str
    on: dt.date
    text: str
    loc: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Image:
    """An image an editor referenced: `src` as written, resolved against its file."""

    src: str
    alt: str = ""
    people: tuple[str, ...] = ()
    loc: Location = field(default=Location(""), compare=False)

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


@dataclass(frozen=True)
class Block:
    """A heading, table or paragraph of a body, in reading order, with where it was
    written: what the accessibility and plain-language checks read."""

    kind: str  # "heading", "table" or "prose"
    text: str  # its words; for a table, the header cells joined by " | "
    loc: Location
    level: int = 0  # a heading's level, 1 to 6


@dataclass(frozen=True)
class Body:
    """A Markdown body converted once: HTML with links as written, plus what it refers to."""

    html: str
    links: tuple[Link, ...]
    toc: tuple[dict, ...]
    first_line: int
    raw_html: tuple[tuple[str, Location], ...] = ()  # HTML tags typed into the Markdown
    blocks: tuple[Block, ...] = ()  # headings, tables and paragraphs, in order
    source: str = ""  # the Markdown as written: what sign-offs approve, what scans read


@dataclass(frozen=True)
class Coproduction:
    level: str
    stages: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    source: str  # path relative to the publication root, POSIX style
    slug: str
    title: str
    type: str
    summary: str
    date: dt.date
    status: str
    authors: tuple[str, ...]
    body: Body
    issue: str | None = None  # slug of the issue it belongs to, None if web-only
    credits: tuple[Credit, ...] = ()
    coproduction: Coproduction | None = None
    sign_off: tuple[SignOff, ...] = ()
    tags: tuple[str, ...] = ()
    content_note: str = ""
    image: Image | None = None
    publish_after: dt.date | None = None
    locs: dict[str, Location] = field(default_factory=dict, compare=False)

    def is_public(self, today: dt.date) -> bool:
        """Published, and past any embargo: the only articles any output may show."""
        embargoed = self.publish_after is not None and self.publish_after > today
        return self.status == "published" and not embargoed


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    body: Body
    locs: dict[str, Location] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Issue:
    source: str  # path of issue.yml
    slug: str
    title: str
    number: int
    date: dt.date
    editors: tuple[str, ...]
    running_order: tuple[tuple[str, Location], ...]  # file names as listed in issue.yml
    files: tuple[str, ...]  # the .md files actually in the issue's folder
    articles: tuple[Article, ...]  # in running order; files that failed to load are absent
    cover: Image | None = None
    locs: dict[str, Location] = field(default_factory=dict, compare=False)


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

    def all_articles(self) -> list[Article]:
        return [a for issue in self.issues for a in issue.articles] + list(self.articles)
