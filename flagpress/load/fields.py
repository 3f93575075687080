"""Turning strict-YAML values into typed values, one declared field at a time.

Every scalar arrives as text (see strict_yaml); a field's kind decides what the text
may mean. A value that does not fit raises `Invalid` with a plain-English fix, and
`read_mapping` turns that into a Problem at the value's own line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flagpress.diagnostics import Location, Problem, did_you_mean
from flagpress.load.person_ids import name_instead_of_id
from flagpress.load.strict_yaml import YList, YMap, YStr, YValue

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULLS = {"", "null", "~", "Null", "NULL"}
_NOT_IN_ADDRESS = set(" \"'<>`\\{}|^")
_TRUE, _FALSE = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
LISTED_CHOICES = 12  # a diagnostic lists up to this many allowed words


class Invalid(Exception):
    """A value that does not fit its field; `at` overrides where it is reported."""

    def __init__(
        self,
        code: str,
        message: str,
        at: Location | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.at = code, message, at
        self.problems = problems or []


Kind = Callable[[YValue], Any]


@dataclass(frozen=True)
class Field:
    """One documented key: what kind of value it takes, and whether it is required.

    Schemas are derived from the model's declarations (see declared.py); `attr` is
    the model field the key fills.
    """

    kind: Kind
    required: bool = False
    doc: str = ""
    attr: str = ""


Schema = dict[str, Field]


def read_mapping(
    value: YValue | None, schema: Schema, where: Location, what: str, problems: list[Problem]
) -> dict[str, Any] | None:
    """Check `value` against `schema`; returns converted values, or None if unusable.

    Unknown keys, missing required keys and bad values are appended to `problems`.
    Keys whose value is bad are left out, so callers fall back to defaults.
    """
    if not isinstance(value, YMap):
        at = value.loc if isinstance(value, YStr | YList) else where
        problems.append(at.error("not-a-mapping", f"{what} must be a set of 'key: value' lines"))
        return None
    out: dict[str, Any] = {}
    for key, item in value.items():
        key_loc = value.key_locs[key]
        if key not in schema:
            problems.append(
                key_loc.error(
                    "unknown-key",
                    f"unknown key '{key}' in {what}{did_you_mean(key, schema)}",
                )
            )
            continue
        try:
            out[key] = schema[key].kind(item)
        except Invalid as bad:
            if bad.problems:
                problems.extend(bad.problems)
                continue
            at = bad.at or item.loc
            problems.append(at.error(bad.code, f"'{key}': {bad.message}"))
    missing = [k for k, f in schema.items() if f.required and k not in value]
    for key in missing:
        needs = "need" if what.startswith("the details") else "needs"  # plural
        problems.append(
            value.loc.error("missing-key", f"{what} {needs} the key '{key}': {schema[key].doc}")
        )
    return out


# --- kinds -------------------------------------------------------------------


def _scalar(value: YValue) -> YStr:
    if not isinstance(value, YStr):
        raise Invalid("wrong-type", "expected a single value here, not a list or a mapping")
    return value


def is_null(value: YValue) -> bool:
    return isinstance(value, YStr) and value.plain and value in _NULLS


def text(value: YValue) -> str:
    """Any non-empty text."""
    s = _scalar(value)
    if not s.strip() or is_null(s):
        raise Invalid("empty-value", "must not be empty")
    return str(s).strip()


def optional_text(value: YValue) -> str:
    """Text that may be left empty."""
    return "" if is_null(value) else str(_scalar(value)).strip()


def boolean(value: YValue) -> bool:
    """Only `true` or `false`: `yes`, `no`, `on`, `off` are too easy to mistype."""
    s = _scalar(value)
    if s.plain and s in _TRUE:
        return True
    if s.plain and s in _FALSE:
        return False
    if s in _TRUE | _FALSE:
        # Quoted, it is text; saying "not 'true'" would leave the editor puzzled.
        raise Invalid("not-a-boolean", f"write {s.lower()} without quotes")
    raise Invalid("not-a-boolean", f"write true or false (not '{s}')")


def integer(value: YValue) -> int:
    s = _scalar(value)
    if not re.fullmatch(r"\d{1,9}", s):
        raise Invalid("not-a-number", f"write a whole number such as 7 (not '{s}')")
    return int(s)


def iso_date(value: YValue) -> dt.date:
    """A real calendar date written as YYYY-MM-DD."""
    s = _scalar(value)
    if is_null(s):
        raise Invalid("bad-date", "the date is missing; write it as YYYY-MM-DD, e.g. 2019-03-01")
    if not _DATE_SHAPE.match(s):
        raise Invalid("bad-date", f"write the date as YYYY-MM-DD, e.g. 2019-03-01 (not '{s}')")
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise Invalid("bad-date", f"'{s}' is not a real date; check the month and day") from None


def optional_date(value: YValue) -> dt.date | None:
    return None if is_null(value) else iso_date(value)


def identifier(value: YValue) -> str:
    """A registry id: plain lowercase ASCII, so ids that look alike cannot differ unseen."""
    s = _scalar(value)
    if not ID_PATTERN.match(s):
        odd = next((ch for ch in s if not ch.isascii() or not ch.isprintable()), None)
        if odd is not None:
            raise Invalid(
                "bad-id",
                f"this id contains a hidden or non-English character (U+{ord(odd):04X}); "
                "delete it and retype the id using only a-z, 0-9 and hyphens",
            )
        raise Invalid(
            "bad-id",
            name_instead_of_id(s)
            or f"'{s}' is not a valid id; use lowercase letters, digits and hyphens",
        )
    return str(s)


def web_address(value: YValue) -> str:
    """An http(s) address with a host, and no character that could end an HTML attribute.

    It is printed into every page's `<link rel=canonical>` and the sitemap as it is,
    so anything else (`javascript:`, a quote, a space) is refused here, at its line.
    """
    s = str(_scalar(value)).strip()
    if _is_web_address(s):
        return s
    raise Invalid(
        "bad-url",
        "write the website's address, starting with https://, e.g. https://www.example.org/",
    )


def _is_web_address(s: str) -> bool:
    if any(ch in _NOT_IN_ADDRESS or not ch.isprintable() for ch in s):
        return False
    try:
        parts = urlsplit(s)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
        return parts.scheme.lower() in ("https", "http") and bool(parts.hostname)
    except ValueError:
        return False


def choice(*options: str) -> Kind:
    """One word from a fixed vocabulary."""

    def kind(value: YValue) -> str:
        s = _scalar(value)
        if s not in options:
            raise Invalid(
                "unknown-value", f"'{s}' is not {_one_of(options)}{did_you_mean(s, options)}"
            )
        return str(s)

    return kind


def _one_of(options: tuple[str, ...]) -> str:
    """'one of: a, b, c'; a long vocabulary (WCAG criteria) is pointed at, not recited."""
    if len(options) <= LISTED_CHOICES:
        return f"one of: {', '.join(options)}"
    return (
        f"one of the {len(options)} allowed ({options[0]} to {options[-1]}; "
        "docs/format.md lists them)"
    )


def list_of(item: Kind) -> Kind:
    """A YAML list, `[a, b]` or one `- item` per line; a single value is not a list."""

    def kind(value: YValue) -> tuple:
        if is_null(value):
            return ()
        if not isinstance(value, YList):
            raise Invalid("not-a-list", "write a list, e.g. [first, second]")
        out, problems = [], []
        for v in value:
            try:
                out.append(item(v))
            except Invalid as bad:
                at = bad.at or v.loc
                problems.extend(bad.problems or [at.error(bad.code, bad.message)])
        if problems:
            raise Invalid(problems[0].code, problems[0].message, problems=problems)
        return tuple(out)

    return kind


def word_map(value: YValue) -> dict[str, str]:
    """A mapping of id -> label, e.g. the roles in site_config.yml.

    Each bad id or label is reported at its own line, all of them at once.
    """
    if not isinstance(value, YMap):
        raise Invalid("not-a-mapping", "write one 'id: Label' per line")
    out, problems = {}, []
    for key, label in value.items():
        key_loc = value.key_locs[key]
        try:
            out[identifier(YStr(key, key_loc, True))] = text(label)
        except Invalid as bad:
            if bad.code == "bad-id":
                problems.append(key_loc.error(bad.code, bad.message))
            else:
                at = label.loc
                problems.append(at.error(bad.code, f"'{key}': {bad.message}"))
    if problems:
        raise Invalid(problems[0].code, problems[0].message, problems=problems)
    return out
