"""How a key editors may write is declared: once, on the model field it fills.

A field such as `summary: str = key("one sentence saying what the article is about",
required=True)` is the whole declaration: its type hint says what the key takes,
`key()` adds whether it is required, its default, a one-line doc for editors and
any extra rule (a fixed vocabulary, an id, a range). The loader, its diagnostics and
the editors' reference (docs/format.md) are all derived from it, so a key can never
be documented one way and read another. Plain data: no I/O, no YAML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import MISSING, dataclass
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
METADATA = "flagpress.key"


@dataclass(frozen=True)
class Range:
    """Bounds on a whole number, with the code and advice editors see outside them.

    `advice` is formatted with `low`, `high` and `value`, e.g. "write the bleed in
    millimetres, {low} to {high} (not {value})".
    """

    low: int
    high: int
    code: str
    advice: str


@dataclass(frozen=True)
class Key:
    """What `key()` records about one editor key, beside the field's type and default."""

    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()  # the only words allowed (for text, or each list item)
    is_id: bool = False  # a contributor or role id: lowercase letters, digits, hyphens
    is_address: bool = False  # a web address: http(s), nothing that could break out of HTML
    range: Range | None = None  # bounds for a whole number
    yaml: str = ""  # the key as written in YAML, when it differs from the field's name
    each: str = ""  # what one mapping in a list is called in diagnostics, e.g. "a credit"
    # The key of a nested mapping that a single value fills on its own, so a list item
    # may be plain text (`- A sentence.`) or a mapping (`- {text: A sentence., ...}`).
    shorthand: str = ""


def key(
    doc: str,
    *,
    required: bool = False,
    default: Any = MISSING,
    choices: tuple[str, ...] = (),
    is_id: bool = False,
    is_address: bool = False,
    range: Range | None = None,  # noqa: A002 - reads naturally at the declaration
    yaml: str = "",
    each: str = "",
    shorthand: str = "",
) -> Any:
    """A dataclass field that is also an editor key; optional keys must have a default."""
    if required == (default is not MISSING):
        raise TypeError(f"key {doc!r}: give either required=True or a default, not both")
    metadata = {
        METADATA: Key(
            doc, required, tuple(choices), is_id, is_address, range, yaml, each, shorthand
        )
    }
    if required:
        return dataclasses.field(metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Declared:
    """One declared key of a model class: its YAML name, field and declaration."""

    name: str  # as editors write it
    field: dataclasses.Field
    key: Key

    @property
    def default(self) -> Any:
        return self.field.default


def declared_keys(cls: type) -> Iterator[Declared]:
    """The editor keys of a model dataclass, in declaration order."""
    for item in dataclasses.fields(cls):
        declaration = item.metadata.get(METADATA)
        if declaration is not None:
            yield Declared(declaration.yaml or item.name, item, declaration)


@dataclass_transform(frozen_default=True, field_specifiers=(key, dataclasses.field))
def declared(cls: type[T]) -> type[T]:
    """A frozen dataclass whose fields may be editor keys declared with `key()`.

    The same as `@dataclass(frozen=True)`; declared this way, type checkers know that a
    `key(..., required=True)` field has no default and a `key(..., default=x)` one has.
    """
    return dataclasses.dataclass(frozen=True)(cls)
