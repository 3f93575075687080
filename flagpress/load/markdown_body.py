"""Markdown bodies to HTML, once per file, shared by every renderer.

Like Pelican's readers, flagpress converts each body when it is read: the HTML keeps
links exactly as the editor wrote them (each renderer maps them to its own URLs
later), and the links and images found are kept with their line numbers so that
validation can point editors at the exact place.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from flagpress.diagnostics import ContentError, Location
from flagpress.load.body_markup import BodyMarkup
from flagpress.load.body_outline import Outline, SourceIndex, source_index
from flagpress.load.quick_inline import quicken
from flagpress.load.stashed_text import readable
from flagpress.load.word_count import word_count
from flagpress.model import Body, Heading, Link

EXTENSIONS = [
    "footnotes",
    "tables",
    "toc",
    "sane_lists",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.caption",
    "pymdownx.betterem",
    # Typographic quotes, apostrophes, dashes and ellipses from what editors type
    # ("it's" -> it’s, -- -> –): Python-Markdown's own, on the web and in print alike.
    "smarty",
]
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # Editors write `/// pull-quote` blocks; notes are for asides.
    "pymdownx.blocks.admonition": {"types": ["note", "pull-quote"]},
    "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
}


class _LinkCollector(Treeprocessor):
    """Records every link and image target in document order."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[tuple[str, bool, str]] = []

    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                href = el.get("href", "")
                if not href.startswith("#"):
                    text = readable(self.md, "".join(el.itertext()))
                    self.found.append((href, False, text))
            elif el.tag == "img":
                self.found.append((el.get("src", ""), True, el.get("alt", "")))


class _CollectLinks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        self.collector = _LinkCollector(md)
        # After footnotes (50) and inline patterns (20) have made their elements.
        md.treeprocessors.register(self.collector, "flagpress_links", 1)


# Python-Markdown recurses once per level: a list nested 1,000 deep takes ~15 s and
# then crashes. No article needs more than a few levels.
MAX_DEPTH = 16
# A normal article converts in milliseconds; pathological input (20,000 '[') can take
# minutes. No single file may hang the build.
MAX_SECONDS = 5.0
_FENCE = re.compile(r"^\s*(```|~~~)")


class _TooSlow(Exception):
    pass


class BodyConverter:
    """A reusable Markdown converter (building one per file costs more than converting)."""

    def __init__(self) -> None:
        self._fresh()

    def _fresh(self) -> None:
        self._links = _CollectLinks()
        self._outline = Outline()
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, self._links, self._outline, BodyMarkup()],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        quicken(self._md)

    def convert(self, source: str, path: str, first_line: int) -> Body:
        """Convert `source` (the body of `path`, starting at file line `first_line`).

        Raises ContentError for bodies nested too deeply or too slow to convert. The
        time limit covers every step on the body, locating blocks and links included.
        """
        _check_depth(source, path, first_line)
        self._md.reset()
        self._links.collector.found = []
        try:
            with cpu_time_limit(MAX_SECONDS):
                return self._convert(source, path, first_line)
        except (_TooSlow, RecursionError):
            self._fresh()  # the old converter may be left half-way through
            raise ContentError(
                [
                    Location(path, first_line).error(
                        "too-slow",
                        f"this text could not be converted within {MAX_SECONDS:g} seconds; look "
                        "for very long runs of brackets, stars or nested lists and simplify them",
                    )
                ]
            ) from None

    def _convert(self, source: str, path: str, first_line: int) -> Body:
        html = self._md.convert(source)
        index = source_index(source)
        found = self._links.collector.found
        link_places = _locate([f[0] for f in found], index, path, first_line)
        links = tuple(
            Link(target, is_image, text, loc)
            for (target, is_image, text), loc in zip(found, link_places, strict=True)
        )
        stashed = self._md.htmlStash.rawHtmlBlocks
        raw = [s for s in stashed if isinstance(s, str) and _is_raw_tag(s)]
        raw_html = tuple(zip(raw, _locate(raw, index, path, first_line), strict=True))
        toc = tuple(Heading.of(token) for token in getattr(self._md, "toc_tokens", []))
        return Body(
            html=html,
            links=links,
            toc=toc,
            first_line=first_line,
            raw_html=raw_html,
            source=source,
            blocks=self._outline.blocks(source, path, first_line),
            words=word_count(source),
        )


def _check_depth(source: str, path: str, first_line: int) -> None:
    """Refuse lists and quotes nested deeper than MAX_DEPTH, outside code fences."""
    fenced = False
    for offset, line in enumerate(source.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        stripped = line.lstrip(" \t>")
        prefix = line[: len(line) - len(stripped)]
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 2
        if depth > MAX_DEPTH and stripped:
            raise ContentError(
                [
                    Location(path, first_line + offset).error(
                        "too-deeply-nested",
                        f"lists or quotes are nested more than {MAX_DEPTH} levels deep here; "
                        "use fewer levels",
                    )
                ]
            )


@contextmanager
def cpu_time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the body of the `with` after `seconds` of processor time.

    Processor time, not time on the clock: on a busy machine a long but ordinary
    article must not be refused because other programs had the processor. Only the
    main thread can take signals; elsewhere there is no limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _is_raw_tag(stashed: str) -> bool:
    """An opening HTML tag an editor typed (comments are notes, dropped from output)."""
    text = stashed.lstrip()
    return text.startswith("<") and not text.startswith(("<!--", "</"))


def _locate(snippets: list[str], index: SourceIndex, path: str, first_line: int) -> list[Location]:
    """Where each snippet was written, searching forward from the previous one.

    A snippet not found after the previous one is looked for from the top, but only
    while the text searched stays within a few times the body's size, so that many
    unfindable snippets (an entity in every link) cannot make this quadratic.
    """
    source = index.source
    budget = 6 * len(source) + 100_000  # characters that may be searched in all
    locations = []
    cursor = 0
    for snippet in snippets:
        at = -1
        for start in (cursor, 0) if snippet else ():
            if budget <= 0:
                break
            at = source.find(snippet, start)
            budget -= (at if at >= 0 else len(source)) - start
            if at >= 0:
                break
        if at >= 0:
            cursor = at + len(snippet)
            line, col = index.line_col(at)
            locations.append(Location(path, line + first_line - 1, col))
        else:
            locations.append(Location(path, first_line, 1))
    return locations


@functools.cache
def block_names() -> tuple[str, ...]:
    """The `/// name` blocks editors may write, as the converter knows them.

    Asked of the converter itself, so that the check for misspelt block names can
    never disagree with what is actually rendered.
    """
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    names: set[str] = set()
    for processor in md.parser.blockprocessors:
        names.update(getattr(processor, "blocks", {}))
    return tuple(sorted(names))


def outside_code(source: str) -> Iterator[tuple[int, str]]:
    """(line offset from 0, line) for each line of `source` outside fenced code.

    Checks that read the Markdown as written (blocks, footnotes) must not report what
    an article shows as code, e.g. an example of how to write a pull quote.
    """
    fenced = False
    for offset, line in enumerate(source.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield offset, line
