"""The editors' reference for every key, generated from the model's declarations.

docs/format.md is this module's output, so it can never drift from what flagpress
actually reads: regenerate it with

    python3 -m flagpress.load.reference > docs/format.md

(a test fails while the committed file differs). It is written for volunteer
editors: each file, each key, whether it is required or what it is when left
out, what it takes, and the key's one-line doc.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flagpress.keys import Declared
from flagpress.load.declared import Shape, shapes_for
from flagpress.model import Article, Contributor, Issue, Page
from flagpress.settings import SiteConfig

COMMAND = "python3 -m flagpress.load.reference > docs/format.md"


@dataclass(frozen=True)
class Document:
    """One kind of file editors write, and the model class its keys fill."""

    title: str
    model: type
    intro: str


DOCUMENTS = (
    Document(
        "site_config.yml",
        SiteConfig,
        "Settings for the whole publication, in `site_config.yml` at the top of its folder.",
    ),
    Document(
        "content/contributors.yml",
        Contributor,
        "The public list of people. It is a list: each person starts with `- id:` and has "
        "these keys. Write only what may be published; real names and contact details "
        "belong in `content/contributors.private.yml`, which is never published.",
    ),
    Document(
        "issue.yml",
        Issue,
        "One magazine issue, in `content/issues/<issue>/issue.yml`: its details and the "
        "running order of its articles.",
    ),
    Document(
        "Article details",
        Article,
        "The details at the top of an article, between two `---` lines, in "
        "`content/issues/<issue>/*.md` (or `content/articles/*.md` for the website only).",
    ),
    Document(
        "Page details",
        Page,
        "The details at the top of a standing page in `content/pages/*.md` (about, get "
        "involved), between two `---` lines.",
    ),
)


def reference() -> str:
    """The whole reference as Markdown."""
    lines = [
        "# The flagpress format: every key",
        "",
        "Every key you can write, file by file. Keys marked *required* must be there; any "
        "other key may be left out, and then its default is used. A key flagpress does "
        "not know is an error, with a suggestion when it looks like a typo.",
        "",
        "Write `true` or `false` (not yes or no), dates as YYYY-MM-DD, and lists either "
        "as `[first, second]` or as one `- item` per line.",
        "",
        f"<!-- Generated from flagpress/model.py and settings.py; do not edit. Regenerate: "
        f"{COMMAND} -->",
    ]
    for document in DOCUMENTS:
        lines += ["", f"## {document.title}", "", document.intro]
        lines += _sections(document.model, "", document.title)
    return "\n".join(lines) + "\n"


def _sections(model: type, prefix: str, place: str) -> Iterator[str]:
    """The table of `model`'s keys, then one section per nested set of keys."""
    keys = shapes_for(model)
    yield ""
    yield "| key | required? | what it takes | what it is for |"
    yield "| --- | --- | --- | --- |"
    for declared, shape in keys:
        cells = (f"`{prefix}{declared.name}`", _needed(declared), _takes(shape), declared.key.doc)
        yield "| " + " | ".join(_cell(c) for c in cells) + " |"
    for declared, shape in keys:
        nested = shape.item if shape.kind == "list" and shape.item else shape
        if nested.model is not None:
            name = f"{prefix}{declared.name}"
            each = "Each item of " if nested is not shape else ""
            yield ""
            yield f"### {each}`{name}` ({place})"
            yield from _sections(nested.model, f"{name}." if not each else "", place)


def _needed(declared: Declared) -> str:
    if declared.key.required:
        return "required"
    default = declared.default
    if dataclasses.is_dataclass(default):
        return "optional (defaults below)"
    if default is None or default == "":
        return "optional"
    return f"optional; default {_yaml(default)}"


def _yaml(value: Any) -> str:
    """A default as an editor would write it."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple):
        return f"`[{', '.join(str(v) for v in value)}]`"
    if isinstance(value, int | dt.date):
        return f"`{value}`"
    return f'"{value}"'


_ITEMS = {
    "text": "pieces of text",
    "id": "ids",
    "mapping": "entries with the keys below",
}


def _takes(shape: Shape) -> str:
    """What a key takes, in plain English."""
    if shape.kind == "list":
        assert shape.item is not None
        item = shape.item
        if item.kind == "choice":
            return f"a list of words from: {', '.join(item.choices)}"
        if item.shorthand:
            return f"a list of entries with the keys below, or each just its `{item.shorthand}`"
        return f"a list of {_ITEMS[item.kind]}"
    described = {
        "text": "text" + (" (may be left empty)" if shape.optional else ""),
        "id": "an id: lowercase letters, digits and hyphens",
        "address": "a web address starting with https:// (or http://)",
        "choice": f"one of: {', '.join(shape.choices)}",
        "boolean": "true or false",
        "date": "a date, YYYY-MM-DD" + (", or null for none" if shape.optional else ""),
        "labels": "one `id: Label` line per entry",
        "mapping": "the keys below" + (", or leave it out" if shape.optional else ""),
    }
    if shape.kind == "number":
        return _number(shape)
    return described[shape.kind]


def _number(shape: Shape) -> str:
    text = "a whole number"
    if shape.range is not None:
        text += f" from {shape.range.low} to {shape.range.high}"
    return text + (", or null for none" if shape.optional else "")


def _cell(text: str) -> str:
    """Table cells cannot hold a '|' or a line break."""
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    print(reference(), end="")
