"""`flagpress schema`: JSON Schemas for editors' tools, from the same declarations as the loader.

Files are read as editors' tools read them, YAML 1.2 (`on` is a key, a date is text),
with PyYAML: see `_Yaml12`. A schema that accepts what flagpress refuses, or refuses what
it accepts, would teach volunteers the wrong thing while they type.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import FOREWORD, FOREWORD_PATH, REPO, SITE_CONFIG, WEB_ONLY, diagnostics, run

from flagpress.load.front_matter import split_front_matter
from flagpress.load.json_schema import schemas

SCHEMAS = REPO / "schemas"
REGENERATE = "flagpress schema --output schemas"


class _Yaml12(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's scalars, as yaml-language-server reads them:
    only true/false are booleans (not yes, no, on, off) and dates stay text."""


_BOOL, _DATE = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"
_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _DATE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml12)  # noqa: S506 - a safe loader


def _details(path: Path) -> Any:
    """The details at the top of a Markdown file, split off as flagpress does it."""
    text = path.read_text(encoding="utf-8")
    return _load(split_front_matter(text, path.name).yaml_text)


def _sample_files() -> Iterator[tuple[str, str]]:
    """(schema file, sample file) for every file editors write in the sample publication."""
    kinds = {
        "site_config.schema.json": ["site_config.yml"],
        "contributors.schema.json": ["content/contributors.yml"],
        "issue.schema.json": ["content/issues/*/issue.yml"],
        "article.schema.json": ["content/issues/*/*.md", "content/articles/*.md"],
        "page.schema.json": ["content/pages/*.md"],
    }
    for schema, patterns in kinds.items():
        for pattern in patterns:
            for path in sorted(REPO.glob(pattern)):
                yield schema, path.relative_to(REPO).as_posix()


SAMPLES = list(_sample_files())


def _parsed(rel: str) -> Any:
    path = REPO / rel
    return _details(path) if path.suffix == ".md" else _load(path.read_text(encoding="utf-8"))


def _errors(schema_file: str, instance: Any) -> list[str]:
    schema = schemas()[schema_file]
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return [error.message for error in validator.iter_errors(instance)]


# --- the schemas themselves ---------------------------------------------------------------


def test_the_committed_schemas_are_what_the_declarations_generate() -> None:
    committed = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*")}
    assert committed == schemas(), f"schemas/ is out of date; regenerate it: {REGENERATE}"


