"""The outline of a Markdown body: its headings, tables and paragraphs, with lines.

The accessibility checks (heading levels, table headers) and the plain-language
measures (sentences) read this outline rather than the HTML, so each problem can be
reported at the line the editor wrote. It is collected from Python-Markdown's tree
while the body is converted (one walk, no second parse), then each block is found in
the source by its first words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from flagpress.diagnostics import Location
from flagpress.model import Block

_HEADINGS = {f"h{n}" for n in range(1, 7)}
_LISTS = {"ul", "ol"}
_BLOCKS = {"p", "div", "ul", "ol", "table", "blockquote", "figure", *_HEADINGS}
_WORD = re.compile(r"[^\W_]+")
_ATX = re.compile(r"^ {0,3}#{1,6}(?!#)", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|", re.M)
_FIRST_WORDS = 4


class _Collector(Treeprocessor):
    """Walks the finished tree once; `found` is (kind, level, text) in reading order."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[tuple[str, int, str]] = []

    def run(self, root: ET.Element) -> None:
        self.found = []
        self._walk(root)

    def _walk(self, parent: ET.Element) -> None:
        for el in parent:
            classes = el.get("class", "").split()
            if el.tag in _HEADINGS:
                self.found.append(("heading", int(el.tag[1]), _text(el)))
            elif el.tag == "table":
                self.found.append(("table", 0, _header(el)))
            elif el.tag == "p" and "admonition-title" not in classes:
                self.found.append(("prose", 0, _text(el)))
            elif el.tag == "li" and not any(c.tag in _BLOCKS - _LISTS for c in el):
                self.found.append(("prose", 0, _text(el)))
                self._walk(el)  # its nested lists
            elif el.tag != "figcaption" and "footnote" not in classes:
                self._walk(el)  # captions and footnotes are not running text


class Outline(Extension):
    """A Python-Markdown extension; after each conversion, `blocks()` gives the outline."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        self.collector = _Collector(md)
        # Last, like the link collector: footnotes and inline markup are in the tree.
        md.treeprocessors.register(self.collector, "flagpress_outline", 0.5)

    def blocks(self, source: str, path: str, first_line: int) -> tuple[Block, ...]:
        """The last conversion's blocks, each located in `source` (file line `first_line`)."""
        out = []
        cursor = 0
        for kind, level, text in self.collector.found:
            at = find(text, source, cursor, kind)
            if at is None:
                loc = Location(path, first_line if not out else out[-1].loc.line)
            else:
                cursor = at + 1
                line = source.count("\n", 0, at) + first_line
                start = source.rfind("\n", 0, at) + 1
                col = 1 if kind != "prose" else at - start + 1
                loc = Location(path, line, col)
            out.append(Block(kind, text, loc, level))
        return tuple(out)


def find(text: str, source: str, cursor: int = 0, kind: str = "prose") -> int | None:
    """Where `text` starts in the Markdown `source`, searching forward from `cursor`.

    Matched by its first few words with any markup between them, then by fewer words
    (a link's target can split them); a heading or table with no words, by its marker.
    """
    words = _WORD.findall(text)[:_FIRST_WORDS]
    while words:
        pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)))
        found = pattern.search(source, cursor)
        if found:
            return found.start()
        words = words[:-1]
    marker = {"heading": _ATX, "table": _TABLE_ROW}.get(kind)
    found = marker.search(source, cursor) if marker else None
    return found.start() if found else None


def _text(el: ET.Element) -> str:
    """The words of an element, without footnote numbers or nested lists."""
    parts = [el.text or ""]
    for child in el:
        footnote = child.tag == "sup" and child.get("id", "").startswith("fnref")
        if child.tag not in _LISTS and not footnote:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _header(table: ET.Element) -> str:
    cells = [_text(cell) for cell in table.iter("th")]
    return " | ".join(cells)
