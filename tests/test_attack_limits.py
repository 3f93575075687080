"""Limits found by an attacker audit: each becomes a diagnostic, never a traceback or a hang.

Every case asserts the exact first diagnostic (file, line, column, severity, message
and code), exit code 1, and that no Python traceback is printed.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from conftest import CONTRIBUTORS, FOREWORD, SITE_CONFIG, problem_lines, run, snapshot

from flagpress.diagnostics import Location, Problem
from flagpress.load.markdown_body import _TooSlow, cpu_time_limit
from flagpress.render.press.jobs import RenderJob
from flagpress.render.press.overtime import overtime_problem, remember_tree

A = "content/issues/2019-03/foreword.md"
WELCOME = "Welcome. Read [the second piece](second.md)."


def with_body(text: str) -> dict[str, str]:
    assert WELCOME in FOREWORD
    return {A: FOREWORD.replace(WELCOME, text)}


def first_error(changes: dict[str, str], publication, command: str = "check") -> str:
    """The first line flagpress prints on stderr, after asserting a clean failure."""
    result = run(command, "--root", str(publication(changes)))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == 1, output
    return problem_lines(result.stderr)[0]


# --- article bodies: linear, and inside a processor-time limit -------------------------


def long_article() -> str:
    """435 KB: 5,000 short paragraphs whose text differs from the source (an entity in
    each), then a large code block. Locating blocks used to rescan the rest of the
    source for every paragraph: about four minutes."""
    paragraphs = "".join(f"Tea &amp; cake number {i}.\n\n" for i in range(5000))
    code = "".join(
        f"total = {i} * price + tax  # one line of a long example\n" for i in range(4900)
    )
    return paragraphs + "```\n" + code + "```\n"


def test_a_long_article_with_many_paragraphs_is_checked_quickly(publication, capsys) -> None:
    article = FOREWORD.replace(WELCOME, long_article())
    assert 420_000 < len(article.encode()) < 450_000
    start = time.perf_counter()
    result = run("check", "--root", str(publication({A: article})))
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    with capsys.disabled():
        print(f"\n  flagpress check of a 435 KB article: {seconds:.1f} s")
    assert seconds < 20  # generous: it takes about a second; it took minutes


def test_the_paragraphs_of_a_long_article_keep_their_lines(publication) -> None:
    """Still located where they were written: the 5,000th paragraph's bad link."""
    text = long_article().replace("number 4999.", "number 4999, [click here](second.md).")
    assert first_error(with_body(text), publication) == (
        f"{A}:10008:42: error: the link text 'click here' does not say where the link goes "
        "(screen readers list links on their own); write what the reader will find, e.g. "
        "[how to get involved](get-involved.md) [vague-link-text]"
    )


def test_a_markdown_bomb_is_stopped_with_a_diagnostic(publication) -> None:
    assert first_error(with_body("[" * 20_000), publication) == (
        f"{A}:10:1: error: this text could not be converted within 5 seconds; look for very "
        "long runs of brackets, stars or nested lists and simplify them [too-slow]"
    )


def test_the_limit_counts_processor_time_not_time_on_the_clock() -> None:
    """Waiting (a busy machine) does not count; working does."""
    with cpu_time_limit(0.2):
        time.sleep(0.5)
    with pytest.raises(_TooSlow), cpu_time_limit(0.2):
        while True:
            pass


# --- YAML nesting and characters no published text may hold ----------------------------


def test_yaml_nested_hundreds_deep_is_refused_before_it_can_recurse(publication) -> None:
    deep = "tags: " + "[" * 400 + "housing" + "]" * 400
    assert first_error({A: FOREWORD.replace("tags: [housing]", deep)}, publication) == (
        f"{A}:8:26: error: lists or mappings are nested more than 20 levels deep here; no "
        "setting needs that many: check the brackets and the indentation [yaml-too-deep]"
    )


def test_yaml_indented_hundreds_deep_is_refused(publication) -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "v\n"
    assert first_error({"content/contributors.yml": deep}, publication) == (
        "content/contributors.yml:21:41: error: lists or mappings are nested more than 20 "
        "levels deep here; no setting needs that many: check the brackets and the "
        "indentation [yaml-too-deep]"
    )


