"""Sign-off: "no decision about me without me", enforced on the exact text approved."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CONTRIBUTORS as BASE_CONTRIBUTORS
from conftest import FOREWORD, SITE_CONFIG, problem_lines, run

# As the shared registry, but neil-j has lived experience: the policy covers him.
CONTRIBUTORS = BASE_CONTRIBUTORS.replace(
    "  roles: [volunteer]\n", "  roles: [volunteer]\n  lived_experience: true\n", 1
)
ARTICLE = "content/issues/2019-03/foreword.md"


def _pub(publication, policy: str = "lived-experience", foreword: str = FOREWORD) -> Path:
    config = SITE_CONFIG.replace("sign_off: none", f"sign_off: {policy}")
    return publication(
        {"site_config.yml": config, "content/contributors.yml": CONTRIBUTORS, ARTICLE: foreword}
    )


def test_an_unsigned_article_by_a_person_with_lived_experience_is_not_published(
    publication,
) -> None:
    root = _pub(publication)
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        f"{ARTICLE}:6:1: error: 'neil-j' has not signed off this text; once they have read "
        f"and approved it, run: flagpress sign-off {ARTICLE} --by neil-j [sign-off-missing]"
    )
    assert not (root / "site").exists()


def test_sign_off_records_the_full_digest_and_shows_it_short(publication) -> None:
    root = _pub(publication)
    result = run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-20", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    shown = re.fullmatch(
        rf"Recorded: neil-j approved {ARTICLE} on 2019-02-20 \(text ([0-9a-f]{{12}})\)\.\n",
        result.stdout,
    )
    assert shown, result.stdout
    text = (root / ARTICLE).read_text()
    block = re.search(r"sign_off:\n  - \{by: neil-j, on: 2019-02-20, text: (\w+)\}\n---\n", text)
    assert block and re.fullmatch("[0-9a-f]{64}", block[1]), "a full SHA-256 digest is stored"
    assert block[1].startswith(shown[1])
    assert run("check", "--root", str(root)).exit_code == 0


def test_editing_one_word_voids_the_sign_off_until_signed_again(publication) -> None:
    root = _pub(publication)
    run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-20", "--root", str(root))
    path = root / ARTICLE
    path.write_text(path.read_text().replace("Welcome.", "Welcome all."))
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    line = path.read_text().split("\n").index("sign_off:") + 2
    assert problem_lines(result.stderr)[0] == (
        f"{ARTICLE}:{line}:5: error: the article changed after neil-j approved it on "
        "2019-02-20 (its text, details, credits or how people are named); ask them to read it "
        f"again, then run: flagpress sign-off {ARTICLE} --by neil-j [sign-off-void]"
    )
    again = run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-21", "--root", str(root))
    assert again.exit_code == 0
    assert path.read_text().count("by: neil-j") == 1, "the old sign-off is replaced"
    assert run("check", "--root", str(root)).exit_code == 0


def test_changing_line_endings_does_not_void_a_sign_off(publication) -> None:
    root = _pub(publication)
    run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-20", "--root", str(root))
    path = root / ARTICLE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run("check", "--root", str(root)).exit_code == 0


def test_sign_off_keeps_crlf_and_the_rest_of_the_front_matter(publication) -> None:
    foreword = FOREWORD.replace("tags: [housing]", "tags: [housing]  # topics\n")
    root = _pub(publication, foreword=foreword)
    path = root / ARTICLE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    run("sign-off", ARTICLE, "--by", "neil-j", "--on", "2019-02-20", "--root", str(root))
    data = path.read_bytes()
    assert b"tags: [housing]  # topics\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert run("check", "--root", str(root)).exit_code == 0


def test_all_credited_policy_needs_every_author(publication) -> None:
    second = "content/issues/2019-03/second.md"
    root = _pub(publication, policy="all-credited")
    result = run("check", "--root", str(root))
    needed = [
        line.split("'")[1] for line in result.stderr.splitlines() if "sign-off-missing" in line
    ]
    assert needed == ["neil-j", "anon-1", "staff-a"]
    for person, article in [("neil-j", ARTICLE), ("staff-a", second), ("anon-1", second)]:
        assert run("sign-off", article, "--by", person, "--root", str(root)).exit_code == 0
    assert run("check", "--root", str(root)).exit_code == 0


def test_no_sign_off_needed_for_drafts_or_under_policy_none(publication) -> None:
    draft = FOREWORD.replace("status: published", "status: draft")
    root = _pub(publication, foreword=draft)
    second = (root / "content/issues/2019-03/second.md").read_text()
    (root / "content/issues/2019-03/second.md").write_text(second.replace("anon-1", "staff-a"))
    foreword_free = (root / ARTICLE).read_text().replace("Read [the second piece](second.md).", "")
    (root / ARTICLE).write_text(foreword_free)
    assert run("check", "--root", str(root)).exit_code == 0
    assert run("check", "--root", str(_pub(publication, policy="none"))).exit_code == 0


def test_sign_off_refuses_unknown_people_and_files(publication) -> None:
    root = _pub(publication)
    result = run("sign-off", ARTICLE, "--by", "neil-jj", "--root", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        "flagpress: error: no contributor 'neil-jj' in content/contributors.yml "
        "(did you mean 'neil-j'?)\n"
    )
    result = run("sign-off", "content/nope.md", "--by", "neil-j", "--root", str(root))
    assert result.exit_code == 2
    assert "content/nope.md is not an article of this publication" in result.stderr


def test_sign_off_refuses_an_article_with_problems(publication) -> None:
    root = _pub(publication, foreword=FOREWORD.replace("type: editorial", "type: editorail"))
    before = (root / ARTICLE).read_text()
    result = run("sign-off", ARTICLE, "--by", "neil-j", "--root", str(root))
    assert result.exit_code == 1
    assert "[unknown-value]" in result.stderr
    assert (root / ARTICLE).read_text() == before
