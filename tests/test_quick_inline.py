"""Python-Markdown's inline passes pass by the patterns a text cannot match
(load/quick_inline.py): every body converts to exactly the HTML the plain passes give,
whichever patterns it uses, and a pattern flagpress does not know is always tried."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flagpress.load import markdown_body, quick_inline
from flagpress.load.front_matter import split_front_matter

REPO = Path(__file__).resolve().parent.parent

# Each body uses one of smarty's triggers alone (a straight quote, two or three hyphens,
# three dots), in every kind of text a body has; the last mix them all.
SMARTY_BODIES = [
    "It's the group's choice.",
    'She said "yes" and left.',
    "The '90s were hard. 'Tis true.",
    "Costs rose -- again.",
    "Costs rose --- again.",
    "We waited...",
    "# Who's who\n\nText.",
    "- it's one\n- \"two\"\n- three -- four",
    "| Who | What |\n|---|---|\n| Ann's | \"x\" -- y... |",
    "A [link's text](https://example.org) and *'quoted' emphasis*.",
    "A note.[^1]\n\n[^1]: The council's \"own\" words -- later...",
    "Code `it's \"raw\" -- here...` stays as written.",
    "> \"Nothing about us without us\" -- the group's motto...",
    "Plain words with no marks at all.",
    "<<angled>> and a - single hyphen and two dots..",
]
# Each of the usual inline patterns, alone, nested in others, and after others' matches.
INLINE_BODIES = [
    "Some `code` and ``double `ticks` code`` and \\`not code`.",
    "Escaped \\*stars\\* and \\[brackets\\] and \\\\ a backslash.",
    "A note[^n] and [^missing].\n\n[^n]: With *emphasis* and a [link](https://a.org).",
    "A [link](https://example.org \"title\") and [a *nested* one](b.md) and [ref][r].\n\n"
    "[r]: https://example.org/ref",
    "A [short ref] and [Short Ref][] here.\n\n[short ref]: https://example.org/s",
    "An ![image](pic.png \"t\") and ![ref image][i] and ![i].\n\n[i]: pic.png",
    "Mail <someone@example.org> and a link <https://example.org/x?a=1&b=2>.",
    "A line break  \nafter two spaces, and none\nhere.",
    "Inline <span class=\"x\">HTML</span>, a <!-- comment -->, <br/> and 3 < 4 > 2.",
    "Entities &amp; &#169; &#x00A9; &copy; and a bare & sign.",
    "*em* _em_ **strong** __strong__ ***both*** snake_case_word and 2 * 3 * 4.",
    "**[bold link](x.md)** and *emphasis with `code` in it* and _[a](b.md)_.",
    "[![image in a link](pic.png)](https://example.org) and [link with &amp;](x.md).",
    "Star* alone, underscore_ alone, [ alone, ] alone, < alone, ` alone, \\ alone.",
    "A footnote in *emphasis[^e]* and in a [link[^e]](x.md).\n\n[^e]: Note.",
    "- item with *em*\n- item with [link](x.md)\n\n> quote with `code` and &amp;",
    "| a | b |\n|---|---|\n| *x* | [y](z.md) |\n| `c` | <b>d</b> |",
]


def _convert_all(bodies: list[str]) -> list[object]:
    converter = markdown_body.BodyConverter()
    return [converter.convert(body, "content/x.md", 10) for body in bodies]


def _sample_bodies() -> list[str]:
    return [
        split_front_matter(path.read_text(encoding="utf-8"), path.name).body
        for path in sorted((REPO / "content").rglob("*.md"))
    ]


@pytest.mark.parametrize(
    "bodies",
    [SMARTY_BODIES, INLINE_BODIES, _sample_bodies()],
    ids=["smarty-patterns", "inline-patterns", "sample"],
)
def test_every_body_converts_as_the_plain_passes_convert_it(
    bodies: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _convert_all(bodies)
    monkeypatch.setattr(markdown_body, "quicken", lambda _md: None)
    plain = _convert_all(bodies)
    assert quick == plain


def test_every_pattern_of_both_passes_is_known() -> None:
    md = markdown_body.BodyConverter()._md  # noqa: SLF001 - the converter's own Markdown
    for name in ("inline", "smarty"):
        quick = md.treeprocessors[name]
        assert type(quick).__name__ == "_QuickInline"
        assert all(quick_inline.needs(quick.inlinePatterns)), f"{name}: see KNOWN"


def test_smarty_still_makes_quotes_dashes_and_dots_typographic() -> None:
    html = [body.html for body in _convert_all(SMARTY_BODIES[:6])]  # type: ignore[attr-defined]
    assert "It&rsquo;s the group&rsquo;s choice." in html[0]
    assert "&ldquo;yes&rdquo;" in html[1]
    assert "&ndash;" in html[3] and "&mdash;" in html[4] and "&hellip;" in html[5]


def test_a_pattern_changed_since_is_always_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern whose expression is not the one KNOWN describes (another version of
    Python-Markdown) is tried on every text, even one without the marks KNOWN lists."""
    converter = markdown_body.BodyConverter()
    md = converter._md  # noqa: SLF001 - the converter's own Markdown
    entity = md.inlinePatterns["entity"]
    monkeypatch.setattr(entity, "compiled_re", re.compile(r"(?P<x>(c)opy)", re.DOTALL))
    needs = quick_inline.needs(md.inlinePatterns)
    assert needs[md.inlinePatterns.get_index_for_name("entity")] == ()
    converter.convert("No ampersand: copy here.", "content/x.md", 1)
    assert md.htmlStash.rawHtmlBlocks == ["copy"]  # it matched a text without "&"


def test_a_pattern_registered_after_set_up_is_always_tried() -> None:
    """A pattern put in a known pattern's place later (same number of patterns) is
    tried as any unknown one: what is known is worked out again for each body."""
    converter = markdown_body.BodyConverter()
    md = converter._md  # noqa: SLF001 - the converter's own Markdown
    converter.convert("A *first* body.", "content/x.md", 1)
    entity = md.inlinePatterns["entity"]
    md.inlinePatterns.deregister("entity")
    replacement = type(entity)(r"(?P<x>(c)opy)", md)
    md.inlinePatterns.register(replacement, "entity", 80)
    converter.convert("No ampersand: copy here.", "content/x.md", 1)
    assert md.htmlStash.rawHtmlBlocks == ["copy"]
