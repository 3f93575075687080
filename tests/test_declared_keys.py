"""Every key is declared once, on the model: the loader and the reference follow from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re

import pytest
from conftest import FOREWORD, REPO, SITE_CONFIG, run

from flagpress import model, settings
from flagpress.keys import Range, declared_keys, key
from flagpress.load import load_publication
from flagpress.load.declared import read_declared, schema_for, shapes_for
from flagpress.load.reference import COMMAND, DOCUMENTS, reference
from flagpress.load.strict_yaml import parse_yaml

A = "content/issues/2019-03/foreword.md"
CONFIG = "site_config.yml"


# --- the generated reference ----------------------------------------------------------


def test_docs_format_md_is_what_the_declarations_generate() -> None:
    committed = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == reference(), f"docs/format.md is out of date; regenerate it: {COMMAND}"


def _declared_classes() -> list[type]:
    return [
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if dataclasses.is_dataclass(cls) and any(declared_keys(cls))
    ]


def _rows(model_cls: type, prefix: str = "") -> set[str]:
    """The `key` cells the reference must have for `model_cls` and everything nested."""
    rows = set()
    for declared, shape in shapes_for(model_cls):
        rows.add(f"| `{prefix}{declared.name}` |")
        if shape.kind == "mapping" and shape.model:
            rows |= _rows(shape.model, f"{prefix}{declared.name}.")
        elif shape.item is not None and shape.item.model:
            rows |= _rows(shape.item.model)
    return rows


def _reachable(model_cls: type) -> set[type]:
    found = {model_cls}
    for _, shape in shapes_for(model_cls):
        nested = shape.item.model if shape.item else shape.model
        if nested is not None:
            found |= _reachable(nested)
    return found


def test_the_reference_lists_every_key_of_every_declared_class() -> None:
    text = reference()
    covered = set().union(*(_reachable(d.model) for d in DOCUMENTS))
    assert set(_declared_classes()) <= covered, "a class with keys is in no documented file"
    for document in DOCUMENTS:
        section = text.split(f"## {document.title}\n", 1)[1].split("\n## ", 1)[0]
        missing = [row for row in _rows(document.model) if row not in section]
        assert not missing, f"{document.title} does not document {missing}"


def test_the_reference_says_what_each_key_takes_in_plain_words() -> None:
    text = reference()
    assert (
        "| `print.bleed` | optional; default `3` | a whole number from 0 to 10 | "
        "millimetres of artwork beyond the trim in the printer's PDF |"
    ) in text
    assert (
        "| `articles` | required | a list of pieces of text | "
        "the article files in running order, e.g. [foreword.md] |"
    ) in text
    assert "| `consent.withdrawn` | optional | a date, YYYY-MM-DD, or null for none |" in text
    assert "| `roles` | required | a list of ids | role ids from site_config.yml |" in text


# --- deriving the loader from the declarations ----------------------------------------


def test_a_key_with_a_default_is_optional_and_one_without_is_required() -> None:
    article = schema_for(model.Article)
    assert article["summary"].required and article["authors"].required
    assert not article["tags"].required and not article["publish_after"].required
    assert "source" not in article and "body" not in article and "written" not in article
    assert schema_for(model.Issue)["articles"].attr == "running_order"


def test_an_optional_key_left_out_takes_its_declared_default(publication) -> None:
    root = publication({A: FOREWORD.replace("tags: [housing]\n", "")})
    pub, problems = load_publication(root)
    assert pub is not None and not problems
    foreword = next(a for a in pub.all_articles() if a.slug == "foreword")
    assert foreword.tags == () and foreword.content_note == "" and foreword.image is None
    assert pub.config.print.paper == "A4" and pub.config.naming == settings.Naming()


def test_nested_settings_mirror_the_yaml(publication) -> None:
    config = SITE_CONFIG + "naming: {mention_lived_experience: true}\n"
    pub, problems = load_publication(publication({CONFIG: config}))
    assert pub is not None and not problems
    assert pub.config.policy.sign_off == "none"
    assert pub.config.naming.mention_lived_experience is True
    assert pub.config.contact == settings.Contact(email="test@example.org", phone="01273 000000")


def test_an_unknown_nested_key_still_gets_did_you_mean(publication) -> None:
    config = SITE_CONFIG.replace("sign_off: none", "sign_of: none")
    result = run("check", "--root", str(publication({CONFIG: config})))
    assert result.exit_code == 1
    assert (
        f"{CONFIG}:8:3: error: unknown key 'sign_of' in policy (did you mean 'sign_off'?) "
        "[unknown-key]"
    ) in result.stderr


def test_an_optional_number_may_be_null(publication) -> None:
    config = SITE_CONFIG + "plain_language: {min_reading_ease: null, max_sentence_words: 20}\n"
    pub, problems = load_publication(publication({CONFIG: config}))
    assert pub is not None and not problems
    assert pub.config.plain_language == settings.PlainLanguage(None, 20)


def test_values_are_plain_and_their_places_are_explicit(publication) -> None:
    text = FOREWORD.replace("authors: [neil-j]", "authors: [neil-j, staff-a]")
    pub, _ = load_publication(publication({A: text}))
    assert pub is not None
    foreword = next(a for a in pub.all_articles() if a.slug == "foreword")
    assert [type(a) for a in foreword.authors] == [str, str]
    assert foreword.written.item("authors", 1) == model.Location(A, 7, 19)
    assert foreword.written.key("title") == model.Location(A, 2, 1)
    issue = pub.issues[0]
    assert issue.running_order == ("foreword.md", "second.md")
    assert issue.written.item("running_order", 1).col == 25


# --- a model declared in the test: the loader knows no key by name --------------------


@dataclasses.dataclass(frozen=True)
class _Leg:
    stop: str = key("where it ends", required=True, is_id=True)


@dataclasses.dataclass(frozen=True)
class _Trip:
    mode: str = key("how to travel", required=True, choices=("bus", "train"))
    seats: int = key(
        "how many", default=1, range=Range(1, 9, "bad-seats", "{low}-{high}, not {value}")
    )
    on: dt.date | None = key("when", default=None)
    legs: tuple[_Leg, ...] = key("the stops", default=(), each="a leg")
    written: model.Written = dataclasses.field(default=model.Written(), compare=False)


def _read(text: str) -> tuple[dict | None, list[str]]:
    problems: list = []
    values = read_declared(
        _Trip, parse_yaml(text, "t.yml"), "t.yml", model.Location("t.yml"), problems
    )
    return values, [p.format() for p in problems]


def test_any_declared_model_is_read_checked_and_located() -> None:
    values, problems = _read("mode: train\non: 2020-01-02\nlegs:\n  - stop: york\n")
    assert not problems and values is not None
    trip = _Trip(**values)
    assert (trip.mode, trip.seats, trip.on) == ("train", 1, dt.date(2020, 1, 2))
    assert trip.legs == (_Leg("york"),)
    assert trip.legs[0].stop.__class__ is str
    assert trip.written.item("legs", 0) == model.Location("t.yml", 4, 5)


def test_declared_rules_become_diagnostics_at_the_value() -> None:
    values, problems = _read("mode: trian\nseats: 12\nlegs: [{stop: York}]\nsaets: 2\n")
    assert problems == [
        "t.yml:1:7: error: 'mode': 'trian' is not one of: bus, train (did you mean 'train'?) "
        "[unknown-value]",
        "t.yml:2:8: error: 'seats': 1-9, not 12 [bad-seats]",
        "t.yml:3:15: error: 'stop': 'York' is not a valid id; use lowercase letters, digits "
        "and hyphens [bad-id]",
        "t.yml:4:1: error: unknown key 'saets' in t.yml (did you mean 'seats'?) [unknown-key]",
    ]
    assert values is None  # a required key that is wrong makes the whole mapping unusable


def test_a_key_is_either_required_or_has_a_default() -> None:
    with pytest.raises(TypeError, match="either required=True or a default"):
        key("both", required=True, default=1)
    with pytest.raises(TypeError, match="either required=True or a default"):
        key("neither")


def test_a_type_the_loader_cannot_read_is_refused_when_declared() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        ratio: float = key("a fraction", default=0.5)

    with pytest.raises(TypeError, match="'ratio' has a type flagpress cannot read"):
        schema_for(Odd)


def test_no_module_reads_a_location_hidden_in_a_value() -> None:
    hidden = re.compile(r"getattr\([^)]*['\"]loc['\"]")
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "flagpress").rglob("*.py")
        if hidden.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
