"""`flagpress check PATH...`, the publication found from any folder inside it, and
reading-ease figures only with `--readability`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    PAGE,
    SECOND,
    check,
    flat,
    problem_lines,
    run,
)

SECOND_PATH = f"{ISSUE_DIR}/second.md"
PAGE_PATH = "content/pages/about.md"
TYPO = "type: artcle"
FOREWORD_TYPO = (
    f"{FOREWORD_PATH}:3:7: error: 'type': 'artcle' is not one of: article, case-study, "
    "editorial, interview, news (did you mean 'article'?) [unknown-value]"
)
SECOND_TYPO = FOREWORD_TYPO.replace(FOREWORD_PATH, SECOND_PATH)
NO_ROOT = (
    "flagpress: error: no site_config.yml here or in any folder above; run flagpress "
    "inside a publication folder or point --root at one\n"
)


@pytest.fixture
def broken(publication) -> Path:
    """Problems in two articles of the issue, in issue.yml and in a standing page."""
    return publication(
        {
            FOREWORD_PATH: FOREWORD.replace("type: editorial", TYPO),
            SECOND_PATH: SECOND.replace("type: article", TYPO),
            f"{ISSUE_DIR}/issue.yml": ISSUE.replace("editors: [staff-a]", "editors: [staf-a]"),
            PAGE_PATH: PAGE.replace("title: About us", "title:"),
        }
    )


def test_check_one_file_shows_only_its_problems(broken: Path) -> None:
    result = check(broken, FOREWORD_PATH)
    assert result.exit_code == 1
    assert (result.stderr, result.stdout) == (
        f"{FOREWORD_PATH}\n{FOREWORD_TYPO}\n\n",
        "1 error in 1 file.\n",
    )


def test_check_a_clean_file_passes_while_others_have_errors(publication) -> None:
    root = publication({SECOND_PATH: SECOND.replace("type: article", TYPO)})
    result = check(root, FOREWORD_PATH)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "No problems found in 1 file.\n"


def test_check_an_issue_folder_shows_its_files_only(broken: Path) -> None:
    result = check(broken, ISSUE_DIR)
    assert result.exit_code == 1
    lines = flat(result).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        FOREWORD_PATH,
        f"{ISSUE_DIR}/issue.yml",
        SECOND_PATH,
    ]
    assert lines[0] == FOREWORD_TYPO and result.stdout == "3 errors in 3 files.\n"


def test_check_several_paths_and_the_whole_publication(broken: Path) -> None:
    result = check(broken, SECOND_PATH, PAGE_PATH)
    assert [line.split(":")[0] for line in flat(result).splitlines()] == [SECOND_PATH, PAGE_PATH]
    assert result.stdout == "2 errors in 2 files.\n"
    assert check(broken, ".").stdout == "4 errors in 4 files.\n"


def test_a_path_that_does_not_exist_is_a_usage_error(publication) -> None:
    result = check(publication(), "content/issues/2019-03/forword.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "flagpress: error: 'content/issues/2019-03/forword.md' does not exist; give the path "
        "of an article, a page or an issue folder (from here, or from the publication folder)\n"
    )


def test_a_path_outside_the_publication_is_a_usage_error(publication, tmp_path: Path) -> None:
    root = publication()
    elsewhere = tmp_path / "notes.md"
    elsewhere.write_text("hello\n", encoding="utf-8")
    result = check(root, str(elsewhere))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: '{elsewhere}' is outside the publication ({root}); give a file "
        "or folder inside it\n"
    )


def test_paths_are_read_from_the_current_folder(broken: Path, monkeypatch) -> None:
    monkeypatch.chdir(broken / ISSUE_DIR)
    result = run("check", "second.md")
    assert result.exit_code == 1
    assert (flat(result), result.stdout) == (f"{SECOND_TYPO}\n", "1 error in 1 file.\n")


# --- the publication found from any folder inside it ----------------------------------------


def test_check_from_a_subfolder_finds_the_publication(broken: Path, monkeypatch) -> None:
    monkeypatch.chdir(broken / "content" / "pages")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout == "4 errors in 4 files.\n"
    assert problem_lines(result.stderr)[0] == FOREWORD_TYPO


def test_outside_any_publication_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path / "content")
    for command in (["check"], ["status"], ["build"], ["where", "neil-j"], ["pdf", "1"]):
        result = run(*command)
        assert (result.exit_code, result.stderr) == (2, NO_ROOT), command


def test_sign_off_from_the_articles_folder(publication, monkeypatch) -> None:
    root = publication()
    monkeypatch.chdir(root / ISSUE_DIR)
    result = run("sign-off", "foreword.md", "--by", "neil-j", "--on", "2019-03-02")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Recorded: neil-j approved foreword.md on 2019-03-02")
    assert "  - {by: neil-j, on: 2019-03-02, text: " in (root / FOREWORD_PATH).read_text()


def test_build_from_a_subfolder_writes_into_the_publication(publication, monkeypatch) -> None:
    root = publication()
    monkeypatch.chdir(root / "content")
    result = run("build")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(f"PDFs into {root}/site/")
    assert (root / "site" / "index.html").is_file()
    assert not (root / "content" / "site").exists()


def test_an_explicit_root_is_not_searched_upwards(publication) -> None:
    root = publication()
    result = check(root / "content")
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: no site_config.yml in {root / 'content'}; run flagpress inside a "
        "publication folder or point --root at one\n"
    )


# --- reading ease only when asked -----------------------------------------------------------


def test_check_shows_no_reading_ease_unless_asked(publication) -> None:
    assert check(publication()).stdout == "No problems found in 6 files.\n"


def test_readability_for_one_file(publication) -> None:
    result = check(publication(), "--readability", PAGE_PATH)
    assert result.stdout.splitlines() == [
        "Reading ease (0 to 100: higher is easier, 60 or more is plain English) and average "
        "sentence length:",
        f"  {PAGE_PATH}: reading ease 100, 4.0 words per sentence",
        "No problems found in 1 file.",
    ]


def test_readability_of_a_file_without_text_prints_no_heading(publication) -> None:
    result = check(publication(), "--readability", f"{ISSUE_DIR}/issue.yml")
    assert result.stdout == "No problems found in 1 file.\n"
