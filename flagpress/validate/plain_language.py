"""How easy each article is to read: Flesch reading ease and words per sentence.

Many of FLAG's readers find long words and long sentences hard. `flagpress check`
shows both numbers for every article and page, and the `plain_language:` settings in
site_config.yml turn them into warnings that list the longest sentences, the first
thing to shorten.

Reading ease = 206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word),
kept between 0 (very hard) and 100 (very easy); 60 or more is plain English. The formula is
made for English: for other languages it is only a rough guide. Syllables are
estimated from groups of vowels, offline. (textstat, the usual library, downloads a
pronouncing dictionary from the internet the first time it meets English; flagpress
makes no requests.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from flagpress.diagnostics import Location, Problem
from flagpress.load.body_outline import find
from flagpress.model import Body, Publication
from flagpress.settings import PlainLanguage, SiteConfig

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A sentence ends at . ! ? or … (and any closing quote or bracket) before a capital or
# digit; … is how three dots read once made typographic.
_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(\b[A-Z]|\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|St|No|vs))\.$")
_VOWELS = re.compile(r"[aeiouy]+")
LONGEST_SHOWN = 3
_QUOTED = 60  # characters of each long sentence shown in a warning


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    paragraph: Location  # where its paragraph starts (see _where for the sentence)


@dataclass(frozen=True)
class Readability:
    reading_ease: float
    words_per_sentence: float
    sentences: tuple[Sentence, ...]


def measure(body: Body) -> Readability | None:
    """The body's readability, or None when it has no running text to measure."""
    sentences = tuple(_sentences(body))
    words = [_WORD.findall(s.text) for s in sentences]
    total = sum(len(w) for w in words)
    if not total:
        return None
    syllables = sum(syllable_count(word) for sentence in words for word in sentence)
    per_sentence = total / len(sentences)
    ease = 206.835 - 1.015 * per_sentence - 84.6 * syllables / total
    return Readability(min(100.0, max(0.0, ease)), per_sentence, sentences)


@functools.lru_cache(maxsize=1 << 16)  # words repeat: a publication has few distinct ones
def syllable_count(word: str) -> int:
    """An estimate: groups of vowels, less a silent final e ("make", not "table")."""
    w = word.lower()
    count = len(_VOWELS.findall(w))
    if count > 1 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        count -= 1
    elif count > 1 and w.endswith("ed") and not w.endswith(("ted", "ded")):
        count -= 1  # "walked", but not "wanted"
    return max(1, count)


def _sentences(body: Body) -> Iterator[Sentence]:
    for block in body.blocks:
        if block.kind != "prose" or not _WORD.search(block.text):
            continue
        for text in split_sentences(block.text):
            if words := len(_WORD.findall(text)):
                yield Sentence(text, words, block.loc)


def split_sentences(text: str) -> list[str]:
    """Sentences in a paragraph; initials ("R. J.") and "e.g." do not end one."""
    pieces: list[str] = []
    for piece in _BREAK.split(text):
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _where(sentence: str, body: Body, paragraph: Location) -> Location:
    """The line a sentence starts on: its paragraph's, unless the paragraph is wrapped."""
    lines = body.source.split("\n")
    start = paragraph.line - body.first_line
    if not 0 <= start < len(lines):
        return paragraph
    offset = sum(len(line) + 1 for line in lines[:start])
    at = find(sentence, body.source, offset)
    if at is None:
        return paragraph
    line = body.source.count("\n", 0, at) + body.first_line
    column = at - (body.source.rfind("\n", 0, at) + 1) + 1
    return Location(paragraph.path, line, column)


def _texts(pub: Publication) -> Iterator[tuple[str, Body]]:
    for article in pub.all_articles():
        yield article.source, article.body
    for page in pub.pages:
        yield page.source, page.body


def report(pub: Publication) -> list[str]:
    """One line per article and page, for `flagpress check` to show editors."""
    lines = []
    for source, body in _texts(pub):
        measured = measure(body)
        if measured is not None:
            lines.append(
                f"  {source}: reading ease {measured.reading_ease:.0f}, "
                f"{measured.words_per_sentence:.1f} words per sentence"
            )
    if not lines:
        return []
    return [
        "Reading ease (0 to 100: higher is easier, 60 or more is plain English) "
        "and average sentence length:",
        *lines,
    ]


def check(pub: Publication) -> Iterator[Problem]:
    """A warning for each text harder than site_config.yml's `plain_language:` allows."""
    for source, body in _texts(pub):
        yield from check_text(pub.config, source, body)


def check_text(config: SiteConfig, source: str, body: Body) -> Iterator[Problem]:
    """A warning if one text is too hard; it depends on the body and
    `config.plain_language` only."""
    limits = config.plain_language
    if limits.min_reading_ease is None and limits.max_sentence_words is None:
        return
    measured = measure(body)
    crossed = _crossed(measured, limits) if measured else []
    if measured and crossed:
        longest = sorted(measured.sentences, key=lambda s: -s.words)[:LONGEST_SHOWN]
        shown = "; ".join(
            f"line {_where(s.text, body, s.paragraph).line} "
            f"({s.words} word{'s' * (s.words != 1)}): '{_quote(s.text)}'"
            for s in longest
        )
        yield Location(source, body.first_line).warning(
            "hard-to-read",
            f"this text is harder to read than site_config.yml allows: "
            f"{' and '.join(crossed)}. Shorter sentences and "
            f"everyday words help most; the longest sentences are {shown}",
        )


def _crossed(measured: Readability, limits: PlainLanguage) -> list[str]:
    crossed = []
    if limits.min_reading_ease is not None and measured.reading_ease < limits.min_reading_ease:
        crossed.append(
            f"reading ease {measured.reading_ease:.0f} (at least {limits.min_reading_ease})"
        )
    too_long = limits.max_sentence_words
    if too_long is not None and measured.words_per_sentence > too_long:
        crossed.append(
            f"sentences of {measured.words_per_sentence:.1f} words on average "
            f"(at most {too_long})"
        )
    return crossed


def _quote(text: str) -> str:
    """The start of a long sentence, cut at a word."""
    return text if len(text) <= _QUOTED else text[:_QUOTED].rsplit(" ", 1)[0] + "..."
