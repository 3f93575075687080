"""Finding a person's private strings in text however they are disguised.

Both the leak scan (every output file) and `flagpress where` (every source field)
must agree on what counts as "the name is here", so the folding and matching live
in this one core module.

Text is *folded* one character at a time, so the result is the same whatever
surrounds a character:

- NFKC first (full-width and mathematical letters become plain ones);
- default-ignorable code points (soft hyphen, zero-width space and joiners, bidi
  controls, variation selectors) and every other non-letter, non-digit (markup
  punctuation, apostrophes straight or curly, quotes, dashes, spaces, line breaks)
  become a *gap*;
- a letter that is confusable with a Latin letter or digit (Cyrillic `а`, Greek `Ν`)
  becomes its Unicode TS #39 prototype, taken from the `confusable_homoglyphs` data
  (confusables.txt); accents are removed; letters without a decomposition (`Ł`,
  `ø`, `ß`) are transliterated by `anyascii`;
- everything is lowercase ASCII letters and digits, or a space for a gap.

A secret matches when its letters and digits appear consecutively in the text's
letters and digits, *whatever gaps lie between them* (markup, soft hyphens and
line breaks inside a name do not hide it), starting and ending at a word boundary:
a gap, the start or end, a change between letter and digit (`@MarianneOkonkwo85`)
or a lower-to-upper case change in the original (`MarianneOkonkwo`).

All secrets go into one Aho-Corasick automaton (`pyahocorasick`), so the time to
search a text grows with the text's length, not with the number of secrets.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import ahocorasick
import regex
from anyascii import anyascii

GAP = " "
_RUN = re.compile(r"[a-z0-9]+")
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
_IGNORABLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}]")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# Every byte folded as fold_char folds its ASCII character: letters lowercased, digits
# kept, anything else a gap.
_ASCII_FOLD = bytes(
    ord(chr(b).lower()) if chr(b).isascii() and chr(b).isalnum() else ord(GAP) for b in range(256)
)


@functools.cache
def _prototypes() -> dict[str, str]:
    """Non-ASCII character -> the ASCII letter or digit it is confusable with (TS #39).

    `confusable_homoglyphs` ships confusables.txt as a two-way table: a look-alike
    lists its prototype, a prototype lists its look-alikes. Only non-ASCII keys are
    used, and only ASCII letter/digit candidates are kept, so the direction is
    always look-alike -> Latin prototype; ASCII letters themselves are never
    remapped (folding `I` to `l` would break case-insensitive matching).
    """
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text()
    table: dict[str, str] = {}
    for char, homoglyphs in json.loads(data).items():
        if char.isascii():
            continue
        for glyph in homoglyphs:
            plain = _strip_marks(glyph["c"]).lower()
            if plain and all(c in _ALNUM for c in plain):
                table[char] = plain
                break
    return table


def _strip_marks(text: str) -> str:
    return _IGNORABLE.sub("", unicodedata.normalize("NFD", text))


@functools.lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """One character folded: lowercase ASCII letters/digits, or GAP (see module doc)."""
    if char.isascii():
        return char.lower() if char.isalnum() else GAP
    if _IGNORABLE.match(char):
        return GAP
    out = []
    for part in unicodedata.normalize("NFKC", char):
        out.append(_fold_one(part))
    return "".join(out) or GAP


def _fold_one(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else GAP
    if _IGNORABLE.match(char):
        return GAP
    prototype = _prototypes().get(char) or _prototypes().get(char.casefold())
    if prototype:
        return prototype
    plain = _strip_marks(char)
    if plain and plain.isascii():
        return plain.lower() if plain.isalnum() else GAP
    latin = anyascii(char).lower()
    kept = "".join(c if c in _ALNUM else GAP for c in latin)
    return kept or GAP


def fold(text: str) -> str:
    """`text` folded (see the module doc): fast, for whole files.

    The same as folding each character with `fold_char`, but only the runs of
    non-ASCII characters (rare in web pages: a curly quote, a dash) go through it; the
    ASCII rest is folded by one byte table, several times faster than `str.translate`
    with a dictionary, which was most of the leak scan's time.
    """
    encoded = _CAMEL.sub(GAP, text).encode("ascii", _FOLD_ERRORS)
    return encoded.translate(_ASCII_FOLD).decode("ascii")


def _fold_run(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler `fold` encodes with: a run of non-ASCII characters, folded
    (the encoder scans the ASCII between runs at C speed and calls this for each run)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    return "".join(fold_char(char) for char in run), error.end


_FOLD_ERRORS = "flagpress-fold"
codecs.register_error(_FOLD_ERRORS, _fold_run)


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index in `text` it came from."""
    camel = {m.start() for m in _CAMEL.finditer(text)}
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = (GAP if index in camel else "") + fold_char(char)
        out.append(folded)
        origins.extend([index] * len(folded))
    return "".join(out), origins


def compact(text: str) -> str:
    """The letters and digits of `fold(text)`, gaps removed: how a secret is stored."""
    return "".join(_RUN.findall(fold(text)))


@dataclass(frozen=True)
class Needle:
    """One thing to look for: its compact form and whether it must sit between boundaries."""

    key: Hashable  # what the caller gets back when it is found
    compact: str
    bounded: bool = True  # False: found even inside a longer word or number


@dataclass(frozen=True)
class Match:
    key: Hashable
    start: int  # positions in the folded text
    end: int


class Matcher:
    """One Aho-Corasick automaton over every needle's compact form."""

    def __init__(self, needles: Iterable[Needle]) -> None:
        self._automaton = ahocorasick.Automaton()
        by_form: dict[str, list[Needle]] = {}
        for needle in needles:
            if needle.compact:
                by_form.setdefault(needle.compact, []).append(needle)
        for form, group in by_form.items():
            self._automaton.add_word(form, (len(form), tuple(group)))
        self.empty = not by_form
        if not self.empty:
            self._automaton.make_automaton()

    def search(self, folded: str) -> Iterator[Match]:
        """Every needle found in already folded text, with its span in that text."""
        if self.empty:
            return
        text = folded.replace(GAP, "")  # folded text is letters, digits and gaps only
        runs: _Runs | None = None  # built only once something matched: most texts are clean
        for last, (length, group) in self._automaton.iter(text):
            runs = runs or _Runs(folded)
            first, end = last - length + 1, last + 1
            for needle in group:
                if not needle.bounded or (runs.boundary(first) and runs.boundary(end)):
                    yield Match(needle.key, runs.folded_at(first), runs.folded_at(last) + 1)

    def keys_in(self, text: str) -> set[Hashable]:
        """The keys of every needle found in `text` (folded here)."""
        return {match.key for match in self.search(fold(text))}


class _Runs:
    """The letter-and-digit runs of a folded text: where its gaps were."""

    def __init__(self, folded: str) -> None:
        matches = list(_RUN.finditer(folded))
        self.text = "".join(m.group() for m in matches)
        self.origins = [m.start() for m in matches]
        self.starts = list(itertools.accumulate((m.end() - m.start() for m in matches), initial=0))

    def boundary(self, index: int) -> bool:
        """Whether a word may start or end at `index` of the compact text."""
        if index in (0, len(self.text)):
            return True
        if self.starts[bisect_right(self.starts, index) - 1] == index:
            return True  # a gap (markup, space, punctuation...) lies between the two
        return self.text[index - 1].isdigit() != self.text[index].isdigit()

    def folded_at(self, index: int) -> int:
        """The position in the folded text of the compact text's character `index`."""
        run = bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]
