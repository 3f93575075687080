"""smarty passes by texts it cannot change (load/quick_smarty.py): every body converts
to exactly the HTML the plain smarty pass gives, whichever of its patterns it uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from flagpress.load import markdown_body
from flagpress.load.front_matter import split_front_matter

REPO = Path(__file__).resolve().parent.parent

# Each body uses one of smarty's triggers alone (a straight quote, two or three hyphens,
# three dots), in every kind of text a body has; the last mix them all.
BODIES = [
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


def _convert_all(bodies: list[str]) -> list[object]:
    converter = markdown_body.BodyConverter()
    return [converter.convert(body, "content/x.md", 10) for body in bodies]


def _sample_bodies() -> list[str]:
    return [
        split_front_matter(path.read_text(encoding="utf-8"), path.name).body
        for path in sorted((REPO / "content").rglob("*.md"))
    ]


@pytest.mark.parametrize("bodies", [BODIES, _sample_bodies()], ids=["each-pattern", "sample"])
def test_every_body_converts_as_plain_smarty_converts_it(
    bodies: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _convert_all(bodies)
    monkeypatch.setattr(markdown_body, "quicken_smarty", lambda _md: None)
    plain = _convert_all(bodies)
    assert quick == plain


def test_smarty_still_makes_quotes_dashes_and_dots_typographic() -> None:
    html = [body.html for body in _convert_all(BODIES[:6])]  # type: ignore[attr-defined]
    assert "It&rsquo;s the group&rsquo;s choice." in html[0]
    assert "&ldquo;yes&rdquo;" in html[1]
    assert "&ndash;" in html[3] and "&mdash;" in html[4] and "&hellip;" in html[5]
