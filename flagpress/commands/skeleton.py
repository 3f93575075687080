"""New files with every key and a one-line comment each, written from the declarations.

`flagpress new` and `flagpress init` write articles, pages, issues, contributors and
site settings for volunteers to fill in. Each key comes from the same `key()`
declaration the loader reads (flagpress/keys.py, through `shapes_for`), so a new key
appears in every new file the day it is declared, with its doc as the comment, and a
new file can never offer a key flagpress would refuse.

A key is written with the value the command was given, else with its default when
that default can be written out (`tags: []`, `publish_after: null`), else commented
out with an example (`# image: {src: ..., alt: ...}`): a mapping such as `image`
cannot be null, and leaving it out is what its default means.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from flagpress.keys import Declared
from flagpress.load.declared import Shape, shapes_for
from flagpress.model import Coproduction, Image

# Nicer examples than the generic ones for the commented-out mappings, by model class.
# A class missing here still gets an example built from its keys (see `_example`).
EXAMPLES: dict[type, str] = {
    Image: '{src: images/photo.jpg, alt: "What the picture shows, for people who cannot see '
    'it", people: []}',
    Coproduction: "{level: co-production, stages: [co-planning, co-design]}",
}
_COMMENT_COLUMN = 32
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/@+-]*")
# Plain words YAML 1.1 readers (and editors' tools) would take for something else.
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(value: str) -> str:
    """`value` as YAML that reads back as exactly this text: plain when safe, else quoted."""
    safe = _PLAIN.fullmatch(value) and not value.endswith(" ") and value.lower() not in _RESERVED
    if safe and not re.fullmatch(r"[0-9][0-9 .:-]*", value):
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def flow_list(values: list[str]) -> str:
    """A list written on one line, e.g. `[sam-o, priya-m]`."""
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def lines(model: type, values: Mapping[str, str], indent: str = "") -> list[str]:
    """One line per declared key of `model` (nested keys indented below theirs).

    `values` holds YAML text by key name; nested keys are named with dots, such as
    `consent.web`. Raises KeyError when a required key has no value: a bug in the
    caller, never the editor's input.
    """
    out: list[str] = []
    for declared, shape in shapes_for(model):
        out += _key_lines(declared, shape, values, indent)
    return out


def _key_lines(
    declared: Declared, shape: Shape, values: Mapping[str, str], indent: str
) -> list[str]:
    name = declared.name
    comment = _comment(declared, shape)
    if name in values:
        return [_commented(f"{indent}{name}: {values[name]}", comment)]
    nested = {k.removeprefix(f"{name}."): v for k, v in values.items() if k.startswith(f"{name}.")}
    if shape.kind == "mapping" and shape.model is not None:
        if nested or declared.key.required or dataclasses.is_dataclass(declared.default):
            head = _commented(f"{indent}{name}:", comment)
            return [head, *lines(shape.model, nested, indent + "  ")]
        return [_commented(f"{indent}# {name}: {_example(shape.model)}", comment)]
    if declared.key.required:
        raise KeyError(f"no value for the required key {name!r}")
    written = _default(declared.default)
    if written is None or (shape.kind == "choice" and declared.default == ""):
        return [_commented(f"{indent}# {name}: {_example_of(shape)}", comment)]
    return [_commented(f"{indent}{name}: {written}", comment)]


def _comment(declared: Declared, shape: Shape) -> str:
    """The key's doc, with the words it allows when there are only a few."""
    choices = shape.item.choices if shape.kind == "list" and shape.item else shape.choices
    allowed = f" ({' | '.join(choices)})" if choices and len(choices) <= 8 else ""
    needed = "required: " if declared.key.required else ""
    return f"{needed}{declared.key.doc}{allowed}"


def _commented(line: str, comment: str) -> str:
    return f"{line.ljust(_COMMENT_COLUMN - 1)} # {comment}"


def _default(value: Any) -> str | None:
    """A default as YAML, or None when it cannot be written out (a mapping left out).

    An empty word where only some words are allowed (`booklet_sheet`) is not written
    either: it means "not given", which only leaving the key out can say.
    """
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return flow_list([str(v) for v in value])
    if isinstance(value, int | dt.date):
        return str(value)
    if isinstance(value, str):
        return scalar(value)
    return None


def _example(model: type) -> str:
    """An example mapping for a commented-out key: its own keys with example values."""
    if model in EXAMPLES:
        return EXAMPLES[model]
    parts = (f"{d.name}: {_example_of(shape)}" for d, shape in shapes_for(model))
    return "{" + ", ".join(parts) + "}"


def _example_of(shape: Shape) -> str:
    examples: dict[str, str] = {
        "list": "[]",
        "choice": shape.choices[0] if shape.choices else '""',
        "boolean": "false",
        "number": "0",
        "date": dt.date.today().isoformat(),
        "id": "contributor-id",
        "address": "https://example.org/",
        "labels": "{}",
    }
    if shape.kind == "mapping" and shape.model is not None:
        return _example(shape.model)
    return examples.get(shape.kind, '""')
