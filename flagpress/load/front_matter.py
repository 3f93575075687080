"""Splitting a Markdown file into its YAML front matter and its body.

MkDocs publishes front matter it cannot parse as page text, private notes and all.
flagpress instead insists on a clearly delimited block and reports exactly what is
wrong with it, so nothing meant as metadata can end up on a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flagpress.diagnostics import ContentError, Location

FENCE = "---"
CLOSERS = ("---", "...")


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_first_line: int
    body: str
    body_first_line: int


def split_front_matter(text: str, path: str) -> Split:
    """Separate `---` fenced YAML from the Markdown body, or raise ContentError."""
    if not text.strip():
        raise ContentError(
            [
                Location(path).error(
                    "empty-file", "this file is empty; add the details at the top and the text"
                )
            ]
        )
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise ContentError(
            [
                Location(path).error(
                    "no-front-matter",
                    "the file must start with a line '---', then the title and other "
                    "details, then another '---' line",
                )
            ]
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in CLOSERS:
            return Split(
                yaml_text="\n".join(lines[1 : number - 1]),
                yaml_first_line=2,
                body="\n".join(lines[number:]),
                body_first_line=number + 1,
            )
    raise ContentError(
        [
            Location(path).error(
                "unclosed-front-matter",
                "the details at the top of the file start here but are never closed; add a "
                "line '---' after the last detail and before the text",
            )
        ]
    )
