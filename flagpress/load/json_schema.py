"""JSON Schemas (draft 2020-12) of the files editors write, for their editors' tools.

With these, VS Code's YAML extension (yaml-language-server) completes keys, shows each
key's doc and underlines a mistake while the editor types, before `flagpress check`.
They are generated from the same declarations that drive the loader (`key()` on the
model, read through `shapes_for`), so they can never allow a key flagpress refuses or
miss one it reads. Values are described as a YAML 1.2 reader sees them, which is what
editors' tools use: a date is text such as "2019-03-01", not a date object.

    flagpress schema --output schemas     # writes the files named in SCHEMA_FILES
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from flagpress.diagnostics import UsageError
from flagpress.keys import Declared
from flagpress.load.declared import Shape, shapes_for
from flagpress.load.fields import ID_PATTERN
from flagpress.load.reference import DOCUMENTS, Document
from flagpress.model import Article, Contributor, Issue, Page
from flagpress.settings import SiteConfig

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# What each model's schema file is called; contributors.yml is a list of Contributor.
SCHEMA_FILES = {
    SiteConfig: "site_config.schema.json",
    Contributor: "contributors.schema.json",
    Issue: "issue.schema.json",
    Article: "article.schema.json",
    Page: "page.schema.json",
}
_LISTS = {Contributor}
# The loader's shapes (flagpress/load/fields.py): a date is YYYY-MM-DD; a whole number is
# one to nine digits; a web address is http(s) with nothing that could end an attribute.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_ADDRESS_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\"'<>`\\{}|^]+$"
_LARGEST = 999_999_999
# The loader reads any single value as text, so a title such as 2020 is text too.
_TEXT_TYPES = ["string", "number", "boolean"]


class SchemaOutput(UsageError):
    """The schemas cannot be written where asked (a usage error)."""


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by its file name, in the order of the editors' reference."""
    return {SCHEMA_FILES[d.model]: document_schema(d) for d in DOCUMENTS}


def document_schema(document: Document) -> dict[str, Any]:
    """The schema of one kind of file, titled and described as in docs/format.md."""
    head = {"$schema": DIALECT, "title": document.title, "description": document.intro}
    if document.model in _LISTS:
        return head | {"type": "array", "items": object_schema(document.model)}
    return head | object_schema(document.model)


def object_schema(model: type) -> dict[str, Any]:
    """A mapping of `model`'s declared keys: only those, with the required ones required."""
    keys = shapes_for(model)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {d.name: _property(d, shape) for d, shape in keys},
        "additionalProperties": False,
    }
    required = [d.name for d, _ in keys if d.key.required]
    return schema | ({"required": required} if required else {})


def _property(declared: Declared, shape: Shape) -> dict[str, Any]:
    """One key: its doc, its default when it has a plain one, and what it takes."""
    out: dict[str, Any] = {"description": declared.key.doc}
    default = _plain(declared.default)
    if not declared.key.required and default is not None:
        out["default"] = default
    # A list left empty (`tags:`) reads as no items, as the loader reads it.
    return out | value_schema(shape, nullable=shape.optional or shape.kind == "list")


def _plain(value: Any) -> Any:
    """A default as JSON, or None when it is none, empty text or a set of keys."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value == "" or dataclasses.is_dataclass(value):
        return None
    return value


def value_schema(shape: Shape, nullable: bool = False) -> dict[str, Any]:
    """What a value of `shape` may be; `nullable` also allows null (nothing written)."""
    schema = _value(shape)
    if nullable:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*kinds, "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _value(shape: Shape) -> dict[str, Any]:
    if shape.kind == "list":
        assert shape.item is not None
        return {"type": "array", "items": _value(shape.item)}
    if shape.kind == "mapping":
        assert shape.model is not None
        if shape.shorthand:  # a single value fills that one key
            alone = _value(_shape_of_key(shape.model, shape.shorthand))
            return {"anyOf": [object_schema(shape.model), alone]}
        return object_schema(shape.model)
    if shape.kind == "number":
        low, high = (shape.range.low, shape.range.high) if shape.range else (0, _LARGEST)
        return {"type": "integer", "minimum": low, "maximum": high}
    if shape.kind == "text" and not shape.optional:
        return {"type": list(_TEXT_TYPES), "pattern": r"\S"}  # not empty, not only spaces
    if shape.kind == "labels":
        # Each `id: Label` line: any id as the key, text as its label.
        ids, label = _value(Shape("id")), _value(Shape("text"))
        return {"type": "object", "propertyNames": ids, "additionalProperties": label}
    simple: dict[str, dict[str, Any]] = {
        "text": {"type": list(_TEXT_TYPES)},
        "boolean": {"type": "boolean"},
        "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
        "id": {"type": "string", "pattern": ID_PATTERN.pattern},
        "address": {"type": "string", "format": "uri", "pattern": _ADDRESS_PATTERN},
        "choice": {"type": "string", "enum": list(shape.choices)},
    }
    return simple[shape.kind]


def _shape_of_key(model: type, name: str) -> Shape:
    return next(shape for d, shape in shapes_for(model) if d.name == name)


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (made if needed); returns the files written.

    Raises SchemaOutput when the folder cannot be made or written, saying what to do.
    """
    if folder.exists() and not folder.is_dir():
        raise SchemaOutput(f"{folder} is a file, not a folder; choose a folder for the schemas")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in schemas().items():
            path = folder / name
            path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
            written.append(path)
    except OSError as err:
        reason = err.strerror or "it cannot be written"
        raise SchemaOutput(
            f"cannot write the schemas into {folder} ({reason}); choose another folder"
        ) from None
    return written
