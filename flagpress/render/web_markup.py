"""Article bodies' markup made right for the web at build time, not by script.

Python-Markdown writes two things that a browser without our script (or a screen
reader in a hurry) gets wrong:

- a pull quote is an admonition: a div with a visually hidden "Pull Quote" label,
  which the search index picks up as text. On the web it becomes what it is, a
  figure holding a blockquote (the print side does its own: render/press/bodies.py).
- each footnote's way back is a bare "↩" (WCAG 2.4.4) and the notes have no heading
  to find them by. The way back gets the name its title already has ("Back to the
  text of note 1") and the notes a "Notes" heading; bodies' headings start at h2
  (checked at load), so the notes' heading is an h2 too.

The result still goes through the sanitiser (render/sanitize.py), which lets these
names through and nothing like them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tinyhtml5.parser import HTMLParser

NOTES_HEADING = "Notes"


def web_markup(html: str) -> str:
    """`html` with pull quotes as figures and footnotes headed and their links named."""
    if "pull-quote" not in html and "footnote" not in html:
        return html  # most bodies: nothing to parse
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(html)
    _pull_quotes(fragment)
    _footnotes(fragment)
    inner = "".join(ET.tostring(child, encoding="unicode", method="html") for child in fragment)
    return _escape_text(fragment.text or "") + inner


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _pull_quotes(fragment: ET.Element) -> None:
    """`<div class="admonition pull-quote">` -> `<figure class="fp-pull-quote"><blockquote>`."""
    for block in [div for div in fragment.iter("div") if "pull-quote" in _classes(div)]:
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


def _footnotes(fragment: ET.Element) -> None:
    for parent in [fragment, *fragment.iter()]:
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


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
