"""Property tests: whatever bytes an editor saves, flagpress answers with its own error.

Hypothesis generates arbitrary input; the only exception allowed out of the readers
is ContentError (which the CLI prints as diagnostics), never a crash.
"""

from __future__ import annotations

import contextlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from flagpress.diagnostics import ContentError, Problem, Severity
from flagpress.load.front_matter import split_front_matter
from flagpress.load.markdown_body import BodyConverter
from flagpress.load.source_files import decode
from flagpress.load.strict_yaml import parse_yaml
from flagpress.slugs import slugify

YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab01:- \n\t[]{},'\"&*!#|>%@`~?.\\") + ["\u2028", "é", "\x00"]),
    max_size=80,
)
CONVERTER = BodyConverter()


@settings(max_examples=400, deadline=None)
@given(st.one_of(YAMLISH, st.text(max_size=80)))
def test_yaml_reader_raises_only_content_errors(text: str) -> None:
    try:
        parse_yaml(text, "x.yml", 2)
    except ContentError as err:
        assert err.problems and all(p.path == "x.yml" and p.line >= 2 for p in err.problems)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.builds(lambda y: f"---\n{y}\n---\nbody", YAMLISH)))
def test_front_matter_reader_raises_only_content_errors(text: str) -> None:
    with contextlib.suppress(ContentError):
        split = split_front_matter(text, "a.md")
        parse_yaml(split.yaml_text, "a.md", split.yaml_first_line)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_decoding_any_bytes_gives_text_or_a_content_error(data: bytes) -> None:
    try:
        text = decode(data, "a.md")
    except ContentError as err:
        assert err.problems[0].code == "not-utf8"
    else:
        assert "\r" not in text and not text.startswith("\ufeff")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_slugs_are_url_safe_and_stable(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slugify(slug) == slug


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(1, 10**6), st.integers(1, 500), st.text(max_size=80))
def test_a_diagnostic_is_always_one_line(path: str, line: int, col: int, message: str) -> None:
    text = Problem(path, line, col, Severity.ERROR, message, "code").format()
    assert "\n" not in text and "\r" not in text
    assert text.endswith(" [code]")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]()!*_`#>-+ 1.\n:|/\\<a&;x^")), max_size=200))
def test_markdown_bodies_convert_or_raise_content_errors(text: str) -> None:
    with contextlib.suppress(ContentError):
        CONVERTER.convert(text, "a.md", 5)
