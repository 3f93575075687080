"""The publication's settings (`site_config.yml`) as plain data: one key, one declaration.

Kept apart from the content model: settings say how the whole publication is
published (who publishes it, who must sign off, how unnamed people are credited,
which PDFs to make), while model.py holds what editors write article by article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from flagpress.keys import Range, declared, key
from flagpress.wcag import CRITERIA, criterion_label
from flagpress.written import Written

SIGN_OFF_POLICIES = ("lived-experience", "all-credited", "none")
PRINT_VARIANTS = ("screen", "print", "large-print", "booklet")
PAPER_SIZES = ("A4", "A5", "letter")
BOOKLET_SHEETS = ("A3", "A4")  # A3 takes A4 pages 2-up; A4 takes A5 pages (or A4 scaled)
OUTPUT_INTENTS = ("none", "srgb")
# Typefaces shipped with flagpress: embedded in PDFs and served by the website itself.
TYPEFACES = ("Atkinson Hyperlegible",)
# How brand colours are written: the one form every browser, WeasyPrint and editor reads alike.
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@declared
class Contact:
    """The `contact:` settings: public details, the only ones allowed in articles' text."""

    email: str = key("the publication's public email address", default="")
    phone: str = key("the publication's public phone number", default="")


@declared
class Policy:
    """The `policy:` settings."""

    sign_off: str = key(
        "who must approve an article's final text before it is published",
        default="lived-experience",
        choices=SIGN_OFF_POLICIES,
    )


@declared
class Naming:
    """The `naming:` settings: how people who may not be named are credited.

    Unnamed people are credited by role ("a volunteer"); only if the publication
    openly credits lived experience does the phrase say so.
    """

    mention_lived_experience: bool = key(
        "true to credit unnamed people as e.g. 'a volunteer with lived experience'",
        default=False,
    )


DEFAULT_FORMATS = (
    "If you need anything on this website in another format, such as large print, easy "
    "read, audio or Braille, contact us and tell us what you need. We will do our best "
    "to help."
)
# How the website meets WCAG 2.2 AA, in the words of the UK model statement.
COMPLIANCE = ("fully", "partially", "not")


@declared
class Limitation:
    """One thing known not to be accessible yet, and the WCAG criterion it fails.

    Written as a plain sentence, or as `{text: ..., criterion: 1.4.4, fix_by: ...}` so
    the statement can say which criterion it fails and when it will be fixed, as the UK
    model statement asks.
    """

    text: str = key("what is not accessible, in a sentence", required=True)
    criterion: str = key(
        "the WCAG 2.2 success criterion (level A or AA) it fails, e.g. 1.4.4",
        default="",
        choices=tuple(CRITERIA),
    )
    fix_by: dt.date | None = key("when you plan to fix it, YYYY-MM-DD", default=None)

    @property
    def criterion_label(self) -> str:
        """'1.4.4 (Resize Text)', or '' when no criterion was given."""
        return criterion_label(self.criterion) if self.criterion else ""


@declared
class AccessibilitySettings:
    """The `accessibility:` settings: what the website's accessibility statement says.

    The statement follows the UK public sector model ("Sample accessibility statement"
    on GOV.UK): compliance status, what is not accessible and why, how to ask for
    another format, the enforcement procedure, and how and when it was prepared.
    """

    compliance: str = key(
        "how far the website meets WCAG 2.2 AA: fully, partially (list what does not "
        "under limitations) or not",
        default="partially",
        choices=COMPLIANCE,
    )
    formats: str = key(
        "how readers ask for another format (large print, easy read, audio...)",
        default=DEFAULT_FORMATS,
    )
    limitations: tuple[Limitation, ...] = key(
        "what is known not to be accessible yet: a sentence each, or {text, criterion, fix_by}",
        default=(),
        each="a limitation",
        shorthand="text",
    )
    burden: tuple[str, ...] = key(
        "what you will not fix because it would be a disproportionate burden, and why, "
        "a sentence each",
        default=(),
    )
    out_of_scope: tuple[str, ...] = key(
        "content the accessibility regulations do not cover, e.g. PDFs published before "
        "23 September 2018 that nobody needs to use the service, a sentence each",
        default=(),
    )
    prepared: dt.date | None = key(
        "when the accessibility statement was first written", default=None
    )
    reviewed: dt.date | None = key(
        "when the accessibility statement was last checked", default=None
    )
    tested: dt.date | None = key("when the website was last tested", default=None)
    tested_by: str = key("who tested it, e.g. our volunteer editors", default="")
    method: str = key(
        "how it was tested; if not given, the statement describes flagpress's own checks",
        default="",
    )


@declared
class PlainLanguage:
    """The `plain_language:` settings: when `flagpress check` warns that text is hard.

    None means no warning; the reading ease and sentence length are reported anyway.
    """

    min_reading_ease: int | None = key(
        "warn when an article's reading ease (0-100) is below this, e.g. 60",
        default=None,
        range=Range(
            0, 100, "not-a-score", "write a reading ease from {low} to {high} (not {value})"
        ),
    )
    max_sentence_words: int | None = key(
        "warn when an article's sentences average more words than this, e.g. 20", default=None
    )


# What `downloads:` may list: documents, data and media. Sources, web pages, scripts
# and programs are not here, so they cannot be allowed (flagpress/publish/downloads.py).
DOWNLOAD_TYPES = (
    "pdf", "csv", "txt", "rtf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub",
    "mp3", "m4a", "ogg", "mp4", "webm",
)