@pytest.mark.parametrize("name", sorted(schemas()))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_keys_carry_their_docs_types_and_vocabularies() -> None:
    article = schemas()["article.schema.json"]
    assert article["required"] == ["title", "type", "summary", "date", "status", "authors"]
    assert article["additionalProperties"] is False
    props = article["properties"]
    assert props["summary"]["description"] == "one sentence saying what the article is about"
    assert props["status"]["enum"] == ["draft", "review", "ready", "published"]
    assert props["date"] == {
        "description": "the publication date, YYYY-MM-DD",
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
    }
    assert props["authors"]["items"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    credit = props["credits"]["items"]
    assert credit["required"] == ["id", "role"] and credit["additionalProperties"] is False
    bleed = schemas()["site_config.schema.json"]["properties"]["print"]["properties"]["bleed"]
    assert (bleed["minimum"], bleed["maximum"], bleed["default"]) == (0, 10, 3)


# --- every sample file validates; without a required key it does not -----------------------


@pytest.mark.parametrize(("schema_file", "rel"), SAMPLES)
def test_every_sample_file_validates(schema_file: str, rel: str) -> None:
    assert _errors(schema_file, _parsed(rel)) == []


def _required_paths(schema: dict, instance: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path to every required key written in `instance`, nested ones included."""
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            yield from _required_paths(schema["items"], item, (*path, index))
    if isinstance(instance, dict) and "properties" in schema:
        for name in schema.get("required", []):
            yield (*path, name)
        for name, value in instance.items():
            if name in schema["properties"]:
                yield from _required_paths(schema["properties"][name], value, (*path, name))


def _removal_cases() -> Iterator[Any]:
    for schema_file, rel in SAMPLES:
        for path in _required_paths(schemas()[schema_file], _parsed(rel)):
            yield pytest.param(schema_file, rel, path, id=f"{rel}:{'.'.join(map(str, path))}")


@pytest.mark.parametrize(("schema_file", "rel", "path"), list(_removal_cases()))
def test_removing_any_required_key_fails(schema_file: str, rel: str, path: tuple) -> None:
    instance = copy.deepcopy(_parsed(rel))
    parent = instance
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    assert f"'{path[-1]}' is a required property" in _errors(schema_file, instance)


def test_every_kind_of_file_has_required_keys_removed() -> None:
    kinds = {case.values[0] for case in _removal_cases()}
    assert kinds == set(schemas()), "a kind of file has no sample with required keys"


# --- the schema refuses what flagpress refuses, and accepts what it accepts -----------------

# (a change to the foreword's details, what flagpress reports, what the schema says)
REFUSED = [
    ("title: Foreword", "tittle: Foreword", "unknown-key", "'tittle' was unexpected"),
    ("type: editorial", "type: essay", "unknown-value", "'essay' is not one of"),
    ("authors: [neil-j]", "authors: [Neil J]", "bad-id", "'Neil J' does not match"),
    ("date: 2019-03-01", "date: 2019-3-1", "bad-date", "'2019-3-1' does not match"),
    ("date: 2019-03-01", "date: 2019-02-30", "bad-date", "'2019-02-30' is not a 'date'"),
    ("summary: Why we made this issue.", "summary: ' '", "empty-value", "' ' does not match"),
    ("tags: [housing]", "tags: housing", "not-a-list", "'housing' is not of type 'array'"),
]


@pytest.mark.parametrize(("old", "new", "code", "says"), REFUSED, ids=[r[1] for r in REFUSED])
def test_what_flagpress_refuses_the_schema_refuses(  # noqa: ANN001
    publication, old: str, new: str, code: str, says: str
) -> None:
    changed = FOREWORD.replace(old, new)
    assert any(
        line.endswith(f"[{code}]") for line in diagnostics(publication, {FOREWORD_PATH: changed})
    )
    errors = _errors("article.schema.json", _load(split_front_matter(changed, "f.md").yaml_text))
    assert any(says in error for error in errors), errors


CONFIG_REFUSED = [
    ("print: {variants: []}", "print: {bleed: 11}", "bad-bleed", "11 is greater than"),
    ("url: https://example.org/test/", "url: javascript:alert(1)", "bad-url", "does not match"),
    ("policy:\n  sign_off: none", "policy:\n  sign_off: nobody", "unknown-value", "is not one"),
    ("roles: {volunteer:", "roles: {Volunteer:", "bad-id", "'Volunteer' does not match"),
]


@pytest.mark.parametrize(("old", "new", "code", "says"), CONFIG_REFUSED)
def test_site_settings_flagpress_refuses_the_schema_refuses(  # noqa: ANN001
    publication, old: str, new: str, code: str, says: str
) -> None:
    changed = (SITE_CONFIG + WEB_ONLY).replace(old, new)
    assert changed != SITE_CONFIG + WEB_ONLY
    found = diagnostics(publication, {"site_config.yml": changed})
    assert any(line.endswith(f"[{code}]") for line in found), found
    errors = _errors("site_config.schema.json", _load(changed))
    assert any(says in error for error in errors), errors


ACCEPTED = [
    ("title: Foreword", "title: 2020"),  # any single value is text to flagpress
    ("tags: [housing]", "tags:"),  # an empty list
    ("authors: [neil-j]", "authors: [neil-j]\npublish_after:\ncontent_note: ''"),
    ("authors: [neil-j]", "authors: [neil-j]\ncoproduction: {level: informing}"),
]


@pytest.mark.parametrize(("old", "new"), ACCEPTED, ids=[r[1] for r in ACCEPTED])
def test_what_flagpress_accepts_the_schema_accepts(publication, old: str, new: str) -> None:  # noqa: ANN001
    changed = FOREWORD.replace(old, new)
    assert changed != FOREWORD
    assert diagnostics(publication, {FOREWORD_PATH: changed}) == []
    assert (
        _errors("article.schema.json", _load(split_front_matter(changed, "f.md").yaml_text)) == []
    )


# --- the command ------------------------------------------------------------------------


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    result = run("schema", "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Wrote 5 JSON Schemas into {tmp_path / 'out'}/\n"
    written = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").iterdir()
    }
    assert written == schemas()


def test_schema_command_defaults_to_the_schemas_folder_of_the_root(tmp_path: Path) -> None:
    result = run("schema", "--root", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schemas())


def test_schema_command_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("schema", "--output", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: {tmp_path / 'notes.txt'} is a file, not a folder; "
        "choose a folder for the schemas\n"
    )
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_schema_command_never_writes_into_content(publication) -> None:  # noqa: ANN001
    root = publication()
    result = run("schema", "--root", str(root), "--output", str(root / "content" / "schemas"))
    assert result.exit_code == 2
    assert "it is in the publication's content/ folder" in result.stderr
    assert not (root / "content" / "schemas").exists()


# --- the sample publication's VS Code settings -------------------------------------------------


def test_vscode_maps_each_yaml_file_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.yamlVersion"] == "1.2"
    mapped = {
        rel: Path(schema).name
        for schema, pattern in settings["yaml.schemas"].items()
        for rel in (p.relative_to(REPO).as_posix() for p in REPO.glob(pattern))
        if (REPO / schema).is_file()
    }
    yaml_samples = {rel: schema for schema, rel in SAMPLES if rel.endswith(".yml")}
    assert mapped == yaml_samples
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
