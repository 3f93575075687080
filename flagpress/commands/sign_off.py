"""Recording a sign-off in an article's front matter, for `flagpress sign-off`.

Editors' files are edited as text, not re-dumped from YAML, so their layout,
comments and key order survive: only the `sign_off` block is rewritten (or added
before the closing `---`). The file is replaced atomically, keeping its line
endings and byte-order mark, and the result is read back to prove it is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from flagpress.commands import changes
from flagpress.commands.rewrite import write_over
from flagpress.diagnostics import ContentError, UsageError
from flagpress.load import load_publication
from flagpress.load.front_matter import split_front_matter
from flagpress.load.person_ids import did_you_mean_id
from flagpress.load.source_files import read_text
from flagpress.load.strict_yaml import YMap, parse_yaml
from flagpress.sign_off import approved_content, digest


class SignOffRefused(UsageError):
    """The command was asked for something that cannot be (a usage error)."""


def sign_off(root: Path, article: Path, person: str, on: dt.date) -> str:
    """Record that `person` approved the article's current text on `on`; returns the hash.

    Raises SignOffRefused for an unknown article or person, and ContentError when the
    article itself has problems (they must be fixed before anyone signs it off).
    """
    pub, problems = load_publication(root)
    rel = _relative(root, article)
    if pub is None:
        raise ContentError(problems)
    found = next((a for a in pub.all_articles() if a.source == rel), None)
    own = [p for p in problems if p.path == rel]
    if own:
        raise ContentError(own)
    if found is None:
        raise SignOffRefused(f"{rel} is not an article of this publication")
    if person not in pub.contributors:
        hint = did_you_mean_id(person, [*pub.contributors.values(), *pub.duplicates])
        raise SignOffRefused(f"no contributor '{person}' in content/contributors.yml{hint}")
    if person not in {*found.authors, *(c.id for c in found.credits)}:
        raise SignOffRefused(
            f"'{person}' is not credited on {rel}, so their sign-off would count for nothing; "
            "add them to its 'authors' or 'credits' first"
        )
    approved = approved_content(pub, found)
    text = digest(approved)
    record(root / rel, rel, person, on, text)
    changes.remember(root, approved)  # so that `status` can show what changes later
    return text


def _relative(root: Path, article: Path) -> str:
    """The article's path relative to the publication, from a path relative to cwd or root."""
    for candidate in (article, root / article):
        full = candidate.resolve()
        if full.is_file() and full.is_relative_to(root.resolve()):
            return full.relative_to(root.resolve()).as_posix()
    return article.as_posix()


def record(path: Path, shown: str, person: str, on: dt.date, text: str) -> None:
    """Set `person`'s sign-off in the file at `path` to (`on`, `text`), replacing theirs.

    Raises ContentError if the file cannot be read, its front matter is broken, or the
    edited front matter would not read back (then the file is left as it was).
    """
    text_now = read_text(path, shown)
    split = split_front_matter(text_now, shown)
    front = parse_yaml(split.yaml_text, shown, split.yaml_first_line)
    lines = text_now.split("\n")
    closing = split.body_first_line - 2  # index of the closing '---' line
    start, end = _block(front, closing)
    kept = [line for line in _entries(front) if not line.startswith(f"  - {{by: {person},")]
    entry = _entry(person, on.isoformat(), text)
    new_text = "\n".join(lines[:start] + ["sign_off:", *kept, entry] + lines[end:])
    new_split = split_front_matter(new_text, shown)
    parse_yaml(new_split.yaml_text, shown, new_split.yaml_first_line)  # proves it still reads
    write_over(path, new_text)


def _block(front: object, closing: int) -> tuple[int, int]:
    """Line indexes [start, end) of the existing sign_off block, or the closing fence."""
    if not isinstance(front, YMap) or "sign_off" not in front:
        return closing, closing
    start = front.key_locs["sign_off"].line - 1
    later = [loc.line - 1 for loc in front.key_locs.values() if loc.line - 1 > start]
    return start, min(later, default=closing)


def _entries(front: object) -> list[str]:
    """The existing sign-offs, one flow-style line each, as they will be rewritten."""
    if not isinstance(front, YMap) or not isinstance(front.get("sign_off"), list):
        return []
    lines = []
    for item in front["sign_off"]:
        if isinstance(item, YMap) and {"by", "on", "text"} <= set(item):
            lines.append(_entry(str(item["by"]), str(item["on"]), str(item["text"])))
    return lines


_PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]*")


def _entry(person: str, on: str, text: str) -> str:
    """One sign-off as a flow-style line; anything unusual is quoted so it reads back."""
    by, when, digest = (_scalar(v) for v in (person, on, text))
    return f"  - {{by: {by}, on: {when}, text: {digest}}}"


def _scalar(value: str) -> str:
    return value if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)

