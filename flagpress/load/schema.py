"""Every key editors may write, declared once with what it takes and what it means.

The declarations follow FORMAT.md (the contract with editors: key names are
fixed). Unknown keys are errors with a "did you mean", so a typo such as `autors`
can never silently drop a credit.
"""

from __future__ import annotations

from flagpress import model
from flagpress.load.fields import (
    Field,
    Invalid,
    Schema,
    boolean,
    choice,
    identifier,
    integer,
    iso_date,
    list_of,
    mapping_of,
    optional_date,
    optional_text,
    text,
    word_map,
)
from flagpress.load.strict_yaml import YValue

CONTACT: Schema = {
    "email": Field(optional_text, doc="the publication's public email address"),
    "phone": Field(optional_text, doc="the publication's public phone number"),
}

POLICY: Schema = {
    "sign_off": Field(
        choice(*model.SIGN_OFF_POLICIES),
        doc="who must approve an article's final text: lived-experience, all-credited or none",
    ),
}

NAMING: Schema = {
    "mention_lived_experience": Field(
        boolean,
        doc="true to credit unnamed people as e.g. 'a volunteer with lived experience'",
    ),
}


def _bleed(value: YValue) -> int:
    """Millimetres of bleed: printers ask for 3 to 5; 0 turns it off."""
    millimetres = integer(value)
    if millimetres > 10:
        raise Invalid("bad-bleed", f"write the bleed in millimetres, 0 to 10 (not {millimetres})")
    return millimetres


PRINT: Schema = {
    "paper": Field(choice(*model.PAPER_SIZES), doc="the page size: A4 (default), A5 or letter"),
    "bleed": Field(_bleed, doc="millimetres of bleed in the printer's PDF (default 3)"),
    "crop_marks": Field(boolean, doc="true to add crop marks to the printer's PDF"),
    "variants": Field(
        list_of(choice(*model.PRINT_VARIANTS)),
        doc="the PDFs to make: screen, print, large-print, booklet (default: all four)",
    ),
}

ACCESSIBILITY: Schema = {
    "formats": Field(
        text, doc="how readers ask for another format (large print, easy read, audio...)"
    ),
    "limitations": Field(
        list_of(text), doc="what is known not to be accessible yet, one sentence each"
    ),
    "reviewed": Field(optional_date, doc="when the accessibility statement was last checked"),
}


def _percent(value: YValue) -> int:
    """A reading-ease score to aim for: the scale runs from 0 (hard) to 100 (easy)."""
    score = integer(value)
    if score > 100:
        raise Invalid("not-a-score", f"write a reading ease from 0 to 100 (not {score})")
    return score


PLAIN_LANGUAGE: Schema = {
    "min_reading_ease": Field(
        _percent, doc="warn when an article's reading ease (0-100) is below this, e.g. 60"
    ),
    "max_sentence_words": Field(
        integer, doc="warn when an article's sentences average more words than this, e.g. 20"
    ),
}

SITE_CONFIG: Schema = {
    "title": Field(text, required=True, doc="the publication's name, e.g. FLAG Magazine"),
    "publisher": Field(text, required=True, doc="who publishes it"),
    "language": Field(text, required=True, doc="a language tag such as en-GB"),
    "url": Field(text, required=True, doc="the address the website will live at"),
    "contact": Field(mapping_of(CONTACT, dict, "contact"), doc="public contact details"),
    "roles": Field(
        word_map, required=True, doc="role ids and their labels, e.g. volunteer: Volunteer"
    ),
    "policy": Field(mapping_of(POLICY, dict, "policy"), doc="publication policies"),
    "description": Field(optional_text, doc="one sentence about the publication (optional)"),
    "naming": Field(mapping_of(NAMING, dict, "naming"), doc="how unnamed people are credited"),
    "print": Field(
        mapping_of(PRINT, model.PrintSettings, "print"), doc="the PDF editions of each issue"
    ),
    "accessibility": Field(
        mapping_of(ACCESSIBILITY, model.AccessibilitySettings, "accessibility"),
        doc="what the website's accessibility statement says",
    ),
    "plain_language": Field(
        mapping_of(PLAIN_LANGUAGE, model.PlainLanguage, "plain_language"),
        doc="when flagpress check warns that an article is hard to read",
    ),
}

