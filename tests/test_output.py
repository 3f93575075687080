"""What flagpress prints, for people and for tools: problems grouped by file with a
summary, colour only where wanted, progress only on a terminal, JSON, GitHub Actions
annotations, "the live site was not changed", and one plain line for a bug."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import pty
import re
import subprocess
import sys
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_BODY,
    FOREWORD_PATH,
    PAGE,
    SECOND,
    check,
    run,
    snapshot,
)

from flagpress import pipeline
from flagpress.commands.problem_formats import escape_data, escape_property, github_annotations
from flagpress.commands.problem_text import summary_line
from flagpress.commands.terminal import ProgressLine, wants_colour
from flagpress.diagnostics import Location

SECOND_PATH = "content/issues/2019-03/second.md"
PAGE_PATH = "content/pages/about.md"
TYPO = (
    f"{FOREWORD_PATH}:3:7: error: 'type': 'artcle' is not one of: article, case-study, "
    "editorial, interview, news (did you mean 'article'?) [unknown-value]"
)
NO_TITLE = f"{PAGE_PATH}:2:7: error: 'title': must not be empty [empty-value]"
UNKNOWN = (
    f"{SECOND_PATH}:7:11: error: no contributor 'staf-a' in content/contributors.yml "
    "(did you mean 'staff-a'?) [unknown-contributor]"
)


@pytest.fixture
def broken(publication) -> Path:
    """Two errors in one article, one in another file: a page with an empty title."""
    return publication(
        {
            FOREWORD_PATH: FOREWORD.replace("type: editorial", "type: artcle"),
            SECOND_PATH: SECOND.replace("authors: [staff-a", "authors: [staf-a"),
            PAGE_PATH: PAGE.replace("title: About us", "title:"),
        }
    )


# --- grouped by file, with a summary --------------------------------------------------------


def test_problems_are_grouped_under_each_file_with_a_summary(broken: Path) -> None:
    result = check(broken)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{FOREWORD_PATH}\n{TYPO}\n\n{SECOND_PATH}\n{UNKNOWN}\n\n{PAGE_PATH}\n{NO_TITLE}\n\n"
    )
    assert result.stdout == "3 errors in 3 files.\n"


def test_a_file_with_several_problems_lists_them_by_line_under_one_heading(publication) -> None:
    article = FOREWORD.replace("authors: [neil-j]", "authors: [neil-jj]")
    article = article.replace(FOREWORD_BODY, "Welcome. Read [here](second.md).")
    result = check(publication({FOREWORD_PATH: article}))
    lines = result.stderr.splitlines()
    assert lines[0] == FOREWORD_PATH
    assert [line.split(":")[1:3] for line in lines[1:3]] == [["7", "11"], ["10", "22"]]
    assert lines[3:] == [""] and result.stdout == "2 errors in 1 file.\n"


def test_warnings_are_counted_apart_and_do_not_fail_the_check(publication) -> None:
    root = publication({"content/my-article.md": "---\ntitle: Lost\n---\nText\n"})
    result = check(root)
    assert (result.exit_code, result.stdout) == (0, "1 warning in 1 file.\n")
    assert result.stderr.splitlines()[0] == "content/my-article.md"
    assert check(root, "--strict").exit_code == 1


def test_a_clean_publication_says_how_many_files_were_checked(publication) -> None:
    result = check(publication())
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "No problems found in 6 files.\n"
    assert check(publication(), FOREWORD_PATH).stdout == "No problems found in 1 file.\n"


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "said"),
    [
        (1, 0, 1, "1 error in 1 file."),
        (2, 0, 1, "2 errors in 1 file."),
        (0, 1, 1, "1 warning in 1 file."),
        (2, 3, 4, "2 errors and 3 warnings in 4 files."),
        (1, 1, 2, "1 error and 1 warning in 2 files."),
    ],
)
def test_summary_wording(errors: int, warnings: int, files: int, said: str) -> None:
    paths = [f"content/pages/p{i % files}.md" for i in range(errors + warnings)]
    problems = [Location(p, i + 1).error("x", "m") for i, p in enumerate(paths[:errors])]
    problems += [Location(p, i + 1).warning("x", "m") for i, p in enumerate(paths[errors:], errors)]
    assert summary_line(problems) == said


def test_summary_without_problems() -> None:
    assert summary_line([], 37) == "No problems found in 37 files."
    assert summary_line([], 1) == "No problems found in 1 file."


def test_a_failed_build_prints_its_problems_grouped_then_the_summary(broken: Path) -> None:
    result = run("build", "--root", str(broken))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"{PAGE_PATH}\n{NO_TITLE}\n\n3 errors in 3 files.\n"
        "Nothing was published: there is no live site yet.\n"
    )


# --- colour only for people -----------------------------------------------------------------


def test_no_colour_codes_when_the_output_is_not_a_terminal(broken: Path) -> None:
    result = check(broken)
    assert "\x1b" not in result.stdout + result.stderr


def test_force_color_colours_errors_warnings_and_file_names(publication) -> None:
    root = publication(
        {
            FOREWORD_PATH: FOREWORD.replace("type: editorial", "type: artcle"),
            "content/my-article.md": "---\ntitle: Lost\n---\nText\n",
        }
    )
    result = run("check", "--root", str(root), env={"FORCE_COLOR": "1"})
    lines = result.stderr.splitlines()
    assert lines[0] == "\x1b[1mcontent/issues/2019-03/foreword.md\x1b[0m"
    assert lines[1] == TYPO.replace(": error: ", ": \x1b[31merror\x1b[0m: ")
    assert lines[3] == "\x1b[1mcontent/my-article.md\x1b[0m"
    assert lines[4].startswith("content/my-article.md:1:1: \x1b[33mwarning\x1b[0m: ")


def test_no_color_wins_over_force_color(broken: Path) -> None:
    result = run("check", "--root", str(broken), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in result.stderr and result.exit_code == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_needs_a_terminal_unless_forced() -> None:
    assert wants_colour(_Terminal(), {})
    assert not wants_colour(io.StringIO(), {})
    assert wants_colour(io.StringIO(), {"FORCE_COLOR": "1"})
    assert not wants_colour(io.StringIO(), {"FORCE_COLOR": "0"})
    assert not wants_colour(_Terminal(), {"NO_COLOR": "1"})
    assert not wants_colour(_Terminal(), {"TERM": "dumb"})


# --- progress on a terminal only ------------------------------------------------------------


def test_progress_is_one_line_rewritten_in_place_and_cleared_at_the_end() -> None:
    screen, now = _Terminal(), [0.0]
    with ProgressLine(screen, clock=lambda: now[0]) as progress:
        progress("checking the content", 0, 0)
        for done in range(1, 4):
            now[0] += 1
            progress("rendering pages", done, 3)
    assert screen.getvalue() == (
        "\rChecking the content..."
        "\rRendering pages: 1 of 3"
        "\rRendering pages: 2 of 3"
        "\rRendering pages: 3 of 3"
        "\r                       \r"  # cleared: what is printed next starts a clean line
    )


def test_progress_is_shown_at_most_ten_times_a_second_but_every_new_step_at_once() -> None:
    screen = _Terminal()
    progress = ProgressLine(screen, clock=lambda: 5.0)  # time stands still
    progress("rendering pages", 1, 50)
    progress("rendering pages", 2, 50)  # too soon: skipped
    progress("making PDFs", 1, 4)  # a new step: shown
    assert screen.getvalue() == "\rRendering pages: 1 of 50\rMaking PDFs: 1 of 4     "


def test_no_progress_off_a_terminal() -> None:
    piped = io.StringIO()
    with ProgressLine(piped) as progress:
        progress("rendering pages", 1, 3)
    assert piped.getvalue() == ""


def test_a_build_reports_every_page_and_pdf_to_its_progress(publication) -> None:
    root = publication({"site_config.yml": _with_pdfs()})
    heard: list[tuple[str, int, int]] = []
    outcome = pipeline.build(
        root, root / "site", False, dt.date.today(), lambda *said: heard.append(said)
    )
    assert outcome.built
    pages = [said for said in heard if said[0] == "rendering pages"]
    assert pages[-1] == ("rendering pages", outcome.pages, outcome.pages)
    assert [done for _, done, _ in pages] == list(range(1, outcome.pages + 1))
    assert ("making PDFs", 1, 1) in heard
    assert heard[0] == ("checking the content", 0, 0)


def _with_pdfs() -> str:
    from conftest import SITE_CONFIG

    return SITE_CONFIG + "print: {variants: [screen]}\n"


def test_a_piped_build_shows_no_progress(publication) -> None:
    result = run("build", "--root", str(publication()))
    assert result.exit_code == 0
    assert "\r" not in result.stderr + result.stdout and result.stderr == ""


# --- JSON ------------------------------------------------------------------------------------


def test_check_as_json_is_one_document_with_every_problem(broken: Path) -> None:
    result = check(broken, "--format", "json")
    assert result.exit_code == 1 and result.stderr == ""
    document = json.loads(result.stdout)
    assert document["version"] == 1 and document["command"] == "check"
    assert document["problems"][0] == {
        "file": FOREWORD_PATH,
        "line": 3,
        "column": 7,
        "severity": "error",
        "code": "unknown-value",
        "message": "'type': 'artcle' is not one of: article, case-study, editorial, "
        "interview, news (did you mean 'article'?)",
    }
    assert [(p["file"], p["line"]) for p in document["problems"]] == [
        (FOREWORD_PATH, 3),
        (SECOND_PATH, 7),
        (PAGE_PATH, 2),
    ]
    assert document["summary"] == {
        "errors": 3,
        "warnings": 0,
        "files_with_problems": 3,
        "files_checked": 6,
        "text": "3 errors in 3 files.",
    }


def test_json_keeps_the_exit_codes(publication) -> None:
    clean = check(publication(), "--format", "json")
    assert clean.exit_code == 0 and json.loads(clean.stdout)["problems"] == []
    root = publication({"content/my-article.md": "---\ntitle: Lost\n---\nText\n"})
    warned = check(root, "--format", "json")
    assert warned.exit_code == 0 and json.loads(warned.stdout)["summary"]["warnings"] == 1
    assert check(root, "--format", "json", "--strict").exit_code == 1


def test_json_is_ascii_with_escapes_that_read_back(publication) -> None:
    article = FOREWORD.replace("type: editorial", "type: \u00e9ditorial\u202e")
    result = check(publication({FOREWORD_PATH: article}), "--format", "json")
    assert result.exit_code == 1 and result.stdout.isascii()  # no bidi control reaches a screen
    assert "'\u00e9ditorial\u202e'" in json.loads(result.stdout)["problems"][0]["message"]


def test_build_as_json_says_whether_the_live_site_changed(publication) -> None:
    root = publication()
    made = run("build", "--root", str(root), "--format", "json")
    assert made.exit_code == 0 and made.stderr == ""
    result = json.loads(made.stdout)["result"]
    assert (result["built"], result["live_site_changed"]) == (True, True)
    assert result["pages"] > 0 and result["output"] == str(root / "site")
    (root / FOREWORD_PATH).write_text(FOREWORD.replace("authors: [neil-j]", "authors: [nobody]"))
    failed = run("build", "--root", str(root), "--format", "json")
    assert failed.exit_code == 1
    document = json.loads(failed.stdout)
    assert document["result"]["live_site_changed"] is False
    assert document["summary"]["errors"] == 1


# --- GitHub Actions annotations --------------------------------------------------------------


def test_github_actions_gets_annotations(broken: Path) -> None:
    result = run("check", "--root", str(broken), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={FOREWORD_PATH},line=3,col=7,title=unknown-value::'type': 'artcle' is "
        "not one of: article, case-study, editorial, interview, news (did you mean 'article'?)",
        f"::error file={SECOND_PATH},line=7,col=11,title=unknown-contributor::no contributor "
        "'staf-a' in content/contributors.yml (did you mean 'staff-a'?)",
        f"::error file={PAGE_PATH},line=2,col=7,title=empty-value::'title': must not be empty",
        "3 errors in 3 files.",
    ]
    assert result.stderr == ""


def test_format_github_and_format_text_choose_whatever_the_environment(broken: Path) -> None:
    chosen = run("check", "--root", str(broken), "--format", "github")
    assert chosen.stdout.startswith(f"::error file={FOREWORD_PATH},line=3,col=7,")
    text = run("check", "--root", str(broken), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert text.stderr.startswith(f"{FOREWORD_PATH}\n{TYPO}\n")


def test_annotation_paths_are_given_from_the_repository_top(broken: Path) -> None:
    problem = Location(FOREWORD_PATH, 3, 7).error("x", "m")
    workspace = {"GITHUB_WORKSPACE": str(broken.parent)}
    assert github_annotations([problem], broken, workspace) == [
        f"::error file={broken.name}/{FOREWORD_PATH},line=3,col=7,title=x::m"
    ]


def test_annotations_are_escaped_by_githubs_rules() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("\x1b[31mred") == "\\x1b[31mred"  # never reaches the log as ESC
    problem = Location("content/a,b:c.md", 2, 1).warning("odd", "50%\nof it")
    assert github_annotations([problem], Path("."), {}) == [
        "::warning file=content/a%2Cb%3Ac.md,line=2,col=1,title=odd::50%25%0Aof it"
    ]


# --- a failed build leaves the live site as it was ------------------------------------------


def test_after_a_failed_build_the_previous_release_still_serves(publication) -> None:
    root = publication()
    assert run("build", "--root", str(root)).exit_code == 0
    site, before = root / "site", snapshot(root / "site")
    release = site.resolve()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (root / FOREWORD_PATH).write_text(FOREWORD.replace("type: editorial", "type: artcle"))
        result = run("build", "--root", str(root))
        assert result.exit_code == 1
        assert result.stderr.endswith("1 error in 1 file.\nThe live site was not changed.\n")
        assert (site.resolve(), snapshot(site)) == (release, before)
        address = f"http://127.0.0.1:{server.server_address[1]}/issues/2019-03/foreword/"
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200
            assert "<h1" in response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


# --- a bug is one plain line, unless --debug -------------------------------------------------


def _crash(*_args: object) -> None:
    raise KeyError("Marianne Okonkwo")  # an exception's message may hold a private value


def test_an_unexpected_error_is_one_plain_line_without_the_message(
    publication, monkeypatch
) -> None:
    monkeypatch.setattr(pipeline, "check", _crash)
    result = run("check", "--root", str(publication()))
    assert result.exit_code == 70
    assert result.stdout == ""
    assert result.stderr == (
        "flagpress hit a problem it did not expect: KeyError. Run the same command again with "
        "--debug and send what it prints to the person who looks after flagpress for your "
        "publication (read it first: it may show private details).\n"
    )


@pytest.mark.parametrize("where", ["after", "before"])
def test_debug_shows_the_traceback(publication, monkeypatch, where: str) -> None:
    monkeypatch.setattr(pipeline, "check", _crash)
    root = str(publication())
    args = ["check", "--root", root, "--debug"] if where == "after" else ["--debug", "check"]
    if where == "before":
        args += ["--root", root]
    result = run(*args)
    assert result.exit_code == 70
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert "KeyError: 'Marianne Okonkwo'" in result.stderr
    assert result.stderr.endswith("(read it first: it may show private details).\n")


def test_usage_errors_and_content_problems_are_not_bugs(publication) -> None:
    assert run("check", "--root", str(publication()), "--debug").exit_code == 0
    assert run("pdf", "9", "--root", str(publication())).exit_code == 2


def test_unreadable_content_in_status_is_grouped_too(publication) -> None:
    root = publication({"site_config.yml": "title: [\n"})
    result = run("status", "--root", str(root))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "site_config.yml" and lines[1].startswith("site_config.yml:2:1: error: ")
    assert lines[-1] == "1 error in 1 file."


def test_a_build_in_a_terminal_shows_progress_then_clears_it(publication) -> None:
    """The real command in a pseudo-terminal: the progress line, then a clean line."""
    root = publication()
    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "flagpress.cli", "build", "--root", str(root)],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env={**env, "TERM": "xterm", "GITHUB_ACTIONS": ""},
    )
    os.close(secondary)
    shown = b""
    while chunk := _read(main):
        shown += chunk
    os.close(main)
    assert process.wait(timeout=120) == 0
    text = shown.decode("utf-8")
    assert "\rChecking the content..." in text and "\rRendering pages: " in text
    # The line is blanked (spaces, no escape sequence), then the result starts on it.
    assert re.search(r"\r {20,}\rBuilt 12 pages and 0 PDFs into \S+/site/\r\n\Z", text), text
    assert "\x1b" not in text


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end closed: everything has been read
        return b""
