"""Text of Python-Markdown's tree as readers see it, without its placeholders.

Python-Markdown keeps some HTML out of the tree until the page is written, leaving a
placeholder (STX "wzxhzdk:N" ETX) in the text: smarty's curly quotes, dashes and dots,
and inline HTML. The checks read the tree's text (sentences, link text), so each
placeholder is replaced by the text of what it holds: the sentence 'it’s here' is
measured, quoted in a problem and compared as written, never as 'it wzxhzdk 1 s here'.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown

_STASHED = re.compile(re.escape(markdown.util.HTML_PLACEHOLDER).replace(re.escape("%s"), r"(\d+)"))
_TAG = re.compile(r"<[^>]*>")


def readable(md: markdown.Markdown, text: str) -> str:
    """`text` from `md`'s tree with each placeholder replaced by the text it stands for."""
    if markdown.util.STX not in text:
        return text
    stashed = md.htmlStash.rawHtmlBlocks

    def shown(match: re.Match[str]) -> str:
        number = int(match.group(1))
        held = stashed[number] if number < len(stashed) else ""
        markup = held if isinstance(held, str) else ET.tostring(held, encoding="unicode")
        return html.unescape(_TAG.sub("", markup))

    return _STASHED.sub(shown, text)
