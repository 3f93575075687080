"""`flagpress check PATH...`: the problems of some files or folders only.

An editor working on one article, or one issue, wants its problems without a page of
everyone else's. The whole publication is still read and checked (a file's problems
can depend on others: a contributor's consent, an issue's running order); only what
is shown is narrowed, to problems whose file is one of the paths or inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from flagpress.diagnostics import Problem, UsageError

READING_EASE_INDENT = "  "  # plain_language.report: a heading, then "  path: figures"


class UnknownPath(UsageError):
    """A path given to `check` is not a file or folder of the publication."""


def wanted_paths(root: Path, paths: Sequence[Path]) -> list[str] | None:
    """The paths given, relative to the publication root; None means everything.

    A path may be written from the current folder or from the publication root.
    """
    if not paths:
        return None
    wanted = [_inside(root, path) for path in paths]
    return None if "" in wanted else wanted


def _inside(root: Path, path: Path) -> str:
    top = root.resolve()
    found = [c.resolve() for c in (path, root / path) if c.exists()]
    for full in found:
        if full.is_relative_to(top):
            rel = full.relative_to(top).as_posix()
            return "" if rel == "." else rel
    if found:
        raise UnknownPath(
            f"'{path}' is outside the publication ({root}); give a file or folder inside it"
        )
    raise UnknownPath(
        f"'{path}' does not exist; give the path of an article, a page or an issue folder "
        "(from here, or from the publication folder)"
    )


def is_wanted(path: str, wanted: list[str] | None) -> bool:
    """Whether a file (relative to the root) is one of `wanted` or inside one of them."""
    if wanted is None:
        return True
    parents = {path, *(p.as_posix() for p in PurePosixPath(path).parents)}
    return any(w in parents for w in wanted)


def problems_of(problems: list[Problem], wanted: list[str] | None) -> list[Problem]:
    """Only the problems in the wanted files and folders."""
    return [p for p in problems if is_wanted(p.path, wanted)]


def reading_ease_of(lines: list[str], wanted: list[str] | None) -> list[str]:
    """The reading-ease report cut to the wanted files; nothing if none is left."""
    kept = [
        line
        for line in lines[1:]
        if is_wanted(line.removeprefix(READING_EASE_INDENT).rpartition(": reading ease")[0], wanted)
    ]
    return [lines[0], *kept] if kept else []
