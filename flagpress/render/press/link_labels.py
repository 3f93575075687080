"""What each link in a tagged PDF says about where it goes.

PDF/UA asks every link annotation for a description (/Contents), which screen
readers announce. WeasyPrint 70 writes the link's raw target there: an internal id
such as `article-foreword`, or a web address. This finisher replaces it with words:
"Go to “Co-production in practice”, page 3", "Web page: https://example.org/" or
"Email flag@example.org".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pydyf
from weasyprint.document import Document

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def anchor_labels(tree: ET.Element) -> dict[str, str]:
    """A reader's name for each anchor in the print HTML: the heading it starts with
    (an article's or section's title), or the heading itself."""
    labels = {}
    for element in tree.iter():
        anchor = element.get("id")
        if not anchor or not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        heading = element if tag in HEADINGS else _first_heading(element)
        if heading is not None:
            labels[anchor] = " ".join("".join(heading.itertext()).split())
    return labels


def _first_heading(element: ET.Element) -> ET.Element | None:
    for child in element.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in HEADINGS:
            return child
    return None


def describe_links(pdf: pydyf.PDF, document: Document, labels: dict[str, str]) -> int:
    """Give every link annotation a description in words; returns how many were set."""
    pages = {name: number for number, page in enumerate(document.pages, 1) for name in page.anchors}
    described = 0
    for reference in pdf.pages["Kids"][::3]:
        page = pdf.objects[reference]
        for annotation in [_get(pdf, a) for a in page.get("Annots", [])]:
            if annotation.get("Subtype") != "/Link":
                continue
            text = _describe(annotation, labels, pages)
            if text:
                annotation["Contents"] = pydyf.String(text)
                described += 1
    return described


def _describe(annotation: dict, labels: dict[str, str], pages: dict[str, int]) -> str | None:
    destination = annotation.get("Dest")
    if isinstance(destination, pydyf.String):
        name = destination.string
        where = labels.get(name, "another part of this magazine")
        page = pages.get(name)
        return f"Go to “{where}”" + (f", page {page}" if page else "")
    action = annotation.get("A")
    if isinstance(action, dict) and isinstance(action.get("URI"), pydyf.String):
        address = action["URI"].string
        if address.startswith("mailto:"):
            return f"Email {address.removeprefix('mailto:')}"
        return f"Web page: {address}"
    return None


def _get(pdf: pydyf.PDF, reference: Any) -> Any:
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return reference
