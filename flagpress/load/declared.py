"""Reading YAML into model objects, following the keys declared on the model's fields.

Nothing here knows any key by name: each class's schema is worked out from its
dataclass fields (type hint + `key()` declaration, see flagpress/keys.py), and the
objects are built from it, with where each key, value and list item was written.
Adding a key to the model is all it takes to read it, check it and document it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

from flagpress.diagnostics import Location, Problem
from flagpress.keys import Declared, Range, declared_keys
from flagpress.load import fields as kinds
from flagpress.load.fields import Field, Invalid, Kind, Schema, read_mapping
from flagpress.load.strict_yaml import YList, YMap, YStr, YValue
from flagpress.model import Written


@dataclass(frozen=True)
class Shape:
    """What a key takes, worked out once from its type hint and declaration.

    One description serves the converter (`kind_of`), the editors' reference and,
    later, JSON Schemas for editors' tools.
    """

    kind: str  # text, boolean, number, date, id, address, choice, list, mapping, labels
    optional: bool = False  # null (or nothing) is accepted and means "none"
    choices: tuple[str, ...] = ()
    range: Range | None = None
    item: Shape | None = None  # what each item of a list takes
    model: type | None = None  # the class a nested mapping fills
    shorthand: str = ""  # the key of the mapping a single value fills on its own


def shape_of(hint: Any, declared: Declared) -> Shape:
    """The shape of a key from its field's type hint, e.g. `tuple[str, ...]` -> a list."""
    key = declared.key
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType):  # `X | None`
        inner = shape_of(next(a for a in args if a is not type(None)), declared)
        return dataclasses.replace(inner, optional=True)
    if typing.get_origin(hint) is tuple:
        return Shape("list", item=shape_of(args[0], declared))
    if typing.get_origin(hint) is dict:
        return Shape("labels")
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return Shape("mapping", model=hint, shorthand=key.shorthand)
    if hint is str and key.choices:
        return Shape("choice", choices=key.choices)
    if hint is str and key.is_id:
        return Shape("id")
    if hint is str and key.is_address:
        return Shape("address")
    if hint is str:
        # Text with an empty default may be left empty; other text must say something.
        return Shape("text", optional=declared.default == "")
    simple = {bool: "boolean", int: "number", dt.date: "date"}
    if hint in simple:
        return Shape(simple[hint], range=key.range)
    raise TypeError(f"the key '{declared.name}' has a type flagpress cannot read: {hint!r}")


def kind_of(shape: Shape, what: str) -> Kind:
    """The converter for a shape; `what` names a nested mapping in diagnostics."""
    if shape.kind == "list":
        assert shape.item is not None
        return kinds.list_of(kind_of(shape.item, what))
    if shape.kind == "mapping":
        assert shape.model is not None
        return _nested(shape.model, what, shape.shorthand)
    if shape.kind == "choice":
        return kinds.choice(*shape.choices)
    if shape.kind == "number":
        return _number(shape)
    if shape.kind == "date":
        return kinds.optional_date if shape.optional else kinds.iso_date
    if shape.kind == "text":
        return kinds.optional_text if shape.optional else kinds.text
    simple = {
        "id": kinds.identifier,
        "address": kinds.web_address,
        "boolean": kinds.boolean,
        "labels": kinds.word_map,
    }
    return simple[shape.kind]


def _number(shape: Shape) -> Kind:
    """A whole number, within its declared range; null too when it is optional."""

    def kind(value: YValue) -> int | None:
        if shape.optional and kinds.is_null(value):
            return None
        number = kinds.integer(value)
        bounds = shape.range
        if bounds is not None and not bounds.low <= number <= bounds.high:
            advice = bounds.advice.format(low=bounds.low, high=bounds.high, value=number)
            raise Invalid(bounds.code, advice)
        return number

    return kind


def _nested(model: type, what: str, shorthand: str = "") -> Kind:
    """A mapping filling `model`; with a `shorthand` key, a single value fills that key
    alone (the rest keep their defaults)."""

    def kind(value: YValue) -> Any:
        if shorthand and isinstance(value, YStr):
            field = schema_for(model)[shorthand]
            return model(**{field.attr: field.kind(value)})
        problems: list[Problem] = []
        at = value.loc if isinstance(value, YStr | YList | YMap) else Location("")
        values = read_declared(model, value, what, at, problems)
        if problems or values is None:
            raise Invalid("bad-mapping", what, problems=problems)
        return model(**values)

    return kind


@functools.cache
def schema_for(model: type) -> Schema:
    """Every key of `model`, by its YAML name, with its converter and documentation."""
    hints = typing.get_type_hints(model)
    schema: Schema = {}
    for declared in declared_keys(model):
        shape = shape_of(hints[declared.field.name], declared)
        what = declared.key.each or declared.name
        schema[declared.name] = Field(
            kind_of(shape, what),
            required=declared.key.required,
            doc=declared.key.doc,
            attr=declared.field.name,
        )
    return schema


def shapes_for(model: type) -> list[tuple[Declared, Shape]]:
    """Each declared key of `model` with its shape, in declaration order (for documents)."""
    hints = typing.get_type_hints(model)
    return [(d, shape_of(hints[d.field.name], d)) for d in declared_keys(model)]


def read_declared(
    model: type, value: YValue | None, what: str, at: Location, problems: list[Problem]
) -> dict[str, Any] | None:
    """The keyword arguments for `model` read from `value`, or None when unusable.

    Problems are appended to `problems`. A bad optional value is left out (its
    default stands in); a missing or bad required one makes the whole mapping
    unusable. `written` is included when the model keeps where things were written.
    """
    schema = schema_for(model)
    values = read_mapping(value, schema, at, what, problems)
    if values is None or any(f.required and k not in values for k, f in schema.items()):
        return None
    assert isinstance(value, YMap)
    out = {schema[k].attr: v for k, v in values.items()}
    if "written" in {f.name for f in dataclasses.fields(model)}:
        out["written"] = _written(value, schema, at)
    return out


def _written(value: YMap, schema: Schema, at: Location) -> Written:
    """Where each key, single value and list item of `value` was written, by field name."""
    keys, values, items = {}, {}, {}
    for name, item in value.items():
        if name not in schema:
            continue
        attr = schema[name].attr
        keys[attr] = value.key_locs[name]
        if isinstance(item, YStr):
            values[attr] = item.loc
        elif isinstance(item, YList):
            items[attr] = tuple(v.loc for v in item)
    return Written(at=at, keys=keys, values=values, items=items)
