"""Reading one Markdown file (front matter and body), through the load cache.

What a Markdown file gives (its checked details, its converted body and the problems
found in it) depends only on its text and its path in the publication, so it is
taken from the cache when the text is unchanged since the last run, and put there
otherwise (see load/cache.py). Converting the body is most of the cost of `check`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.load.cache import LoadCache, entry_key
from flagpress.load.declared import read_declared
from flagpress.load.front_matter import split_front_matter
from flagpress.load.markdown_body import BodyConverter
from flagpress.load.person_ids import people_key
from flagpress.load.strict_yaml import YMap, parse_yaml
from flagpress.model import Body

# What editors call a Markdown file's front matter (README's words, in diagnostics).
DETAILS = "the details at the top of the file"
Read = tuple[tuple[dict[str, Any], Body] | None, list[Problem]]


def read_markdown(
    text: str,
    shown: str,
    model: type,
    cache: LoadCache | None,
    converter: Callable[[], BodyConverter],
) -> Read:
    """((`model`'s declared values, the body) or None when unusable, the problems found).

    `text` is the file at publication-relative `shown`; `converter` gives the Markdown
    converter, asked for only when the body is not in `cache`.
    """
    if cache is None:
        return read_uncached(text, shown, model, converter)
    # "Did you mean" suggestions made while reading name contributors' ids.
    key = entry_key(model.__name__, shown, text, people_key())
    cached = cache.get(key)
    if _is_read(cached):
        return cached  # type: ignore[return-value]
    read = read_uncached(text, shown, model, converter)
    if cacheable(read):
        cache.put(key, read)
    return read


def cacheable(read: Read) -> bool:
    """Whether a reading may be kept: one stopped for taking too long may pass on a
    quieter run."""
    return not any(p.code == "too-slow" for p in read[1])


def _is_read(value: object) -> bool:
    """Whether a cached value has the shape of a Read (an old or odd entry is not used)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[1], list)
        and all(isinstance(p, Problem) for p in value[1])
        and (value[0] is None or (isinstance(value[0], tuple) and isinstance(value[0][1], Body)))
    )


def read_uncached(
    text: str, shown: str, model: type, converter: Callable[[], BodyConverter]
) -> Read:
    """What reading `text` gives, made now (not looked up)."""
    problems: list[Problem] = []
    try:
        split = split_front_matter(text, shown)
        raw = parse_yaml(split.yaml_text, shown, split.yaml_first_line)
    except ContentError as err:
        return None, err.problems
    if raw is None:
        raw = YMap()
        raw.loc, raw.key_locs = Location(shown), {}
    values = read_declared(model, raw, DETAILS, Location(shown), problems)
    if values is None:
        return None, problems
    try:
        body = converter().convert(split.body, shown, split.body_first_line)
    except ContentError as err:
        return None, problems + err.problems
    return (values, body), problems
