"""The last word on what HTML from editors may contain, and where its links go.

Python-Markdown passes `<script>`, `onerror=` and `javascript:` links straight
through. Every body is cleaned here with nh3 against an allowlist before any
renderer writes it, and in the same pass each renderer maps the links editors wrote
(relative to their source file) to its own URLs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "aria-label"},  # only a footnote's way back: see _NAMED_LINK
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# The one name a link may carry, given at build time to each footnote's way back
# (load/body_markup.py); any other aria-label an editor writes is dropped, so a
# link's name is always its visible text.
_NAMED_LINK = re.compile(r"Back to the text of note \d+")

# Called as rewrite(attribute, value) for every href and src; None drops the attribute.
Rewrite = Callable[[str, str], "str | None"]


def clean_html(html: str, rewrite: Rewrite) -> str:
    """Allowlisted HTML with every href/src passed through `rewrite`."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return rewrite(attribute, value)
        if attribute == "aria-label":
            return value if _NAMED_LINK.fullmatch(value) else None
        return value

    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=attribute_filter,
    )
