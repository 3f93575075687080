"""The tagged editions' structure tree, made to read as the magazine is read.

WeasyPrint 70 builds the structure tree page by page: an article that runs over
three pages becomes three /Art elements (a table over two pages, two /Table), a
footnote becomes a span at the document's top level, between the pages' contents,
and the contents page is an ordinary list. A screen reader then announces each
article again at every page turn and reads the notes wherever a page happens to end.
This finisher mends the tree before the PDF is written:

- the fragments of one HTML element on consecutive pages (or lines: a link that
  wraps) become one element, and a table's header row, repeated on each page, is
  read once (the repeats become artifacts);
- each footnote becomes a /Note inside its article, right after the paragraph that
  cites it (its marker in the text a /Reference);
- the contents list becomes a /TOC of /TOCI entries.

To know which HTML element each structure element came from, WeasyPrint's tree
builder is watched while it runs (`watching_tags`): it is a private function, so the
version is pinned in pyproject.toml, and tests read the finished tree back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

Origins = dict[int, Any]  # id() of a structure element -> the layout box it was made for
Element = Any  # a pydyf.Dictionary of /Type /StructElem (pydyf has no type for it)

BLOCKS = {"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LI", "/LBody", "/TD", "/TH"}
BLOCKS |= {"/BlockQuote", "/Caption", "/Div", "/Art", "/Sect"}
REPEATED = {"/THead", "/TFoot"}  # repeated on every page a table runs over


@contextmanager
def watching_tags() -> Iterator[Origins]:
    """While active, record the box behind every structure element WeasyPrint makes."""
    origins: Origins = {}
    original = tags._build_box_tree

    def build(box: Any, *args: Any) -> Iterator[pydyf.Dictionary]:
        for element in original(box, *args):
            origins.setdefault(id(element), box)  # the innermost box: html and body pass theirs on
            yield element

    tags._build_box_tree = build
    try:
        yield origins
    finally:
        tags._build_box_tree = original


def mend_structure(pdf: pydyf.PDF, origins: Origins) -> None:
    """Notes into their articles, split elements joined, the contents as a TOC."""
    root = pdf.catalog.get("StructTreeRoot")
    if root is None or not origins:
        return
    tree = Tree(pdf, origins)
    document = tree.get(tree.get(root)["K"][0])
    tree.place_notes(document)
    tree.join_fragments(document)
    tree.tag_contents(document)


class Tree:
    """The structure elements of one PDF, with what is needed to move them safely."""

    def __init__(self, pdf: pydyf.PDF, origins: Origins) -> None:
        self.pdf, self.origins = pdf, origins
        nums = self.get(self.get(pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
        self.parent_tree: list[Any] = nums

    def get(self, reference: object) -> Any:
        if isinstance(reference, bytes) and reference.endswith(b" R"):
            return self.pdf.objects[int(reference.split()[0])]
        return reference

    def kids(self, element: Element) -> list[Any]:
        kids = element.get("K")
        return kids if isinstance(kids, list) else []

    def box(self, element: object) -> Any:
        return self.origins.get(id(element))

    def html(self, element: object) -> Any:
        box = self.box(element)
        return None if box is None else box.element

    def classes(self, element: object) -> set[str]:
        node = self.html(element)
        return set((node.get("class") or "").split()) if node is not None else set()

    def walk(self, element: Element) -> Iterator[Element]:
        """Every element under `element`, depth first, in reading order."""
        for kid in self.kids(element):
            child = self.get(kid)
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                yield child
                yield from self.walk(child)

    # Footnotes -------------------------------------------------------------------

    def place_notes(self, document: Element) -> None:
        """Each note's element, found in a page's footnote area, moved after the
        block that cites it, as a /Note; the area itself leaves the tree."""
        calls = {}
        for element in self.walk(document):
            box = self.box(element)
            if box is not None and (box.element_tag or "").endswith("::footnote-call"):
                element["S"] = "/Reference"
                calls[id(box.element)] = element
        for area in [self.get(k) for k in list(self.kids(document))]:
            if not isinstance(self.box(area), boxes.FootnoteAreaBox):
                continue
            for kid in list(self.kids(area)):
                note = self.get(kid)
                call = calls.get(id(self.html(note)))
                if call is not None:
                    self.kids(area).remove(kid)
                    note["S"] = "/Note"
                    note["ID"] = pydyf.String(f"note-{note.reference.split()[0].decode()}")
                    self.insert_after_block(call, note)
            if not self.kids(area):
                self.kids(document).remove(area.reference)

    def insert_after_block(self, call: Element, note: Element) -> None:
        """Put `note` right after the nearest block (paragraph, list item...) holding `call`."""
        block = self.get(call["P"])
        while self.get(block.get("P")).get("Type") == "/StructElem" and block["S"] not in BLOCKS:
            block = self.get(block["P"])
        parent = self.get(block["P"])
        siblings = self.kids(parent)
        siblings.insert(siblings.index(block.reference) + 1, note.reference)
        note["P"] = parent.reference

    # Elements split over pages -----------------------------------------------------

    def join_fragments(self, element: Element) -> None:
        """Join neighbouring kids that are fragments of one HTML element, at every level."""
        kids = self.kids(element)
        index, headers = 1, set()
        while index < len(kids):
            before, after = self.get(kids[index - 1]), self.get(kids[index])
            if isinstance(before, dict) and before.get("S") in REPEATED:
                headers.add(id(self.html(before)))
            if self.same_element(before, after):
                self.absorb(before, after)
                del kids[index]
            elif (
                isinstance(after, dict)
                and after.get("S") in REPEATED
                and (id(self.html(after)) in headers)
            ):  # a table's header row printed again on the next page: read once
                del kids[index]
            else:
                index += 1
        for kid in kids:
            child = self.get(kid)
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                self.join_fragments(child)

    def same_element(self, before: object, after: object) -> bool:
        if not (isinstance(before, dict) and isinstance(after, dict)):
            return False
        if before.get("S") != after.get("S"):
            return False
        first, second = self.box(before), self.box(after)
        if first is None or second is None or first.element is None:
            return False
        return first.element is second.element and first.element_tag == second.element_tag

    def absorb(self, keep: Element, gone: Element) -> None:
        """Move `gone`'s kids into `keep`, pointing everything that named `gone` at `keep`."""
        for kid in self.kids(gone):
            if isinstance(kid, int) and gone["Pg"] != keep["Pg"]:  # say which page it is on
                kid = pydyf.Dictionary({"Type": "/MCR", "Pg": gone["Pg"], "MCID": kid})
            child = self.get(kid)
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                child["P"] = keep.reference
            elif isinstance(child, dict) and child.get("Type") == "/OBJR":
                child.setdefault("Pg", gone["Pg"])
            keep["K"].append(kid)
        self.repoint(gone.reference, keep.reference)

    def repoint(self, old: bytes, new: bytes) -> None:
        for index, value in enumerate(self.parent_tree):
            if value == old:
                self.parent_tree[index] = new
            elif isinstance(value, list):
                value[:] = [new if item == old else item for item in value]

    # Contents ------------------------------------------------------------------------

    def tag_contents(self, document: Element) -> None:
        """The contents list as /TOC, each entry a /TOCI; empty leaders leave the tree."""
        for element in list(self.walk(document)):
            if "fp-contents__list" not in self.classes(element):
                continue
            element["S"] = "/TOC"
            for kid in self.kids(element):
                entry = self.get(kid)
                if entry.get("S") == "/LI":
                    entry["S"] = "/TOCI"
                    for body in [self.get(k) for k in self.kids(entry)]:
                        if body.get("S") == "/LBody":
                            body["S"] = "/NonStruct"
            self.drop_empty(element)

    def drop_empty(self, element: Element) -> None:
        """Structure elements with nothing in them (the leaders' spans) are removed."""
        for kid in list(self.kids(element)):
            child = self.get(kid)
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                self.drop_empty(child)
                if not self.kids(child):
                    self.kids(element).remove(kid)
