"""The attacker audit: every way a name was found to dodge the leak scan now fails the build.

Each test builds a real publication with a private file, plants one disguised
private value, and expects exit 1 with a diagnostic naming the person's id and the
output file, while nothing printed holds the value itself.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from conftest import FOREWORD, ISSUE, SITE_CONFIG, png, run
from pypdf import PdfWriter

PRIVATE = (
    "anon-1: {real_name: Marianne Okonkwo, email: marianne.ok@example.net, "
    "phone: '07700 900456'}\n"
    "staff-a: {real_name: Seán O'Neill}\n"
    "neil-j: {real_name: Łucja Bjørnstad}\n"
)
VALUES = ("marianne", "okonkwo", "example.net", "900456", "neill", "ucja", "bjørn", "bjorn")
ARTICLE = "content/issues/2019-03/foreword.md"
PAGE = "site/issues/2019-03/foreword/index.html"
# neil-j agreed to be named on the website but not in print.
PRINT_UNNAMED = "print: true, given: 2019-01-10}\n- id: staff-a"


def _build(publication, text: str = "", extra: dict | None = None):
    foreword = FOREWORD.replace("Welcome.", f"Welcome. {text}")
    root = publication(
        {"content/contributors.private.yml": PRIVATE, ARTICLE: foreword, **(extra or {})}
    )
    return root, run("build", "--root", str(root))


def _stopped(root, result, path: str, person: str, what: str, where: str = "this output file"):
    assert result.exit_code == 1, result.stderr
    printed = (result.stdout + result.stderr).lower()
    for value in VALUES:
        assert value not in printed, value
    assert (
        f"{path}:1:1: error: private information about '{person}' ({what}) is in {where}; "
        f"the build is stopped. Run 'flagpress where {person}' to find where it comes from, "
        "and remove it [leak]"
    ) in result.stderr.splitlines(), result.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Marianne Okon\u00adkwo",  # soft hyphen
        "Mari&shy;anne Okonkwo",  # soft hyphen as an HTML entity
        "Mari\u200banne Okon\u200dkwo",  # zero-width space and joiner
        "Mari\u2060anne Okonkwo",  # word joiner
        "M\u0430rianne \u041ekonkwo",  # Cyrillic a and O
        "Marianne \u202eowknokO\u202c",  # right-to-left override: shown as Okonkwo
        "Mari\u202eanne Okonkwo",  # an override inside the name
        "Marianne\nOkonkwo",  # a line break between the names
    ],
    ids=[
        "soft-hyphen",
        "shy-entity",
        "zero-width",
        "word-joiner",
        "cyrillic",
        "rlo",
        "rlo-in",
        "line-break",
    ],
)
def test_invisible_and_look_alike_characters_do_not_hide_a_name(publication, text) -> None:
    root, result = _build(publication, text)
    _stopped(root, result, PAGE, "anon-1", "real_name")


def test_a_curly_apostrophe_matches_a_straight_one(publication) -> None:
    root, result = _build(publication, "Thanks to Sean O\u2019Neill.")
    _stopped(root, result, PAGE, "staff-a", "real_name")


def test_letters_without_a_decomposition_are_transliterated(publication) -> None:
    root, result = _build(publication, "Lucja Bjornstad wrote to us.")
    _stopped(root, result, PAGE, "neil-j", "real_name")


def test_a_handle_with_digits_after_the_name(publication) -> None:
    root, result = _build(publication, "Follow @MarianneOkonkwo85 for more.")
    _stopped(root, result, PAGE, "anon-1", "real_name")


@pytest.mark.parametrize("phone", ["077 00 900 456", "+44 7700 900456", "(07700) 900-456"])
def test_a_phone_number_spaced_differently(publication, phone) -> None:
    root, result = _build(publication, f"Ring {phone} today.")
    _stopped(root, result, PAGE, "anon-1", "phone")


def test_a_distinctive_surname_alone_after_a_title(publication) -> None:
    root, result = _build(publication, "Ms M. Okonkwo chaired the meeting.")
    _stopped(root, result, PAGE, "anon-1", "surname")


def test_a_common_word_surname_alone_is_not_a_leak(publication) -> None:
    private = "anon-1: {real_name: Marianne Green}\n"
    foreword = FOREWORD.replace("Welcome.", "Welcome. The green spaces report.")
    root = publication({"content/contributors.private.yml": private, ARTICLE: foreword})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr


def test_a_name_in_an_article_file_name(publication) -> None:
    name = "content/issues/2019-03/marianne-okonkwo.md"
    issue = ISSUE.replace("second.md]", "second.md, marianne-okonkwo.md]")
    extra = {name: FOREWORD, "content/issues/2019-03/issue.yml": issue}
    root, result = _build(publication, "", extra)
    where = "this output file's name (and so its web address)"
    page = "site/issues/2019-03/[name withheld]/index.html"
    _stopped(root, result, page, "anon-1", "real_name", where)
    _stopped(root, result, "site/sitemap.xml", "anon-1", "real_name")
    _stopped(root, result, "site/search/search_index.json", "anon-1", "real_name")


def test_a_name_in_a_page_file_name(publication) -> None:
    page = "---\ntitle: Thanks\n---\nThank you.\n"
    root, result = _build(publication, "", {"content/pages/okonkwo-marianne.md": page})
    where = "this output file's name (and so its web address)"
    _stopped(root, result, "site/[name withheld]/index.html", "anon-1", "real_name", where)
    _stopped(root, result, "site/index.html", "anon-1", "real_name")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/people/marianne-okonkwo",
        "https://example.org/people/Marianne%20Okonkwo",
        "https://example.org/search?q=Marianne+Okonkwo",
        "https://example.org/people/%4Darianne%20%4Fkonkwo",
    ],
)
def test_a_name_in_a_link_url(publication, url) -> None:
    root, result = _build(publication, f"See [our partner's story]({url}).")
    _stopped(root, result, PAGE, "anon-1", "real_name")


def test_a_percent_encoded_mailto(publication) -> None:
    link = "[write to our partner](mailto:%6Darianne%2Eok%40example%2Enet)"
    root, result = _build(publication, f"Please {link}.")
    _stopped(root, result, PAGE, "anon-1", "email")


def test_an_email_written_with_html_entities(publication) -> None:
    root, result = _build(publication, "Mail marianne.ok&#64;example&#x2E;net today.")
    _stopped(root, result, PAGE, "anon-1", "email")


def test_an_svg_spelling_a_name_in_separate_tspans(publication) -> None:
    letters = "".join(f'<tspan x="{i * 9}">{c}</tspan>' for i, c in enumerate("Okonkwo"))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20">'
        f'<text y="15"><tspan>Marianne</tspan> {letters}</text></svg>'
    )
    text = "\n\n![A chart of the survey answers](images/chart.svg)\n"
    root, result = _build(publication, text, {"content/issues/2019-03/images/chart.svg": svg})
    _stopped(root, result, "site/issues/2019-03/images/chart.svg", "anon-1", "real_name")


def test_a_utf16_text_file(publication) -> None:
    data = "Notes: Marianne Okonkwo\n".encode("utf-16")
    root, result = _build(publication, "", {"templates/theme/assets/notes.txt": data})
    _stopped(root, result, "site/assets/notes.txt", "anon-1", "real_name")


def test_a_bom_less_utf16_text_file(publication) -> None:
    data = "Notes: Marianne Okonkwo\n".encode("utf-16-be")
    root, result = _build(publication, "", {"templates/theme/assets/notes.txt": data})
    _stopped(root, result, "site/assets/notes.txt", "anon-1", "real_name")


def _print_build(publication, text: str):
    from conftest import CONTRIBUTORS

    registry = CONTRIBUTORS.replace(
        "print: true, given: 2019-01-10}\n- id: staff-a",
        "print: false, given: 2019-01-10}\n- id: staff-a",
        1,
    )
    assert registry != CONTRIBUTORS
    extra = {
        "site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n",
        "content/contributors.yml": registry,
        "content/issues/2019-03/images/launch.png": png(400, 300),
    }
    return _build(publication, text, extra)


PDF = "site/issues/2019-03/test-magazine-issue-1-screen.pdf"


def test_a_name_in_a_pdf_alt_text(publication) -> None:
    root, result = _print_build(publication, "\n\n![Neil J at the launch](images/launch.png)\n")
    _stopped(root, result, PDF, "neil-j", "chosen name")


def test_a_name_in_a_pdf_link_uri(publication) -> None:
    root, result = _print_build(publication, "See [the launch](https://example.org/neil-j/).")
    _stopped(root, result, PDF, "neil-j", "chosen name")


def _pdf_with_attachment(data: bytes) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("notes.txt", data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_name_in_a_pdf_attachment(publication) -> None:
    pdf = _pdf_with_attachment(b"Minutes taken by Marianne Okonkwo.")
    root, result = _build(publication, "", {"templates/theme/assets/minutes.pdf": pdf})
    _stopped(root, result, "site/assets/minutes.pdf", "anon-1", "real_name")


def test_a_name_in_a_pdf_attached_to_a_pdf(publication) -> None:
    inner = _pdf_with_attachment("Minutes: Łucja Bjørnstad".encode())
    pdf = _pdf_with_attachment(inner)
    root, result = _build(publication, "", {"templates/theme/assets/minutes.pdf": pdf})
    _stopped(root, result, "site/assets/minutes.pdf", "neil-j", "real_name")


def test_a_pdf_that_cannot_be_read_fails_closed(publication) -> None:
    broken = b"%PDF-1.7\n1 0 obj << /Length 99999 >> stream\nxx"
    root, result = _build(publication, "", {"templates/theme/assets/minutes.pdf": broken})
    assert result.exit_code == 1
    assert (
        "site/assets/minutes.pdf:1:1: error: this output file could not be checked for "
        "private information: it is not a PDF that can be read. The build is stopped, "
        "because an unchecked file might leak a name. Remove the file (or what makes it) "
        "from the publication, or ask your technical contact [leak-scan-unreadable]"
    ) in result.stderr.splitlines(), result.stderr
    assert not (root / "site").exists()


def test_a_name_in_a_gzip_file(publication) -> None:
    data = gzip.compress(b"<p>Marianne Okonkwo</p>")
    root, result = _build(publication, "", {"templates/theme/assets/old.html.gz": data})
    _stopped(root, result, "site/assets/old.html.gz", "anon-1", "real_name")


def test_a_gzip_bomb_is_refused_without_unpacking_it(publication) -> None:
    stream = io.BytesIO()
    with gzip.GzipFile(fileobj=stream, mode="wb", compresslevel=9) as bomb:
        block = bytes(1 << 20)
        for _ in range(100):  # 100 MB of zeros in about 100 KB
            bomb.write(block)
    root, result = _build(
        publication, "", {"templates/theme/assets/bomb.txt.gz": stream.getvalue()}
    )
    assert result.exit_code == 1
    assert (
        "site/assets/bomb.txt.gz:1:1: error: this output file could not be checked for "
        "private information: it unpacks to more than 64 MB."
    ) in result.stderr


def test_the_small_word_list_judges_surnames_as_the_full_one() -> None:
    """The leak scan judges how common a surname is with wordfreq's small English list
    (4 MB of memory, not 32): every word near the threshold is judged as the full list
    judges it, so no distinctive surname goes unsearched and no common word is searched."""
    from wordfreq import get_frequency_dict, zipf_frequency

    from flagpress.publish import secrets

    def common(word: str, wordlist: str) -> bool:
        return zipf_frequency(word, "en", wordlist=wordlist) >= secrets.SURNAME_MAX_ZIPF

    near = [
        word
        for word in get_frequency_dict("en", "large")
        if abs(zipf_frequency(word, "en", wordlist="large") - secrets.SURNAME_MAX_ZIPF) < 0.3
    ]
    assert len(near) > 1000
    assert [w for w in near if common(w, secrets.WORDLIST) != common(w, "large")] == []
    assert common("green", secrets.WORDLIST) and not common("okonkwo", secrets.WORDLIST)


def test_theme_files_as_shipped_are_not_read_but_an_edited_one_is(publication) -> None:
    """Material's scripts are published as shipped: a private detail that happens to be
    in its code (its bundle names an 'Andreas') is no leak there and must not stop the
    build, but the same word in a theme file the publication changed is searched for."""
    private = "anon-1: {real_name: Marianne Okonkwo, known_as: Andreas}\n"
    root = publication({"content/contributors.private.yml": private})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    script = "templates/theme/assets/flagpress.js"
    edited = (Path(__file__).parent.parent / "flagpress" / script).read_text(encoding="utf-8")
    (root / script).parent.mkdir(parents=True)
    (root / script).write_text(edited + "/* Andreas */\n", encoding="utf-8")
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "site/assets/flagpress.js:1:1: error: private information about 'anon-1'" in (
        result.stderr
    )


def test_a_name_in_a_font_the_theme_publishes_stops_the_build(publication, tmp_path) -> None:
    """A font a theme override adds is read through its tables: WOFF2 compresses them,
    so a real name in its naming table used to go out unseen."""
    from fontTools.ttLib import TTFont

    from flagpress.render.typeface import face_file

    font = TTFont(face_file("Regular"))
    font["name"].setName("Designed with Marianne Okonkwo", 9, 3, 1, 0x409)
    font.flavor = "woff2"
    root = publication({"content/contributors.private.yml": PRIVATE})
    (root / "templates/theme/assets/fonts").mkdir(parents=True)
    font.save(root / "templates/theme/assets/fonts/extra.woff2")
    result = run("build", "--root", str(root))
    _stopped(root, result, "site/assets/fonts/extra.woff2", "anon-1", "real_name")
