"""What the last `check` and `build` found, kept to be shown again when nothing changed.

One record per command, in `.flagpress-cache/runs/<command>.json`, under the digest of
that run's inputs (load/inputs.py). Records are JSON, read back as plain values and
checked field by field: a damaged, old or planted record can only fail to match, and
then the command runs the normal way; it can never run code. They hold what the
command printed: its problems, already redacted (no private value, ever; a private
detail quoted in a message was replaced before the problem was printed), reading-ease
figures, counts. Written atomically, so two runs at once leave one whole record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flagpress.cache_file import write_whole
from flagpress.diagnostics import Problem, Severity
from flagpress.load.layout import CACHE_DIR

FOLDER = "runs"
FORMAT = 1  # bump when a record's fields change
_FIELDS = {"path": str, "line": int, "col": int, "message": str, "code": str, "about": str}


def read(root: Path, command: str, digest: str | None) -> dict[str, Any] | None:
    """The last record of `command` if it was made from inputs with this `digest`."""
    if digest is None:
        return None
    try:
        record = json.loads(_path(root, command).read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    return record if record.get("digest") == digest else None


def write(root: Path, command: str, digest: str, fields: dict[str, Any]) -> None:
    """Remember `fields` for `command` under `digest`; a cache that cannot be written is
    simply not kept (the next run takes the normal path)."""
    path = _path(root, command)
    text = json.dumps({"format": FORMAT, "digest": digest, **fields}, ensure_ascii=True)
    try:
        write_whole(path, text.encode("utf-8"))
    except OSError:
        return


def problems_to_json(problems: list[Problem]) -> list[dict[str, Any]]:
    return [
        {**{name: getattr(p, name) for name in _FIELDS}, "severity": p.severity.value}
        for p in problems
    ]


def problems_from_json(data: object) -> list[Problem] | None:
    """The problems a record holds, in their order, or None if any is malformed."""
    if not isinstance(data, list):
        return None
    problems = []
    for item in data:
        if not isinstance(item, dict) or set(item) != {*_FIELDS, "severity"}:
            return None
        if any(type(item[name]) is not kind for name, kind in _FIELDS.items()):
            return None
        if item["severity"] not in {s.value for s in Severity}:
            return None
        values = {name: item[name] for name in _FIELDS}
        problems.append(Problem(severity=Severity(item["severity"]), **values))
    return problems


def strings(data: object) -> list[str] | None:
    """A list of text lines from a record, or None if it is not one."""
    if isinstance(data, list) and all(isinstance(line, str) for line in data):
        return list(data)
    return None


def counts(record: dict[str, Any], names: tuple[str, ...]) -> dict[str, int] | None:
    """The named whole numbers of a record, or None if any is missing or not a count."""
    found = {}
    for name in names:
        value = record.get(name)
        if type(value) is not int or value < 0:
            return None
        found[name] = value
    return found


def _path(root: Path, command: str) -> Path:
    return root / CACHE_DIR / FOLDER / f"{command}.json"
