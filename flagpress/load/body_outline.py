"""The outline of a Markdown body: its headings, tables and paragraphs, with lines.

The accessibility checks (heading levels, table headers) and the plain-language
measures (sentences) read this outline rather than the HTML, so each problem can be
reported at the line the editor wrote. It is collected from Python-Markdown's tree
while the body is converted (one walk, no second parse), then each block is found in
the source by its first words.

Finding blocks must stay linear in the size of the body: an article of 5,000 short
paragraphs once took minutes, because each block compiled a regex and scanned the
rest of the source (and counted lines from the top). The source is now read into
word n-grams and line starts once, and each block is a dictionary lookup and a
binary search.
"""

from __future__ import annotations

import bisect
import functools
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from flagpress.diagnostics import Location
from flagpress.load.stashed_text import readable
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
        # As readers see it (load/stashed_text.py): sentences are measured and quoted so.
        self.found = [
            (kind, level, " ".join(readable(self.md, text).split()))
            for kind, level, text in self.found
        ]

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
        out: list[Block] = []
        cursor = 0
        index = source_index(source)
        for kind, level, text in self.collector.found:
            at = index.find(text, cursor, kind)
            if at is None:
                loc = Location(path, first_line if not out else out[-1].loc.line)
            else:
                cursor = at + 1
                line, col = index.line_col(at)
                loc = Location(path, line + first_line - 1, col if kind == "prose" else 1)
            out.append(Block.at(kind, text, loc, level))
        return tuple(out)


def find(text: str, source: str, cursor: int = 0, kind: str = "prose") -> int | None:
    """Where `text` starts in the Markdown `source`, searching forward from `cursor`.

    Matched by its first few words with any markup between them, then by fewer words
    (a link's target can split them); a heading or table with no words, by its marker.
    """
    return source_index(source).find(text, cursor, kind)


@functools.lru_cache(maxsize=8)  # the body being checked, looked up once per block
def source_index(source: str) -> SourceIndex:
    return SourceIndex(source)


class SourceIndex:
    """A Markdown source read once: its words, runs of words, markers and line starts.

    Each lookup is a dictionary access and a binary search, so locating every block of
    a body costs time in proportion to its size, however many blocks it has.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._words: list[str] = _WORD.findall(source)
        self._starts = [m.start() for m in _WORD.finditer(source)]
        self._runs: dict[int, dict[tuple[str, ...], list[int]]] = {}
        self._markers: dict[str, list[int]] = {}
        self._lines = [0] + [m.end() for m in re.finditer("\n", source)]

    def find(self, text: str, cursor: int = 0, kind: str = "prose") -> int | None:
        """As `find` above, for this source."""
        words = tuple(_WORD.findall(text)[:_FIRST_WORDS])
        first = bisect.bisect_left(self._starts, cursor)
        for size in range(len(words), 0, -1):
            at = self._next(self._run_index(size).get(words[:size], []), first)
            if at is not None:
                return self._starts[at]
        marker = {"heading": _ATX, "table": _TABLE_ROW}.get(kind)
        return None if marker is None else self._next(self._marker_index(marker), cursor)

    def line_col(self, at: int) -> tuple[int, int]:
        """Line and column (from 1) of offset `at`."""
        line = bisect.bisect_right(self._lines, at)
        return line, at - self._lines[line - 1] + 1

    def _run_index(self, size: int) -> dict[tuple[str, ...], list[int]]:
        """Where each run of `size` words starts (word numbers, ascending); built once."""
        if size not in self._runs:
            runs: dict[tuple[str, ...], list[int]] = {}
            shifted = (self._words[k:] for k in range(size))  # runs made by zip, in C: ends early
            for i, run in enumerate(zip(*shifted, strict=False)):
                runs.setdefault(run, []).append(i)
            self._runs[size] = runs
        return self._runs[size]

    def _marker_index(self, marker: re.Pattern[str]) -> list[int]:
        if marker.pattern not in self._markers:
            self._markers[marker.pattern] = [m.start() for m in marker.finditer(self.source)]
        return self._markers[marker.pattern]

    @staticmethod
    def _next(positions: list[int], at_least: int) -> int | None:
        i = bisect.bisect_left(positions, at_least)
        return positions[i] if i < len(positions) else None


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
