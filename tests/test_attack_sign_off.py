"""The attacker audit of issue 10: sign-offs that could be dodged, sources that could be
overwritten, and terminal escapes that reached the screen. One test per attack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FOREWORD, png, problem_lines, run
from test_sign_off import ARTICLE, _pub

from flagpress.diagnostics import Location

WITH_CREDIT = FOREWORD.replace(
    "tags: [housing]", "tags: [housing]\ncredits:\n  - {id: staff-a, role: editor}"
)
WITH_IMAGE = WITH_CREDIT.replace(
    "tags: [housing]", 'tags: [housing]\nimage: {src: images/door.png, alt: "A green door"}'
)
IMAGE_FILE = "content/issues/2019-03/images/door.png"


def _errors(stderr: str) -> list[str]:
    """The error lines (the 2-pixel photo is also, rightly, a low-resolution warning)."""
    return [line for line in stderr.splitlines() if ": error: " in line]


def _signed(publication, foreword: str = WITH_IMAGE) -> Path:
    """A publication whose foreword neil-j (lived experience) has signed off."""
    root = _pub(publication, foreword=foreword)
    (root / IMAGE_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / IMAGE_FILE).write_bytes(png())
    signed = run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-20", "--root", str(root))
    assert signed.exit_code == 0, signed.stderr
    assert run("check", "--root", str(root)).exit_code == 0
    return root


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _sign_off_line(root: Path) -> int:
    return (root / ARTICLE).read_text().split("\n").index("sign_off:") + 2


def _void(root: Path) -> str:
    return (
        f"{ARTICLE}:{_sign_off_line(root)}:5: error: the article changed after neil-j approved "
        "it on 2019-02-20 (its text, details, credits or how people are named); ask them to read "
        f"it again, then run: flagpress sign-off {ARTICLE} --by neil-j [sign-off-void]"
    )


PEOPLE = "content/contributors.yml"
# Each change the audit published without a new sign-off: (file, old text, new text).
ATTACKS = {
    "summary": (ARTICLE, "Why we made this issue.", "Why we made this issue, who was in prison."),
    "tags": (ARTICLE, "tags: [housing]", "tags: [housing, addiction, prison]"),
    "content note added": (ARTICLE, "tags: [housing]", "tags: [housing]\ncontent_note: Prison."),
    "image alt": (ARTICLE, 'alt: "A green door"', 'alt: "Neil outside the prison gate"'),
    "image people": (ARTICLE, 'alt: "A green door"}', 'alt: "A green door", people: [neil-j]}'),
    "credit role": (ARTICLE, "{id: staff-a, role: editor}", "{id: staff-a, role: interviewer}"),
    "credit added": (ARTICLE, "credits:\n", "credits:\n  - {id: anon-1, role: volunteer}\n"),
    "author added": (ARTICLE, "authors: [neil-j]", "authors: [neil-j, staff-a]"),
    "hidden HTML comment": (ARTICLE, "Welcome.", "Welcome. <!-- x7f3a -->"),
    "title": (ARTICLE, "title: Foreword", "title: Foreword from prison"),
    "own name": (PEOPLE, "name: Neil J\n", "name: Neil Jones\n"),
    "own shown_as": (
        PEOPLE,
        "shown_as: full\n  name: Neil J",
        "shown_as: first-name\n  name: Neil J",
    ),
    "co-credited name": (PEOPLE, "name: Alex\n", "name: Alex Smith\n"),
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_every_change_a_person_is_seen_with_voids_their_sign_off(publication, attack) -> None:
    root = _signed(publication)
    rel, old, new = attack
    _edit(root, rel, old, new)
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert _void(root) in result.stderr.splitlines()
    build = run("build", "--root", str(root))
    assert build.exit_code == 1 and not (root / "site").exists(), "never published unsigned"


def test_lived_experience_disclosed_in_the_neutral_phrase_voids_the_sign_off(publication) -> None:
    """An anonymous person approved 'a volunteer'; 'a volunteer with lived experience' is new."""
    root = _signed(publication)
    _edit(root, PEOPLE, "shown_as: full\n  name: Neil J\n", "shown_as: anonymous\n")
    root_sign = run(
        "sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-21", "--root", str(root)
    )
    assert root_sign.exit_code == 0
    config = (root / "site_config.yml").read_text()
    (root / "site_config.yml").write_text(config + "naming: {mention_lived_experience: true}\n")
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert _void(root).replace("2019-02-20", "2019-02-21") in result.stderr.splitlines()


def test_layout_of_the_front_matter_does_not_void_a_sign_off(publication) -> None:
    """Canonical form: key order, CRLF and trailing spaces change nothing a reader sees."""
    root = _signed(publication)
    _edit(root, ARTICLE, "summary: Why we made this issue.\n", "")
    _edit(root, ARTICLE, "tags: [housing]", "tags: [housing]   \nsummary: Why we made this issue.")
    path = root / ARTICLE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run("check", "--root", str(root)).exit_code == 0


def _old_form(root: Path, text: str) -> None:
    path = root / ARTICLE
    path.write_text(re.sub(r"text: [0-9a-f]{64}", f"text: {text}", path.read_text()))


def test_an_old_short_sign_off_asks_for_a_new_one(publication) -> None:
    root = _signed(publication)
    _old_form(root, "3f2a9c1e")
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert _errors(result.stderr)[0] == (
        f"{ARTICLE}:{_sign_off_line(root)}:5: error: this sign-off was recorded in an older "
        f"form; ask neil-j to read the article again and run: flagpress sign-off {ARTICLE} "
        "--by neil-j [sign-off-old-form]"
    )
    again = run("sign-off", ARTICLE, "--by", "neil-j", "--root", str(root))
    assert again.exit_code == 0
    assert "3f2a9c1e" not in (root / ARTICLE).read_text()
    assert run("check", "--root", str(root)).exit_code == 0


def test_an_old_short_sign_off_still_reads_where_none_is_needed(publication) -> None:
    root = _signed(publication)
    _old_form(root, "3f2a9c1e")
    _edit(root, ARTICLE, "status: published", "status: draft")
    assert run("check", "--root", str(root)).exit_code == 0


def test_a_shortened_digest_typed_by_hand_is_not_accepted(publication) -> None:
    root = _signed(publication)
    text = (root / ARTICLE).read_text()
    full = re.search(r"text: ([0-9a-f]{64})", text)[1]
    _old_form(root, full[:12])
    result = run("check", "--root", str(root))
    assert _errors(result.stderr)[0] == (
        f"{ARTICLE}:{_sign_off_line(root)}:5: error: this sign-off was not recorded by "
        "flagpress (its text is not a fingerprint); ask neil-j to read the article again and "
        f"run: flagpress sign-off {ARTICLE} --by neil-j [sign-off-void]"
    )


def test_sign_off_edits_only_its_block_keeping_bom_crlf_and_comments(publication) -> None:
    foreword = WITH_IMAGE.replace("type: editorial", "type: editorial  # the issue's opener")
    root = _signed(publication, foreword=foreword)
    path = root / ARTICLE
    _edit(root, ARTICLE, "Welcome.", "Welcome, all.")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes().split(b"\r\n")
    assert run("sign-off", ARTICLE, "--by", "neil-j", "--root", str(root)).exit_code == 0
    after = path.read_bytes().split(b"\r\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [_sign_off_line(root) - 1], "only neil-j's sign-off line changes"
    assert after[0].startswith(b"\xef\xbb\xbf---")
    assert b"type: editorial  # the issue's opener" in after


# --- commands never overwrite sources -------------------------------------------------------


PRIVATE = "content/contributors.private.yml"


def _with_private(publication) -> Path:
    root = _pub(publication)
    (root / PRIVATE).write_text("neil-j: {real_name: Neil Jones}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("target", "folder"),
    [
        (PEOPLE, "content"),
        (PRIVATE, "content"),
        ("content/issues/2019-03/new.pdf", "content"),
        ("templates/print/issue.pdf", "templates"),
    ],
)
def test_pdf_output_among_the_sources_is_refused(publication, target, folder) -> None:
    root = _with_private(publication)
    (root / "templates/print").mkdir(parents=True)
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    output = root / target
    result = run("pdf", "2019-03", "--root", str(root), "--output", str(output))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: refusing to write to {output}: it is in the publication's "
        f"{folder}/ folder, whose files must never be overwritten; choose a place outside "
        "content/, templates/ and site_config.yml\n"
    )
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == files


def test_pdf_output_onto_site_config_is_refused(publication) -> None:
    root = _pub(publication)
    before = (root / "site_config.yml").read_bytes()
    output = root / "site_config.yml"
    result = run("pdf", "2019-03", "--root", str(root), "--output", str(output))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: refusing to write to {output}: it is or contains site_config.yml, "
        "which must never be overwritten; choose a place outside content/, templates/ and "
        "site_config.yml\n"
    )
    assert output.read_bytes() == before


def test_pdf_output_through_a_symlink_to_the_private_file_is_refused(publication) -> None:
    root = _with_private(publication)
    before = (root / PRIVATE).read_bytes()
    link = root.parent / "innocent.pdf"
    link.symlink_to(root / PRIVATE)
    result = run("pdf", "2019-03", "--root", str(root), "--output", str(link))
    assert result.exit_code == 2
    assert f"refusing to write to {link}: it is in the publication's content/" in result.stderr
    assert (root / PRIVATE).read_bytes() == before and link.is_symlink()


def test_pdf_default_output_from_inside_content_is_refused(publication, monkeypatch) -> None:
    root = _pub(publication)
    monkeypatch.chdir(root / "content")
    result = run("pdf", "2019-03", "--root", str(root))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "flagpress: error: refusing to write to the current folder: it is in the "
        "publication's content/ folder"
    )
    assert not list((root / "content").glob("*.pdf"))


@pytest.mark.parametrize("target", ["templates", "templates/site", "content/site"])
def test_build_output_among_the_sources_is_refused(publication, target) -> None:
    root = _pub(publication)
    (root / "templates").mkdir()
    output = root / target
    result = run("build", "--root", str(root), "--output", str(output))
    assert result.exit_code == 2
    folder = target.split("/")[0]
    assert result.stderr.startswith(
        f"flagpress: error: refusing to write to {output}: it is in the publication's {folder}/"
    )
    assert not output.exists() or not any(output.iterdir())


# --- nothing printed drives the terminal ----------------------------------------------------


ESCAPING_TITLE = r'title: "Hello \e[31mred\e]0;pwned\a"'


def test_escape_sequences_in_a_title_are_refused_and_never_reach_the_terminal(
    publication,
) -> None:
    root = _pub(publication, foreword=FOREWORD.replace("title: Foreword", ESCAPING_TITLE))
    checked = run("check", "--root", str(root))
    assert checked.exit_code == 1
    assert problem_lines(checked.stderr)[0] == (
        f"{ARTICLE}:2:15: error: this value contains '\\e', an invisible control character "
        "(U+001B); delete it [bad-character]"
    )
    result = run("where", "neil-j", "--root", str(root))
    assert result.exit_code == 0
    for output in (checked, result):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", output.stdout + output.stderr)


def test_escape_sequences_in_arguments_are_escaped_in_usage_errors(publication) -> None:
    root = _pub(publication)
    result = run("sign-off", "content/\x1b[2Jx.md", "--by", "neil-j", "--root", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        "flagpress: error: content/\\x1b[2Jx.md is not an article of this publication\n"
    )
    result = run("where", "neil\x1b]8;;", "--root", str(root))
    assert result.exit_code == 2
    assert "no contributor 'neil\\x1b]8;;' in content/contributors.yml" in result.stderr


def test_diagnostics_show_control_characters_as_escapes() -> None:
    problem = Location("a\x1bb.md", 2, 3).error("code", "title 'x\x1b[0m\u202ey\nz'")
    assert problem.format() == "a\\x1bb.md:2:3: error: title 'x\\x1b[0m\\u202ey\\x0az' [code]"


def test_the_sample_publication_is_signed_off_in_the_current_form(sample) -> None:
    assert run("check", "--root", str(sample)).exit_code == 0
    for path in (sample / "content").rglob("*.md"):
        for text in re.findall(r"text: (\w+)\}", path.read_text(encoding="utf-8")):
            assert re.fullmatch("[0-9a-f]{64}", text), path
