"""The search index flagpress writes itself: Material's format, a summary of each page,
and nothing a reader may not see (drafts, withheld names, private details)."""

from __future__ import annotations

import json

from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    NEIL_NO_WEB,
    build,
)

from flagpress.render.web.search_index import SECTION_WORDS

LONG = " ".join(f"word{n}" for n in range(SECTION_WORDS + 5))
BODY = f"""Welcome to the issue.

## Where we started

{LONG}

Second paragraph, never reached.

## Hard & honest

Short one.
"""
DRAFT = """\
---
title: Zanzibar plans
type: article
summary: Unfinished thoughts on quokkas.
date: 2019-03-01
status: draft
authors: [staff-a]
---
Quokkas everywhere.
"""


def _docs(publication, contributors: str = CONTRIBUTORS) -> list[dict[str, str]]:
    foreword = FOREWORD.replace("Welcome. Read [the second piece](second.md).", BODY)
    root = publication(
        {
            FOREWORD_PATH: foreword,
            f"{ISSUE_DIR}/draft.md": DRAFT,
            f"{ISSUE_DIR}/issue.yml": ISSUE.replace("second.md]", "second.md, draft.md]"),
            "content/contributors.yml": contributors,
            "content/contributors.private.yml": "neil-j: {real_name: Neil Quillfeather}\n",
        }
    )
    index = json.loads((build(root) / "search/search_index.json").read_text(encoding="utf-8"))
    assert set(index) == {"config", "docs"}
    assert index["config"]["lang"] == ["en"]
    return index["docs"]


def test_each_article_has_an_entry_and_one_per_heading(publication) -> None:
    docs = {d["location"]: d for d in _docs(publication)}
    page = "issues/2019-03/foreword/"
    assert docs[page] == {
        "location": page,
        "title": "Foreword",
        "text": "<p>Why we made this issue.</p><p>By Neil J</p><p>Welcome to the issue.</p>",
    }
    first_words = " ".join(LONG.split()[:SECTION_WORDS])
    assert docs[page + "#where-we-started"] == {
        "location": page + "#where-we-started",
        "title": "Where we started",
        "text": f"<p>{first_words} …</p>",
    }
    assert docs[page + "#hard-honest"]["title"] == "Hard &amp; honest"
    assert docs[page + "#hard-honest"]["text"] == "<p>Short one.</p>"
    assert [loc for loc in docs if loc.startswith(page)] == [
        page,
        page + "#where-we-started",
        page + "#hard-honest",
    ]
    assert docs["issues/2019-03/second/"]["title"] == "Second piece"
    assert docs["about/"]["text"] == "<p>We are a test.</p>"
    assert docs[""]["title"] == "Test Magazine"


def test_no_draft_withheld_name_or_private_value_is_indexed(publication) -> None:
    docs = _docs(publication, NEIL_NO_WEB)
    text = json.dumps(docs, ensure_ascii=False)
    for hidden in ("Zanzibar", "quokka", "Quokka", "Neil J", "Quillfeather", "draft"):
        assert hidden not in text, hidden
    foreword = next(d for d in docs if d["location"] == "issues/2019-03/foreword/")
    assert foreword["text"].startswith("<p>Why we made this issue.</p><p>By a volunteer</p>")


def test_a_build_converts_each_body_once_and_mkdocs_converts_none(publication, monkeypatch) -> None:
    import markdown

    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    site = build(publication())
    assert (site / "issues/2019-03/foreword/index.html").is_file()
    assert sorted(converted) == ["Some text.\n", "We are a test.\n", FOREWORD.split("---\n")[2]]


def test_older_articles_are_summarised_without_sections(publication, monkeypatch) -> None:
    from flagpress.render.web import search_index

    monkeypatch.setattr(search_index, "RECENT_ARTICLES", 1)  # second.md sorts as the newest
    docs = {d["location"]: d for d in _docs(publication)}
    page = "issues/2019-03/foreword/"
    assert [loc for loc in docs if loc.startswith(page)] == [page]
    assert docs[page]["text"] == "<p>Why we made this issue.</p><p>By Neil J</p>"
    second = docs["issues/2019-03/second/"]["text"]
    assert second == "<p>The second article.</p><p>By Alex and a volunteer</p><p>Some text.</p>"


def test_articles_past_the_newest_thousand_keep_title_note_and_byline(
    publication, monkeypatch
) -> None:
    """At 5,000 articles, every summary made the index 1.4 MB; older articles are found by
    their title and their people (issue 15: about 1 MB for the first search)."""
    from flagpress.render.web import search_index

    monkeypatch.setattr(search_index, "RECENT_ARTICLES", 1)  # second.md is the newest
    monkeypatch.setattr(search_index, "SUMMARISED_ARTICLES", 1)
    docs = {d["location"]: d for d in _docs(publication)}
    older = docs["issues/2019-03/foreword/"]
    assert (older["title"], older["text"]) == ("Foreword", "<p>By Neil J</p>")
    assert docs["issues/2019-03/second/"]["text"].startswith("<p>The second article.</p>")


def test_the_index_is_utf8_not_escapes(publication) -> None:
    """Typographic quotes take 3 bytes each as UTF-8, 6 as \\u escapes."""
    title = FOREWORD.replace("title: Foreword", "title: Readers’ letters")
    root = publication({FOREWORD_PATH: title})
    raw = (build(root) / "search/search_index.json").read_bytes()
    assert "Readers’ letters".encode() in raw
    assert b"\\u2019" not in raw
