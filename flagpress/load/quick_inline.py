"""Python-Markdown's inline passes, without trying patterns on texts they cannot match.

The inline pass tries each of its 15 patterns (code, escapes, footnotes, links,
images, angle-bracket links, line breaks, inline HTML, entities, emphasis) on every
text of a body in turn, and again on each piece a match leaves: 880 tries per body of
the benchmark archive, a third of converting it. Each of those patterns needs a mark
plain writing seldom has (a backtick, a backslash, a bracket, an angle bracket, an
ampersand, a star or an underscore, two spaces before a line end), so a pattern whose
marks are not in a text is passed by: it could not have matched, and a pattern that
does not match changes nothing. A pattern is passed by only when it is exactly the
one described here (its class and its regular expression, by digest): another
version of Python-Markdown or an extension's own pattern is always tried, as before.

smarty's pass (quotes, dashes and dots made typographic) is a second inline pass over
every text with 17 patterns, each needing a straight quote, two hyphens, three dots or
a pair of angle brackets; a text with none of them is passed by whole. Measured on the
benchmark archive's writing: smarty's share of converting a body fell from half to a
third. Tests convert texts using each pattern both ways and compare the HTML.
"""

from __future__ import annotations

import hashlib
import re

import markdown
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor

_SMARTY_MAY_CHANGE = re.compile(r"['\"]|--|\.\.\.|<<|>>")
SMARTY_PRIORITY = 6  # smarty's own, after the usual inline pass (see its extendMarkdown)
INLINE_PRIORITY = 20  # the usual inline pass's own (see Python-Markdown's treeprocessors)

# Each known pattern: the digest of its class and regular expression, and the marks one
# of which any match holds (a pattern with another digest is always tried).
KNOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "backtick": ("9b400af3d714993c", ("`",)),
    "escape": ("4a4a91ad6cb14e35", ("\\",)),
    "footnote": ("bfa5e6fc264483ac", ("[^",)),
    "reference": ("35987e605ce81504", ("[",)),
    "link": ("cbfbd10cd1991af3", ("[",)),
    "image_link": ("97ffb95bf50bd98f", ("![",)),
    "image_reference": ("fd2945ca422ff4b3", ("![",)),
    "short_reference": ("2448c53950934ff9", ("[",)),
    "short_image_ref": ("8edc25f3e6199c42", ("![",)),
    "autolink": ("c1568b68646df76b", ("<",)),
    "automail": ("d69f3a649aff8db6", ("<",)),
    "linebreak": ("41196956d716ea0f", ("  \n",)),
    "html": ("aa578087fcb6a1f4", ("<",)),
    "entity": ("d4c6f1ec257ec550", ("&",)),
    "delimiter": ("5768df21c03aab3c", ("*", "_")),
}


def pattern_digest(pattern: Pattern) -> str:
    """What a pattern is, for KNOWN: its class, by module and name, and its expression."""
    kind = type(pattern)
    text = f"{kind.__module__}.{kind.__qualname__}\0{pattern.compiled_re.pattern}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def needs(md: markdown.Markdown) -> list[tuple[str, ...]]:
    """For each inline pattern of `md`, in the order tried, the marks one of which any
    match holds (none: it is always tried)."""
    patterns = md.inlinePatterns
    found: list[tuple[str, ...]] = [()] * len(patterns)
    for name, (digest, marks) in KNOWN.items():
        if name in patterns:
            index = patterns.get_index_for_name(name)
            found[index] = marks if pattern_digest(patterns[index]) == digest else ()
    return found


class _QuickInline(InlineProcessor):
    """The usual inline pass, passing by the patterns a text lacks the marks of."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.needs = needs(md)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, markdown.util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        count = len(self.inlinePatterns)
        known = self.needs if len(self.needs) == count else [()] * count  # one added since
        start = 0
        while patternIndex < count:
            marks = known[patternIndex]
            if marks and not any(mark in data for mark in marks):
                matched = False  # what trying it would have found
            else:
                pattern = self.inlinePatterns[patternIndex]
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
                start = 0
        return data


class _QuickSmarty(InlineProcessor):
    """smarty's inline pass, passing by the texts none of its patterns could match."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not _SMARTY_MAY_CHANGE.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


def quicken(md: markdown.Markdown) -> None:
    """Replace the inline passes of `md` by the quick ones (a pass of another shape, or
    none, is left as it is)."""
    for name, priority, quick_kind in (
        ("inline", INLINE_PRIORITY, _QuickInline),
        ("smarty", SMARTY_PRIORITY, _QuickSmarty),
    ):
        slow = md.treeprocessors[name] if name in md.treeprocessors else None  # noqa: SIM401
        if not isinstance(slow, InlineProcessor) or type(slow) is not InlineProcessor:
            continue
        quick = quick_kind(md)
        quick.inlinePatterns = slow.inlinePatterns
        md.treeprocessors.register(quick, name, priority)
