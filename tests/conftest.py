"""Shared fixtures and helpers: a small valid publication that each test breaks in one
way, and the ways tests look at what users see (diagnostics, pages, PDF text)."""

from __future__ import annotations

import html
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from pypdf import PdfReader

from flagpress.cli import main
from flagpress.commands import unchanged

REPO = Path(__file__).resolve().parent.parent

# Tests write only under tmp_path: no example database in the repository (.hypothesis/),
# which parallel workers would otherwise share (see also pytest_configure below).
settings.register_profile("flagpress", database=None)
settings.load_profile("flagpress")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis caches what it learns from the code under test in its home folder,
    `.hypothesis/` in the current folder by default (written while tests are collected):
    keep it in this run's temporary folder instead, one per xdist worker; the same for
    the user's cache folder."""
    set_hypothesis_home_dir(config._tmp_path_factory.mktemp("hypothesis"))  # noqa: SLF001
    # flagpress keeps converted typefaces in the user's cache folder: the run's own one.
    os.environ["XDG_CACHE_HOME"] = str(config._tmp_path_factory.mktemp("user-cache"))  # noqa: SLF001


# Whole files left out of the quick subset (`-m "not browser and not slow"`): they build
# real publications many times over, render PDFs, or replay the attack suites. CI and
# the full suite run them all; the quick subset keeps at least one test per concern.
SLOW_FILES = {
    "test_attack_leaks.py",
    "test_attack_releases.py",
    "test_attack_limits.py",
    "test_attack_channel.py",
    "test_leak_scan_properties.py",
    "test_print_editions.py",
    "test_printer_ready.py",
    "test_print_layout.py",
    "test_print_flow.py",
    "test_naming_matrix.py",
    "test_report.py",
    "test_content_notes.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


SITE_CONFIG = """\
title: Test Magazine
publisher: Test Partnership
language: en-GB
url: https://example.org/test/
contact: {email: test@example.org, phone: "01273 000000"}
roles: {volunteer: Volunteer, editor: Editor, interviewer: Interviewer}
policy:
  sign_off: none
"""

CONTRIBUTORS = """\
- id: neil-j
  shown_as: full
  name: Neil J
  roles: [volunteer]
  consent: {web: true, print: true, given: 2019-01-10}
- id: staff-a
  shown_as: first-name
  name: Alex
  roles: [editor]
  consent: {web: true, print: true, given: 2019-01-10}
- id: anon-1
  shown_as: anonymous
  roles: [volunteer]
  consent: {web: true, print: true, given: 2019-01-10}
"""

# neil-j has not agreed to be named on the website (everyone else as above).
NEIL_NO_WEB = CONTRIBUTORS.replace("web: true", "web: false", 1)

ISSUE = """\
title: First issue
number: 1
date: 2019-03-01
editors: [staff-a]
articles: [foreword.md, second.md]
"""

FOREWORD = """\
---
title: Foreword
type: editorial
summary: Why we made this issue.
date: 2019-03-01
status: published
authors: [neil-j]
tags: [housing]
---
Welcome. Read [the second piece](second.md).
"""
ISSUE_DIR = "content/issues/2019-03"
FOREWORD_PATH = f"{ISSUE_DIR}/foreword.md"
FOREWORD_BODY = "Welcome. Read [the second piece](second.md)."  # the foreword's file line 10

SECOND = """\
---
title: Second piece
type: article
summary: The second article.
date: 2019-03-01
status: published
authors: [staff-a, anon-1]
---
Some text.
"""

PAGE = """\
---
title: About us
---
We are a test.
"""

# Most tests are about the website; PDFs (about 1 s each) are made only where a test
# asks for them with its own `print:` settings (see tests/test_print_*.py).
WEB_ONLY = "print: {variants: []}\n"

BASE_FILES = {
    "site_config.yml": SITE_CONFIG + WEB_ONLY,
    "content/contributors.yml": CONTRIBUTORS,
    "content/issues/2019-03/issue.yml": ISSUE,
    "content/issues/2019-03/foreword.md": FOREWORD,
    "content/issues/2019-03/second.md": SECOND,
    "content/pages/about.md": PAGE,
}


def web_articles(count: int, tags: str = "[housing]") -> dict[str, str]:
    """Changes adding `count` web-only articles, 'Web piece 1' (oldest) to 'Web piece
    {count}' (newest, a day apart from 2020-01-01), by neil-j, each with `tags`."""
    import datetime as dt

    files = {}
    for n in range(1, count + 1):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
        files[f"content/articles/piece-{n:03d}.md"] = (
            f"---\ntitle: Web piece {n}\ntype: article\nsummary: Piece number {n}.\n"
            f"date: {day.isoformat()}\nstatus: published\nauthors: [neil-j]\ntags: {tags}\n"
            f"---\nThe text of piece {n}.\n"
        )
    return files


def write_publication(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the base publication into `root`, then apply `changes` (None deletes a file)."""
    files: dict[str, str | bytes | None] = {**BASE_FILES, **(changes or {})}
    for rel, text in files.items():
        path = root / rel
        if text is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def publication(tmp_path: Path):
    """A factory: publication(changes) -> root folder of a fresh publication."""

    def make(changes: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "pub"
        root.mkdir(exist_ok=True)
        return write_publication(root, changes)

    return make


@pytest.fixture
def every_run_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """No `check` or `build` is skipped as unchanged since the last run (that is
    tests/test_unchanged_inputs.py): for tests of what the normal path does when it runs
    again on the same inputs, or with flagpress's code patched between two runs."""
    monkeypatch.setattr(unchanged, "inputs_digest", lambda *_: None)


# What decides how problems look (tests/test_output.py sets them itself): a test run
# inside GitHub Actions, or in a terminal that forces colour, must see plain text.
OUTPUT_ENV: dict[str, str | None] = {"GITHUB_ACTIONS": None, "FORCE_COLOR": None, "NO_COLOR": None}


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run the flagpress CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(
        main, list(args), catch_exceptions=False, env={**OUTPUT_ENV, **(env or {})}
    )


def copy_sample(root: Path, *, pdfs: bool = False) -> Path:
    """Copy the repository's sample publication to `root` (created), safe to break and build.

    Tests never build the repository itself: a build writes `.flagpress-cache/` into its
    publication folder, and parallel workers must not share one. Without `pdfs` the copy
    builds the website only (PDFs take seconds; most tests are not about them).
    """
    root.mkdir(parents=True)
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(config + ("" if pdfs else WEB_ONLY), encoding="utf-8")
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample publication (website only), safe to break."""
    return copy_sample(tmp_path / "sample")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (following the site link) and its bytes."""
    base = folder.resolve()
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def png(width: int = 2, height: int = 2) -> bytes:
    """A PNG of `width` x `height` black pixels; a huge one only declares its size
    (its pixel data is cut short: size checks must refuse it before decoding)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = height if width * height <= 1_000_000 else 1
    pixels = zlib.compress((b"\x00" + b"\x00\x00\x00" * width) * rows)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --- what users see -----------------------------------------------------------------------


def with_body(text: str) -> dict[str, str]:
    """Changes giving the foreword `text` as its body (file line 10), details unchanged."""
    return {FOREWORD_PATH: FOREWORD.replace(FOREWORD_BODY, text)}


def check(root: Path, *extra: str) -> Result:
    """Run `flagpress check`; whatever happens, editors never see a traceback, and every
    message says what is wrong in a few words before saying what to do."""
    result = run("check", "--root", str(root), *extra)
    assert "Traceback" not in result.stderr + result.stdout
    too_long = [line for line in result.stderr.splitlines() if not short_enough(line)]
    assert not too_long, too_long
    return result


DIAGNOSTIC = re.compile(r"^(.+?):\d+:\d+: (?:error|warning): ")


def problem_lines(text: str) -> list[str]:
    """The diagnostic lines in what flagpress printed, in order: the file headings, the
    blank lines between files and the summary left out."""
    return [line for line in text.splitlines() if DIAGNOSTIC.match(line)]


def reported(*lines: str) -> str:
    """The stderr of a check that found `lines` (in file and line order): each file's
    heading, then its problems, a blank line after each file."""
    out = []
    for path in dict.fromkeys(DIAGNOSTIC.match(line)[1] for line in lines):
        out.append(path)
        out.extend(line for line in lines if DIAGNOSTIC.match(line)[1] == path)
        out.append("")
    return "".join(f"{line}\n" for line in out)


def summary(*lines: str, warnings: int = 0) -> str:
    """The summary line of a check that found `lines` (errors unless counted as warnings)."""
    errors, files = len(lines) - warnings, len({DIAGNOSTIC.match(line)[1] for line in lines})
    found = [
        f"{n} {word}{'s' * (n != 1)}" for n, word in ((errors, "error"), (warnings, "warning"))
    ]
    kinds = " and ".join(f for f, n in zip(found, (errors, warnings), strict=True) if n)
    return f"{kinds} in {files} file{'s' * (files != 1)}."


def flat(result: Result) -> str:
    """The diagnostics `flagpress check` printed, one a line, once the layout around them
    is as it must be: each file's heading before its problems, a blank line after each
    file (stderr), and the summary counting them (stdout)."""
    lines = problem_lines(result.stderr)
    assert result.stderr == reported(*lines)
    warnings = sum(": warning: " in DIAGNOSTIC.match(line)[0] for line in lines)
    assert result.stdout.splitlines()[-1] == summary(*lines, warnings=warnings)
    return "".join(f"{line}\n" for line in lines)


def shown(result: Result) -> tuple[str, str]:
    """What a check printed about problems: its stderr, and its summary line (stdout)."""
    return result.stderr, result.stdout.splitlines()[-1]


def expected(*lines: str, warnings: int = 0) -> tuple[str, str]:
    """What `shown` must be for a check that found `lines`."""
    return reported(*lines), summary(*lines, warnings=warnings)


# A volunteer reads what is wrong, then what to do: the first part, up to the first '; '
# (or '. ', or a '(did you mean' hint), stays within this many words.
MAX_PROBLEM_WORDS = 25
_DIAGNOSTIC = re.compile(r"^.*?:\d+:\d+: (?:error|warning): (?P<message>.*) \[[a-z0-9-]+\]$")


def short_enough(line: str) -> bool:
    """False for a diagnostic line whose problem (before its fix) is over MAX_PROBLEM_WORDS."""
    found = _DIAGNOSTIC.match(line)
    if found is None:
        return True  # the summary line, or not a diagnostic
    problem = re.split(r"; |\. | \(did you mean", found["message"], maxsplit=1)[0]
    return len(problem.split()) <= MAX_PROBLEM_WORDS


def expect_check(publication, changes: dict, *lines: str, warnings: int = 0) -> None:  # noqa: ANN001
    """`flagpress check` on the base publication with `changes` reports exactly `lines` and
    the summary (or nothing at all), with the matching exit code."""
    result = check(publication(changes))
    assert result.stderr == (reported(*lines) if lines else "")
    last = result.stdout.splitlines()[-1]
    if lines:
        assert last == summary(*lines, warnings=warnings)
    else:
        assert re.fullmatch(r"No problems found in \d+ files\.", last), last
    assert result.exit_code == (1 if len(lines) > warnings else 0)


def diagnostics(publication, changes: dict) -> list[str]:  # noqa: ANN001
    """The diagnostic lines `flagpress check` prints for the base publication with `changes`
    (headings and summary left off); the exit code must match the summary."""
    result = check(publication(changes))
    lines = problem_lines(result.stderr)
    errors = any(": error: " in DIAGNOSTIC.match(line)[0] for line in lines)
    assert result.exit_code == (1 if errors else 0), result.stderr
    return lines


def build(root: Path, *extra: str) -> Path:
    """Run `flagpress build`, which must succeed; returns the live site folder."""
    result = run("build", "--root", str(root), *extra)
    assert result.exit_code == 0, result.stderr
    return root / "site"


def page_html(site: Path, path: str) -> str:
    """The HTML of the page at `path` in the built site ('' for the home page)."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def visible_text(page: Path) -> str:
    """What a reader sees of a page: tags, scripts and styles removed, spaces collapsed."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"</?(a|em|strong|span|time)\b[^>]*>", "", raw)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def files_containing(folder: Path, *needles: str, suffixes: tuple[str, ...] = ()) -> list[str]:
    """`path: needle` for every file under `folder` (or only those with `suffixes`) holding one
    of `needles`; tests assert the list is empty, so a failure names every leak at once."""
    found = []
    for rel, data in snapshot(folder).items():
        if suffixes and not rel.endswith(suffixes):
            continue
        found += [f"{rel}: {needle}" for needle in needles if needle.encode() in data]
    return found


def pdf_page_texts(pdf: Path) -> list[str]:
    """The text pypdf extracts from each page of `pdf`, in page order."""
    return [page.extract_text() for page in PdfReader(pdf).pages]


def record_pools(monkeypatch: pytest.MonkeyPatch, module: object) -> list[bool]:
    """Whether each call of `module`'s `on_every_core` ran a pool of workers (in order)."""
    ran: list[bool] = []
    real = module.on_every_core  # type: ignore[attr-defined]

    def recorded(*args):  # noqa: ANN002, ANN202
        ran.append(real(*args))
        return ran[-1]

    monkeypatch.setattr(module, "on_every_core", recorded)
    return ran