def test_a_lone_surrogate_in_a_title_stops_check_and_build(publication) -> None:
    changes = {A: FOREWORD.replace("title: Foreword", 'title: "Fore\\ud800word"')}
    expected = (
        f"{A}:2:13: error: this value contains '\\ud800', half of a character code (a lone "
        "surrogate) that cannot be published; type or paste the character itself instead "
        "of its code [bad-character]"
    )
    assert first_error(changes, publication) == expected
    assert first_error(changes, publication, "build") == expected


def test_an_escaped_control_character_in_a_registry_value_is_refused(publication) -> None:
    registry = CONTRIBUTORS.replace("name: Alex", 'name: "Al\\x07ex"')
    assert first_error({"content/contributors.yml": registry}, publication) == (
        "content/contributors.yml:8:12: error: this value contains '\\x07', an invisible "
        "control character (U+0007); delete it [bad-character]"
    )


def test_a_control_character_typed_in_a_body_is_refused(publication) -> None:
    assert first_error(with_body("Tea and \x02cake."), publication, "build") == (
        f"{A}:10:9: error: this line contains an invisible character (U+0002) that is not "
        "allowed; delete it (it often comes in when text is copied and pasted) [bad-character]"
    )


# --- the PDF renderer: a processor-time limit per PDF ----------------------------------


def use_bomb() -> str:
    """An SVG "billion laughs" of <use>: ten uses of ten uses of ... a square."""
    levels = ['<rect id="u0" width="1" height="1"/>']
    for i in range(1, 10):
        uses = "".join(f'<use href="#u{i - 1}"/>' for _ in range(10))
        levels.append(f'<g id="u{i}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>'
        + "".join(levels)
        + '</defs><use href="#u9"/></svg>'
    )


def test_an_svg_that_never_finishes_drawing_is_stopped(publication, monkeypatch) -> None:
    monkeypatch.setenv("FLAGPRESS_PDF_CPU_SECONDS", "2")
    changes = {
        "site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n",
        "content/issues/2019-03/images/ladder.svg": use_bomb(),
    }
    root = publication(changes)
    assert run("build", "--root", str(root)).exit_code == 0
    before = snapshot(root / "site")
    picture = "Read it.\n\n![Seven rungs of a ladder](images/ladder.svg)"
    start = time.perf_counter()
    assert first_error({**changes, **with_body(picture)}, publication, "build") == (
        f"{A}:12:28: error: this image was still being drawn into the PDF of issue 2019-03 "
        "after 2 seconds of processor time, so the PDF was stopped; simplify the image (an "
        "SVG that repeats <use> inside <use> never finishes) or save it as a PNG "
        "[print-too-slow]"
    )
    assert time.perf_counter() - start < 120  # stopped, not left to run for hours
    assert snapshot(root / "site") == before
    assert not list((root / ".flagpress-cache").rglob("*.pdf*"))


def test_a_pdf_stopped_while_laying_out_an_article_names_the_article() -> None:
    """When no image explains it, the article whose box was being laid out is named."""
    root = ET.fromstring(
        '<html><body><article id="article-foreword"><header><h1>Our <em>foreword</em></h1>'
        "</header><table><tr><td>cell</td></tr></table></article></body></html>"
    )
    remember_tree(root)
    job = RenderJob(
        html="",
        base_url="file:///pub/",
        allowed=(),
        references={},
        fallback=Location("content/issues/2019-03/issue.yml"),
        output="/nowhere.pdf",
    )

    def laying_out(box: SimpleNamespace) -> Problem:  # like WeasyPrint's layout functions
        return overtime_problem(job, sys._getframe(), 120)

    problem = laying_out(SimpleNamespace(element=root.find(".//td")))
    assert problem.format() == (
        "content/issues/2019-03/issue.yml:1:1: error: the PDF of issue 2019-03 was still not "
        "finished after 120 seconds of processor time while laying out the article 'Our "
        "foreword', so it was stopped; look for a very large table, image or drawing in that "
        "article and simplify it (or set FLAGPRESS_PDF_CPU_SECONDS to allow more time) "
        "[print-too-slow]"
    )
