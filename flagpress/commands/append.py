"""Adding to an editor's YAML file as text: an article to a running order, a person to
contributors.yml.

Editors' files carry comments, their own layout and key order; re-dumping the YAML
would lose all of that. So the new item is inserted as text, the rest of the file is
kept byte for byte (line endings and byte-order mark included), and the result is
read back to prove that it says exactly what was meant before it replaces the file,
atomically. When the list is written in a way this cannot follow, nothing is written
and the message says what to add by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flagpress.commands.rewrite import write_over
from flagpress.diagnostics import UsageError
from flagpress.load.source_files import read_text
from flagpress.load.strict_yaml import YList, YMap, YStr, parse_yaml


class CannotAppend(UsageError):
    """The file could not be extended safely; nothing was written (a usage error)."""


def add_to_running_order(path: Path, shown: str, file_name: str) -> Callable[[], None]:
    """Plan appending `file_name` to the `articles:` list of the issue.yml at `path`.

    Everything is worked out and proved first (raising CannotAppend, with nothing
    written); the returned function writes it, so the article and its place in the
    running order are made together or not at all.
    """
    text = read_text(path, shown)
    before = _running_order(text, shown)
    if before is None:
        raise CannotAppend(f"{shown} has no 'articles:' list; add {file_name} to it yourself")
    new_text = _insert(text, before, file_name)
    after = _running_order(new_text, shown) if new_text is not None else None
    if after is None or [str(a) for a in after] != [*map(str, before), file_name]:
        raise CannotAppend(
            f"could not add {file_name} to 'articles:' in {shown}; add it there yourself, "
            "in the place it should appear"
        )
    return lambda: write_over(path, new_text or text)


def add_contributor(path: Path, shown: str, entry: list[str], person: str) -> None:
    """Append `entry` (the lines of one `- id: ...` item) to the list at `path`."""
    text = read_text(path, shown)
    people = parse_yaml(text, shown)
    if people is not None and not isinstance(people, YList):
        raise CannotAppend(f"{shown} is not a list of people; add the new person yourself")
    ids = [str(p.get("id")) for p in people or [] if isinstance(p, YMap)]
    if person in ids:
        raise CannotAppend(f"there is already a contributor '{person}' in {shown}")
    if people and text.lstrip().startswith("["):
        raise CannotAppend(f"{shown} is written as one '[...]' list; add the new person yourself")
    separator = (
        "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    )
    new_text = text + separator + "\n".join(entry) + "\n"
    after = parse_yaml(new_text, shown)
    if not isinstance(after, YList) or [str(p.get("id")) for p in after] != [*ids, person]:
        raise CannotAppend(f"could not add '{person}' to {shown}; add them yourself")
    write_over(path, new_text)


def _running_order(text: str, shown: str) -> YList | None:
    issue = parse_yaml(text, shown)
    if not isinstance(issue, YMap) or not isinstance(issue.get("articles"), YList):
        return None
    return issue["articles"]


def _insert(text: str, order: YList, file_name: str) -> str | None:
    """`text` with `file_name` added after the last item of `order`, in its own style."""
    lines = text.split("\n")
    start = order.loc.line - 1
    if lines[start][order.loc.col - 1 :].startswith("["):  # a flow list: [a.md, b.md]
        if not order:
            col = order.loc.col
            lines[start] = lines[start][:col] + file_name + lines[start][col:]
            return "\n".join(lines)
        last = order[-1]
        if not isinstance(last, YStr):
            return None
        row = last.loc.line - 1
        end = _end_of(lines[row], last)
        lines[row] = lines[row][:end] + f", {file_name}" + lines[row][end:]
        return "\n".join(lines)
    if not order or not isinstance(order[-1], YStr):
        return None
    row = order[-1].loc.line - 1
    dash = lines[row].find("- ")
    if dash < 0 or lines[row][:dash].strip():
        return None
    lines.insert(row + 1, lines[row][:dash] + "- " + file_name)
    return "\n".join(lines)


def _end_of(line: str, item: YStr) -> int:
    """Where `item`, written in `line` from its column, ends (after any closing quote)."""
    start = item.loc.col - 1
    if item.plain:
        return start + len(item)
    quote, at = line[start], start + 1
    while at < len(line):
        if quote == '"' and line[at] == "\\":
            at += 2
            continue
        if line[at] == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":  # '' is a quote inside ''
                at += 2
                continue
            return at + 1
        at += 1
    return len(line)

