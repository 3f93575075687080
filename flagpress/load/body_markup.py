"""Article bodies' markup made right as they are converted, not afterwards, not by script.

Python-Markdown writes two things that a browser without our script (or a screen
reader in a hurry) gets wrong:

- a pull quote is an admonition: a div with a visually hidden "Pull Quote" label,
  which the search index picks up as text. It becomes what it is, a figure holding a
  blockquote (the print side keeps the blockquote: render/press/bodies.py).
- each footnote's way back is a bare "↩" (WCAG 2.4.4) and the notes have no heading
  to find them by. The way back gets the name its title already has ("Back to the
  text of note 1") and the notes a "Notes" heading; bodies' headings start at h2
  (checked at load), so the notes' heading is an h2 too.

Done on Python-Markdown's own tree, last of all its steps: parsing each converted
body again with an HTML5 parser to do this cost 2.6 s of CPU at 1,000 articles. The
result still goes through the sanitiser (render/sanitize.py), which lets these names
through and nothing like them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

NOTES_HEADING = "Notes"


class BodyMarkup(Extension):
    """The Python-Markdown extension: pull quotes as figures, footnotes headed and named."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # After everything, the link and outline collectors (1, 0.5) included: they read
        # the body as the editor wrote it, without the notes' heading.
        md.treeprocessors.register(_Markup(md), "flagpress_body_markup", 0.1)


class _Markup(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        _pull_quotes(root)
        _footnotes(root)


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _pull_quotes(root: ET.Element) -> None:
    """`<div class="admonition pull-quote">` -> `<figure class="fp-pull-quote"><blockquote>`."""
    for block in [div for div in root.iter("div") if "pull-quote" in _classes(div)]:
        quote = ET.Element("blockquote")
        quote.text = block.text
        for child in list(block):
            block.remove(child)
            if "admonition-title" in _classes(child):
                continue  # "Pull Quote": a label for no one, indexed by search
            quote.append(child)
        tail = block.tail
        block.clear()
        block.tail = tail
        block.tag = "figure"
        block.set("class", "fp-pull-quote")
        block.append(quote)


def _footnotes(root: ET.Element) -> None:
    for parent in root.iter():  # the root first
        for index, child in enumerate(list(parent)):
            if child.tag != "div" or "footnote" not in _classes(child):
                continue
            for back in child.iter("a"):
                if "footnote-backref" in _classes(back) and back.get("title"):
                    back.set("aria-label", back.get("title") or "")
            heading = ET.Element("h2", {"class": "fp-notes-heading"})
            heading.text = NOTES_HEADING
            heading.tail = "\n"
            parent.insert(index, heading)
            return  # Python-Markdown writes one list of notes, at the end
