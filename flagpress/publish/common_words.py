"""Whether a word is common in English, by wordfreq, without importing it every build.

Importing wordfreq (with langcodes, ftfy and regex) takes about 0.15 s, a tenth of a
one-article build, to answer a few questions about surnames. Its answers depend only
on its version: the common words (every word of the list at or above the threshold)
are written once to the user's cache as plain text, a public word list that holds
nothing from any publication, and read back in a few milliseconds. A word that is not
plain ASCII letters is still asked of wordfreq itself, which splits and normalises it.
"""

from __future__ import annotations

import contextlib
import functools
from importlib.metadata import version

from flagpress.cache_file import write_whole
from flagpress.user_cache import user_cache


def zipf_at_least(word: str, threshold: float, wordlist: str) -> bool:
    """Whether `word` (folded: lowercase) is used at least `threshold` on wordfreq's Zipf
    scale in English, by wordfreq's list `wordlist`."""
    if word.isascii() and word.isalpha():
        return word in _common(threshold, wordlist)
    return _zipf(word, wordlist) >= threshold


def _zipf(word: str, wordlist: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist=wordlist)


@functools.cache
def _common(threshold: float, wordlist: str) -> frozenset[str]:
    folder = user_cache("common-words")
    place = folder / f"en-{wordlist}-{threshold}-{version('wordfreq')}.txt" if folder else None
    with contextlib.suppress(OSError, UnicodeDecodeError, AttributeError):
        return frozenset(place.read_text(encoding="utf-8").split())  # type: ignore[union-attr]
    words = _listed_at_least(threshold, wordlist)
    if place is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_whole(place, "\n".join(sorted(words)).encode("utf-8"))
    return words


def _listed_at_least(threshold: float, wordlist: str) -> frozenset[str]:
    """Every plain word of the list whose Zipf frequency, as wordfreq rounds it, is at
    least `threshold` (asked of wordfreq for each word near or above it)."""
    from wordfreq import get_frequency_dict

    floor = 10 ** (threshold - 0.01 - 9)  # Zipf is log10 of uses per billion, rounded to 0.01
    return frozenset(
        word
        for word, frequency in get_frequency_dict("en", wordlist).items()
        if frequency >= floor and word.isascii() and word.isalpha()
        and _zipf(word, wordlist) >= threshold
    )
