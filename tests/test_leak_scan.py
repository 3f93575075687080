"""The leak scan: private strings never reach any output, and are never printed."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest
from conftest import FOREWORD, NEIL_NO_WEB, problem_lines, run, snapshot
from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, StreamObject

from flagpress.matching import Matcher, Needle, compact, fold
from flagpress.publish.output_texts import file_texts, variants
from flagpress.publish.pdf_texts import Unreadable

PRIVATE = (
    "neil-j: {real_name: Neil Jones, email: neil.jones@example.net, phone: '07700 900123'}\n"
    "anon-1: {real_name: Ana Ruiz}\n"
)
ARTICLE = "content/issues/2019-03/foreword.md"


def _with_text(publication, text: str, extra: dict | None = None):
    foreword = FOREWORD.replace("Welcome.", f"Welcome. {text}")
    changes = {"content/contributors.private.yml": PRIVATE, ARTICLE: foreword, **(extra or {})}
    return publication(changes)


def test_a_clean_build_with_a_private_file_passes(publication) -> None:
    root = _with_text(publication, "")
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    for path, data in snapshot(root / "site").items():
        assert b"neil.jones@example.net" not in data, path
        assert b"Ana Ruiz" not in data, path


def test_a_real_name_in_an_article_fails_the_build_without_printing_it(publication) -> None:
    root = _with_text(publication, "Thanks to ANA  ruíz for her help.")
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "ruiz" not in output.lower() and "ruíz" not in output.lower()
    assert (
        "site/issues/2019-03/foreword/index.html:1:1: error: private information about "
        "'anon-1' (real_name) is in this output file; the build is stopped. Run 'flagpress "
        "where anon-1' to find where it comes from, and remove it [leak]"
    ) in result.stderr.splitlines()
    assert "site/search/search_index.json:1:1: error" in result.stderr
    assert not (root / "site").exists()


def test_a_leak_leaves_the_live_site_as_it_was(publication) -> None:
    root = _with_text(publication, "")
    assert run("build", "--root", str(root)).exit_code == 0
    before = snapshot(root / "site")
    page = root / ARTICLE
    page.write_text(page.read_text().replace("Welcome.", "Welcome. Call 07700900123."))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "'neil-j' (phone)" in result.stderr
    assert "07700" not in result.stderr
    assert snapshot(root / "site") == before


def test_a_leak_planted_in_a_template_fails_the_build(publication) -> None:
    template = "<h1>{{ page.title }}</h1><p>Contact neil.jones@EXAMPLE.net</p>{{ body|safe }}"
    root = _with_text(publication, "", {"templates/web/page.html": template})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert (
        "site/about/index.html:1:1: error: private information about 'neil-j' (email)"
        in result.stderr
    )
    assert "example" not in result.stderr.lower()


def test_a_real_name_the_person_chose_may_appear_where_they_may_be_named(publication) -> None:
    private = "neil-j: {real_name: Neil J}\n"
    root = publication({"content/contributors.private.yml": private})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "By Neil J" in (root / "site/issues/2019-03/foreword/index.html").read_text()


def test_the_chosen_name_of_someone_without_web_consent_may_not_appear(publication) -> None:
    registry = NEIL_NO_WEB
    root = _with_text(publication, "Neil J wrote this.", {"content/contributors.yml": registry})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "private information about 'neil-j' (chosen name)" in result.stderr


def test_private_entries_for_unknown_people_are_a_warning(publication) -> None:
    root = publication({"content/contributors.private.yml": "neil-k: {real_name: Neil Kay}\n"})
    result = run("check", "--root", str(root))
    assert result.exit_code == 0
    assert problem_lines(result.stderr)[0] == (
        "content/contributors.private.yml:1:1: warning: 'neil-k' is not in "
        "content/contributors.yml (did you mean 'neil-j'?); their private details are still "
        "kept out of every output [private-unknown-id]"
    )


def _pdf_with_stream(tmp_path: Path, data: bytes, **entries: str) -> Path:
    """A one-page PDF holding an extra Flate-compressed stream object of `data`."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = StreamObject()
    stream._data = zlib.compress(data)  # written as is: compressed bytes in the file
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = NameObject(value) if value.startswith("/") else (
            NumberObject(int(value))
        )
    writer._add_object(stream)
    path = tmp_path / "x.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def _found(path: Path, name: str) -> list[int]:
    matcher = Matcher([Needle(name, compact(name))])
    return [page for page, text in file_texts(path) for v in variants(text)
            if list(matcher.search(fold(v)))]


def test_compressed_bytes_are_not_read_as_letters(tmp_path: Path) -> None:
    """A short name spelt out by chance in compressed bytes ('o ma r' across gaps) was a
    false alarm that stopped a build: compressed streams are read decompressed only."""
    words = ["the", "cat", "sat", "on", "a", "warm", "mat", "by", "the", "door", "and"]
    words += ["read", "the", "paper", "slowly"]
    rnd = random.Random(137)  # this text compresses to bytes that spell 'o..ma..r'
    text = " ".join(rnd.choice(words) for _ in range(4000)).encode()
    assert list(Matcher([Needle("o", compact("Omar"))]).search(
        fold(zlib.compress(text).decode("latin-1"))
    ))
    assert _found(_pdf_with_stream(tmp_path, text), "Omar") == []
    # ... while a name in a stream is still found, once decompressed.
    assert _found(_pdf_with_stream(tmp_path, text + b" Omar"), "Omar") == [0]


def test_font_programs_are_not_read_as_text(tmp_path: Path) -> None:
    font = _pdf_with_stream(tmp_path, b"\x00\x01O\x02mar\x03 glyphs", Length1="16")
    assert _found(font, "Omar") == []


def _font(tmp_path: Path, designer: str, flavor: str | None, name: str) -> Path:
    """The packaged typeface with `designer` in its naming table, as `name`."""
    from fontTools.ttLib import TTFont

    from flagpress.render.typeface import face_file

    font = TTFont(face_file("Regular"))
    font["name"].setName(designer, 9, 3, 1, 0x409)  # 9: the designer, in UTF-16
    font.flavor = flavor
    path = tmp_path / name
    font.save(path)
    return path


def test_a_name_in_a_fonts_naming_table_is_found_in_every_wrapping(tmp_path: Path) -> None:
    """WOFF2 compresses the naming table: read as bytes, a designer's name there was never
    seen. Fonts are read through their tables, so it is found in each form."""
    for flavor, name in ((None, "a.ttf"), ("woff", "a.woff"), ("woff2", "a.woff2")):
        assert _found(_font(tmp_path, "Marianne Okonkwo", flavor, name), "Okonkwo") == [0], name


def test_a_font_is_read_for_its_words_not_its_bytes(tmp_path: Path) -> None:
    """Read as letters, a WOFF2 file was some 20,000 distinct characters of noise: now it
    is its names and glyph names, a few thousand characters in all."""
    texts = [text for _, text in file_texts(_font(tmp_path, "Ann", "woff2", "a.woff2"))]
    assert "Atkinson Hyperlegible" in texts[0] and "Ann" in texts[0].split("\n")
    assert len(set("".join(texts))) < 100


def test_a_damaged_font_cannot_be_checked(tmp_path: Path) -> None:
    path = tmp_path / "broken.woff2"
    path.write_bytes(_font(tmp_path, "Ann", "woff2", "a.woff2").read_bytes()[:400])
    with pytest.raises(Unreadable, match="it is not a font file that can be read"):
        list(file_texts(path))