# The trimmed page's width, by `print.paper`.
PAPER_WIDTH_MM = {"A4": 210.0, "A5": 148.0, "letter": 215.9}
# The text column: about 66 characters a line of Atkinson Hyperlegible (measured: 107
# characters filled 178 mm at 10.5 pt, so a character is 0.157 mm per point). 60 to
# 75 characters is the comfortable measure; two columns on A4 at a readable size give
# about 52, so every edition sets one column of this width, centred on the page.
MEASURE_MM = {"standard": 120.0, "large-print": 172.0}
MIN_SIDE_MM = 14.0  # the narrowest side margin: room for the folio and a hanging quote


def side_margin_mm(paper: str, large_print: bool = False) -> float:
    """Left and right page margins that leave the text column its measure (never less
    than MIN_SIDE_MM: on small paper the column is narrower instead). Shared by the
    PDFs' layout and `check`'s estimate of how sharp a picture will print."""
    measure = MEASURE_MM["large-print" if large_print else "standard"]
    width = PAPER_WIDTH_MM.get(paper, PAPER_WIDTH_MM["A4"])
    return round(max(MIN_SIDE_MM, (width - measure) / 2), 1)


def text_column_mm(paper: str, large_print: bool = False) -> float:
    """How wide the text column is on `paper`: what a full-width picture is printed at."""
    width = PAPER_WIDTH_MM.get(paper, PAPER_WIDTH_MM["A4"])
    return width - 2 * side_margin_mm(paper, large_print)


@declared
class PrintSettings:
    """The `print:` settings: which PDF editions to make of each issue, and on what paper."""

    paper: str = key(
        "the trimmed page size (booklets use a sheet twice as wide)",
        default="A4",
        choices=PAPER_SIZES,
    )
    bleed: int = key(
        "millimetres of artwork beyond the trim in the printer's PDF",
        default=3,
        # Printers ask for 3 to 5; 0 turns it off.
        range=Range(
            0, 10, "bad-bleed", "write the bleed in millimetres, {low} to {high} (not {value})"
        ),
    )
    crop_marks: bool = key(
        "true to add crop marks to the printer's PDF, outside the bleed", default=False
    )
    variants: tuple[str, ...] = key(
        "the PDFs to make of each issue ([] makes none)",
        default=PRINT_VARIANTS,
        choices=PRINT_VARIANTS,
    )
    pad_to_4: bool = key(
        "true to add blank pages before the printer's back cover up to a multiple of 4 "
        "pages (false only warns when it is not)",
        default=True,
    )
    output_intent: str = key(
        "srgb to tell the printer the printer's PDF colours are sRGB (an output intent "
        "with the sRGB colour profile), or none",
        default="none",
        choices=OUTPUT_INTENTS,
    )
    booklet_sheet: str = key(
        "the sheet the booklet is printed on, two pages side by side: A3, or A4 for office "
        "printers (A4 pages are then shrunk to A5); if not given, twice the page size",
        default="",
        choices=BOOKLET_SHEETS,
    )


@declared
class Brand:
    """The `brand:` settings: one look shared by the website and every PDF edition.

    Colours are written as #rrggbb. Text colours on them are chosen by flagpress for
    contrast, so a brand can never make a cover or header unreadable.
    """

    primary: str = key(
        "the main colour as #rrggbb (covers, mastheads, the website's header), e.g. '#14365d'",
        default="#14365d",
    )
    accent: str = key(
        "the second colour as #rrggbb (highlights on covers and the website), e.g. '#ffd23f'",
        default="#ffd23f",
    )
    masthead: str = key(
        "a drawing of the publication's name (an SVG file in the publication folder, e.g. "
        "templates/masthead.svg) for covers and the website's header; if not given, the "
        "title is set in the typeface",
        default="",
    )
    typeface: str = key(
        "the typeface of the website and the PDFs", default=TYPEFACES[0], choices=TYPEFACES
    )
    # Where each value was written, so validate/brand.py can point at a wrong colour.
    written: Written = field(default=Written(), compare=False)


@declared
class SiteConfig:
    """site_config.yml: publication-wide settings."""

    title: str = key("the publication's name, e.g. FLAG Magazine", required=True)
    publisher: str = key("who publishes it", required=True)
    language: str = key("a language tag such as en-GB", required=True)
    url: str = key("the address the website will live at", required=True, is_address=True)
    roles: dict[str, str] = key(
        "role ids and their labels, e.g. volunteer: Volunteer", required=True
    )
    contact: Contact = key("public contact details", default=Contact())
    policy: Policy = key("publication policies", default=Policy())
    description: str = key("one sentence about the publication, shown on the home page", default="")
    naming: Naming = key("how people who may not be named are credited", default=Naming())
    get_involved: str = key(
        "how readers can get involved, in a sentence or two (on the website's home page and "
        "the foot of every page, and on the back cover of the PDFs)",
        default="",
    )
    brand: Brand = key("the publication's colours, masthead and typeface", default=Brand())
    print: PrintSettings = key("the PDF editions of each issue", default=PrintSettings())
    accessibility: AccessibilitySettings = key(
        "what the website's accessibility statement says", default=AccessibilitySettings()
    )
    plain_language: PlainLanguage = key(
        "when flagpress check warns that an article is hard to read", default=PlainLanguage()
    )
    downloads: tuple[str, ...] = key(
        "file types readers may download from links in articles, e.g. [pdf, csv] "
        "(none unless listed; pictures and drawings need no entry)",
        default=(),
        choices=DOWNLOAD_TYPES,
    )
    suppress_below: int = key(
        "in the co-production report, counts about people below this are shown as "
        "'fewer than' it, so that no one can be picked out",
        default=3,
        # 2 at least: a report that shows a count of 1 can name someone's lived experience.
        range=Range(
            2, 100, "bad-threshold", "write a whole number from {low} to {high} (not {value})"
        ),
    )
    # Where each value was written, so validate/language.py can point at a wrong tag.
    written: Written = field(default=Written(), compare=False)
