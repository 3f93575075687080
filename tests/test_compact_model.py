"""What a build holds for each body is held compactly, and reads back exactly as made:
paragraphs beyond Latin-1 as UTF-8, their places as numbers, the outline as small
objects, and once checked no Markdown (a digest in its place)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import markdown
import pytest
from conftest import write_publication
from mkdocs.structure.toc import get_toc

from flagpress.diagnostics import Location
from flagpress.load.cache import LoadCache
from flagpress.model import Block, Heading, Publication, without_sources
from flagpress.pipeline import check
from flagpress.render.web.described import DescribedPages

TEXTS = {
    "plain": "Volunteers met every fortnight.",
    "latin-1": "We met at the café.",
    "curly quotes and a dash": "It\u2019s \u201cours\u201d \u2013 all of it.",
    "beyond the first plane": "We smiled \U0001f642 and went on.",
    "a lone surrogate": "Broken \udc80 text.",
    "empty": "",
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_a_block_reads_back_its_text_and_place(text: str) -> None:
    block = Block.at("prose", text, Location("content/a.md", 312, 4), level=0)
    assert block.text == text
    assert block.loc == Location("content/a.md", 312, 4)
    assert block == Block.at("prose", text, Location("content/a.md", 312, 4))
    cache = LoadCache()  # as the load cache keeps it, between runs and from workers
    assert cache.put("k", block) and cache.get("k") == block


def test_a_paragraph_with_curly_quotes_is_held_in_about_one_byte_a_letter() -> None:
    text = "It\u2019s the words people wrote, kept for the search and the checks. " * 20
    block = Block.at("prose", text, Location("content/a.md", 1))
    assert sys.getsizeof(block.held) < 0.6 * sys.getsizeof(text)


def test_an_outline_gives_mkdocs_the_contents_python_markdown_gave() -> None:
    md = markdown.Markdown(extensions=["toc"])
    md.convert("# One\n\n## Two & three\n\n### Four\n\n## Five\n")
    tokens = md.toc_tokens  # type: ignore[attr-defined]
    outline = tuple(Heading.of(token) for token in tokens)
    assert [h.name for h in outline] == ["One"]
    assert [h.name for h in outline[0].children] == ["Two &amp; three", "Five"]

    def shown(toc: object) -> list[tuple[str, str, int, list]]:
        return [(a.title, a.url, a.level, shown(a.children)) for a in toc]  # type: ignore[attr-defined]

    assert shown(get_toc([h.token() for h in outline])) == shown(get_toc(tokens))
    cache = LoadCache()
    assert cache.put("k", outline) and cache.get("k") == outline


def test_a_stored_page_whose_outline_is_not_headings_is_described_again(
    tmp_path: Path,
) -> None:
    """A damaged (or planted) entry costs describing the page again, never a failure."""
    pages = DescribedPages(tmp_path / "described")
    entry = {
        "src_uri": "a.md", "title": "A", "html": "<p>A</p>", "description": "",
        "toc": [{"level": 2, "id": "x", "name": "X", "children": []}],
        "share": {}, "lastmod": None,
    }
    assert pages.cache is not None and pages.cache.put("key", {"page": entry, "assets": []})
    assert pages.get("key") is None


def _checked(root: Path) -> Publication:
    pub, problems = check(root, dt.date(2026, 12, 1))
    assert pub is not None, problems
    return pub


def test_once_checked_a_build_holds_a_digest_of_each_body_instead_of_its_markdown(
    tmp_path: Path,
) -> None:
    pub = _checked(write_publication(tmp_path / "pub"))
    slim = without_sources(pub)
    pairs = zip([*pub.all_articles(), *pub.pages], [*slim.all_articles(), *slim.pages], strict=True)
    bodies = [(a.body, b.body) for a, b in pairs]
    assert bodies
    for body, held in bodies:
        assert held.source.startswith("sha256:") and len(held.source) == 7 + 64
        assert dataclasses.replace(held, source=body.source) == body  # all else as it was
    digests = [held.source for _, held in bodies]
    assert len(set(digests)) == len({body.source for body, _ in bodies})


def test_bodies_differing_by_one_word_keep_different_digests(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub")
    before = without_sources(_checked(root)).all_articles()
    foreword = root / "content/issues/2019-03/foreword.md"
    foreword.write_text(foreword.read_text().replace("Welcome.", "Welcome!"))
    after = without_sources(_checked(root)).all_articles()
    changed = [a.source for a, b in zip(before, after, strict=True) if a.body != b.body]
    assert changed == ["content/issues/2019-03/foreword.md"]
