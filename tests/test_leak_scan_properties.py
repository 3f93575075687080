"""Properties of the leak scan's matching: disguises never hide a name, real output is clean."""

from __future__ import annotations

import hashlib

from conftest import copy_sample, run
from hypothesis import given, settings
from hypothesis import strategies as st

from flagpress.matching import Matcher, Needle, compact, fold, fold_with_origins
from flagpress.publish.output_texts import data_texts
from flagpress.publish.shipped import shipped_digests

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u034f"]
MARKUP = ["</span><span>", "<b>", "</b>", '<tspan x="4">', "</tspan>", "<!-- -->"]
BREAKS = ["\n", "\r\n", "\n  "]
LOOK_ALIKES = {  # Latin letter -> Cyrillic or Greek letter drawn the same
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "i": "\u0456", "j": "\u0458", "o": "\u043e",
    "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443", "A": "\u0410", "B": "\u0412",
    "E": "\u0415", "H": "\u041d", "K": "\u039a", "M": "\u041c", "N": "\u039d", "O": "\u041e",
    "P": "\u0420", "T": "\u0422", "X": "\u03a7",
}  # fmt: skip

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9)
names = st.lists(words, min_size=2, max_size=3).map(lambda ws: " ".join(w.title() for w in ws))


@st.composite
def disguised(draw, name: str) -> str:
    """`name` with random invisible characters, markup, line breaks and look-alike letters."""
    out = []
    for char in name:
        if draw(st.booleans()):
            char = char.upper() if char.islower() else char.lower()
        if char in LOOK_ALIKES and draw(st.booleans()):
            char = LOOK_ALIKES[char]
        if char == " " and draw(st.booleans()):
            char = draw(st.sampled_from(BREAKS + MARKUP))
        out.append(char)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE + MARKUP)))
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), name=names)
def test_every_disguise_of_a_name_is_found_in_a_web_page(data, name) -> None:
    text = data.draw(disguised(name))
    page = f"<p>Our thanks go to {text}, for everything.</p>".encode()
    matcher = Matcher([Needle("secret", compact(name))])
    found = any("secret" in matcher.keys_in(piece) for _, piece in data_texts(page, ".html"))
    assert found, (name, text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_folding_with_origins_folds_exactly_like_folding(text) -> None:
    folded, origins = fold_with_origins(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)


def test_a_name_inside_a_longer_word_is_not_found() -> None:
    matcher = Matcher([Needle("secret", compact("Ana Ruiz"))])
    assert matcher.keys_in("Banana Ruizhong") == set()
    assert matcher.keys_in("banana ruiz") == set()
    assert matcher.keys_in("ana ruiz") == {"secret"}


# Real names of the sample's fictional people, different from the names they chose.
SAMPLE_PRIVATE = """\
dana-k: {real_name: Dana Kerridge-Obi, email: dana.k@example.net, phone: '07700 900001'}
sam-o: {real_name: Samira Ostrowska, email: samira.o@example.net}
rj: {real_name: Rhiannon Jovanovic, phone: '07700 900002'}
skylark: {real_name: Wilhelmina Achterberg}
anon-1: {real_name: Marianne Okonkwo, email: m.okonkwo@example.net}
priya-m: {real_name: Priya Mistry-Chaudhry}
tom-h: {real_name: Thomas Hallett-Berglund}
lee-w: {real_name: Leona Wojciechowska}
"""


def test_the_sample_publication_builds_clean_with_real_names_held_privately(tmp_path) -> None:
    sample = copy_sample(tmp_path / "sample", pdfs=True)
    (sample / "content/contributors.private.yml").write_text(SAMPLE_PRIVATE, encoding="utf-8")
    result = run("build", "--root", str(sample))
    assert result.exit_code == 0, result.stderr
    assert "[leak]" not in result.stderr
    assert list((sample / "site").resolve().rglob("*.pdf")), "the PDFs were scanned too"
    cached = list((sample / ".flagpress-cache/leak-scan").iterdir())
    assert [p.name for p in cached] == ["clean"], "clean files remembered in one store"
    store = cached[0].read_bytes()
    files = [p.read_bytes() for p in (sample / "site").resolve().rglob("*") if p.is_file()]
    # Theme files exactly as the packages ship them are never read (publish/shipped.py).
    read = {data for data in files if hashlib.sha256(data).digest() not in shipped_digests()}
    assert 0 < len(read) < len(set(files))
    assert len(store.split(b"\n", 1)[1]) >= 32 * len(read), "every file read, by digest"
    for value in ("kerridge", "okonkwo", "wojciechowska", "example.net", "900001"):
        assert value.encode() not in store.lower(), "never a private value"


def test_a_phone_number_is_found_however_written_but_not_inside_other_numbers() -> None:
    from flagpress.publish.secrets import Secret, _phone

    matcher = Matcher(list(_phone(Secret("p1", "phone"), "07700 900000")))
    for written in (
        "Call 07700 900 000.",
        "ring +44 (0)7700 900000 today",
        "tel:+447700900000",
        "0044 7700 900000",
        "07700-900-000",
    ):
        assert matcher.keys_in(written) == {Secret("p1", "phone")}, written
    # A PDF's table of byte offsets is a long run of digits: no phone number in it.
    xref = "0000077009 00000 n\n0000012345 00000 n\n1077009000001 0 obj"
    assert matcher.keys_in(xref) == set()


@given(st.text(alphabet=st.characters(codec="utf-8")) | st.text("aZ9 é’\u00ad-<>&ﬁа"))
def test_fold_folds_each_character_as_fold_char_does(text: str) -> None:
    """Whole files are folded by a fast path (a byte table for ASCII, fold_char for runs
    of other characters): it must give what folding each character one by one gives."""
    from flagpress import matching

    one_by_one = "".join(matching.fold_char(c) for c in matching._CAMEL.sub(" ", text))
    assert fold(text) == one_by_one


segments = st.sampled_from(["", ".", "..", "site", "index.html", "marianne-okonkwo", "a b"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(segments, min_size=1, max_size=6), skip=st.integers(0, 3))
def test_a_shown_path_is_redacted_as_a_path_reads_it(parts, skip) -> None:
    """Names to show are split and joined as text when plain (14,000 a release), and read
    as a path otherwise ('/abs', 'a//b', './a'): the same segments withheld either way."""
    from pathlib import PurePosixPath

    from flagpress.publish.leak_scan import WITHHELD, _Looking, _redacted
    from flagpress.publish.secrets import Secret, Secrets

    secret = Secret("anon-1", "real_name")
    matcher = Matcher([Needle(secret, compact("Marianne Okonkwo"))])
    looking = _Looking("web", Secrets(matcher, "d"), {})
    rel = "/".join(parts)
    read = PurePosixPath(rel).parts
    expected = [*read[:skip], *(WITHHELD if "okonkwo" in p else p for p in read[skip:])]
    shown, found = _redacted(rel, skip, looking)
    assert shown == str(PurePosixPath(*expected))
    assert found == ({secret} if any("okonkwo" in p for p in read[skip:]) else set())