CONSENT: Schema = {
    "web": Field(boolean, required=True, doc="true if they may be named on the website"),
    "print": Field(boolean, required=True, doc="true if they may be named in print and PDFs"),
    "photo": Field(boolean, doc="true if they may appear in photos"),
    "given": Field(iso_date, required=True, doc="the date consent was given, YYYY-MM-DD"),
    "review": Field(optional_date, doc="the date to re-confirm consent by"),
    "withdrawn": Field(optional_date, doc="the date consent was withdrawn, or null"),
}

CONTRIBUTOR: Schema = {
    "id": Field(identifier, required=True, doc="a short unique id such as neil-j"),
    "shown_as": Field(
        choice(*model.SHOWN_AS),
        required=True,
        doc="full, first-name, initials, pseudonym or anonymous",
    ),
    "name": Field(text, doc="exactly the name to print"),
    "roles": Field(list_of(identifier), required=True, doc="role ids from site_config.yml"),
    "lived_experience": Field(boolean, doc="true or false; never shown per person"),
    "profile": Field(boolean, doc="true if they want a contributor page"),
    "bio": Field(optional_text, doc="a sentence about them"),
    "consent": Field(
        mapping_of(CONSENT, model.Consent, "consent"),
        required=True,
        doc="what they agreed to (web, print, photo, given)",
    ),
}

CREDIT: Schema = {
    "id": Field(identifier, required=True, doc="the contributor's id"),
    "role": Field(identifier, required=True, doc="a role id from site_config.yml"),
}

SIGN_OFF: Schema = {
    "by": Field(identifier, required=True, doc="the id of the person who approved the text"),
    "on": Field(iso_date, required=True, doc="the date they approved it"),
    "text": Field(text, required=True, doc="the fingerprint of what they approved"),
}

COPRODUCTION: Schema = {
    "level": Field(choice(*model.LADDER), required=True, doc="the rung of the ladder"),
    "stages": Field(list_of(choice(*model.STAGES)), doc="the co-production stages involved"),
}

IMAGE: Schema = {
    "src": Field(text, required=True, doc="the image file, e.g. images/hostel.jpg"),
    "alt": Field(optional_text, doc="a description of the image for people who cannot see it"),
    "people": Field(list_of(identifier), doc="ids of the people shown in it"),
}


def _coproduction(level: str, stages: tuple[str, ...] = ()) -> model.Coproduction:
    return model.Coproduction(level=level, stages=stages)


ARTICLE: Schema = {
    "title": Field(text, required=True, doc="the headline"),
    "type": Field(
        choice(*model.ARTICLE_TYPES),
        required=True,
        doc="article, case-study, editorial, interview or news",
    ),
    "summary": Field(text, required=True, doc="one sentence saying what the article is about"),
    "date": Field(iso_date, required=True, doc="the publication date, YYYY-MM-DD"),
    "status": Field(
        choice(*model.STATUSES), required=True, doc="draft, review, ready or published"
    ),
    "publish_after": Field(optional_date, doc="an embargo date, YYYY-MM-DD"),
    "authors": Field(list_of(identifier), required=True, doc="contributor ids in byline order"),
    "credits": Field(list_of(mapping_of(CREDIT, model.Credit, "a credit")), doc="other roles"),
    "coproduction": Field(
        mapping_of(COPRODUCTION, _coproduction, "coproduction"),
        doc="the ladder rung and the stages",
    ),
    "sign_off": Field(list_of(mapping_of(SIGN_OFF, model.SignOff, "a sign-off")), doc="approvals"),
    "tags": Field(list_of(text), doc="topics, e.g. [housing, commissioning]"),
    "content_note": Field(optional_text, doc="a warning shown before the text"),
    "image": Field(mapping_of(IMAGE, model.Image, "image"), doc="the article's main image"),
}

PAGE: Schema = {
    "title": Field(text, required=True, doc="the page's title"),
}

ISSUE: Schema = {
    "title": Field(text, required=True, doc="the issue's title"),
    "number": Field(integer, required=True, doc="the issue number, e.g. 7"),
    "date": Field(iso_date, required=True, doc="the issue date, YYYY-MM-DD"),
    "cover": Field(mapping_of(IMAGE, model.Image, "cover"), doc="the cover image and its alt text"),
    "editors": Field(list_of(identifier), doc="contributor ids of the issue's editors"),
    "articles": Field(
        list_of(text), required=True, doc="the article files in running order, e.g. [foreword.md]"
    ),
}
