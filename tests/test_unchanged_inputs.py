"""`check` and `build` run again with nothing changed: the last answer, without the work.

What they print must be exactly what the full path prints; any change to what a run
depends on (a body, an image, the private file, the settings, a template, the date, an
option) must take the full path; a website changed by hand, or a damaged memory, too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE_DIR,
    REPO,
    SECOND,
    SITE_CONFIG,
    WEB_ONLY,
    build,
    check,
    page_html,
    png,
    problem_lines,
    run,
    snapshot,
    with_body,
)

from flagpress import pipeline
from flagpress.commands import choices, unchanged
from flagpress.commands.unchanged import NOTHING_CHANGED
from flagpress.publish.release import MARKER, stage
from flagpress.render.report import writers

PHONE = "Ring 07700 900123 any time."
PHONE_WARNING = (
    f"{FOREWORD_PATH}:10:6: warning: this looks like a phone number; personal details must "
    "not be published. Remove it, or write the publication's own contact details instead "
    "[personal-data]"
)
PRIVATE = "neil-j: {real_name: Neil Jonesborough, phone: '07700 900123'}\n"
# Errors and warnings in several files, one quoting a private detail (withheld).
BROKEN = {
    **with_body(f"Yesterday Neil Jonesborough said hello. {PHONE}"),
    f"{ISSUE_DIR}/second.md": FOREWORD.replace("authors: [neil-j]", "authors: [sam]"),
    "content/contributors.private.yml": PRIVATE,
    "site_config.yml": SITE_CONFIG + WEB_ONLY + "plain_language: {max_sentence_words: 4}\n",
}
FORMATS = ("text", "json", "github")


def _said(result) -> tuple[str, str, int]:  # noqa: ANN001 - click's Result
    return result.stdout, result.stderr, result.exit_code


def _pages(site: Path | dict[str, bytes]) -> dict[str, bytes]:
    """Every file of a website but the marker (which names its release)."""
    files = snapshot(site) if isinstance(site, Path) else site
    return {address: data for address, data in files.items() if address != MARKER}


def _forget_runs(root: Path) -> None:
    for record in (root / ".flagpress-cache/runs").glob("*.json"):
        record.unlink()


def _nothing_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a check or build that loads anything fails (exit 70, a bug)."""

    def loaded(*_: object) -> None:
        raise AssertionError("the publication was loaded")

    monkeypatch.setattr(pipeline, "shown_problems", loaded)
    monkeypatch.setattr(pipeline, "build", loaded)


# --- check: the same output, byte for byte -------------------------------------------------


@pytest.mark.parametrize("extra", [(), ("--readability",), (ISSUE_DIR, "--strict")])
@pytest.mark.parametrize("changes", [{}, BROKEN], ids=["clean", "broken"])
def test_an_unchanged_check_prints_what_the_full_one_prints(
    publication, monkeypatch, changes: dict, extra: tuple[str, ...]
) -> None:
    root = publication(changes)
    full = {}
    for form in FORMATS:
        _forget_runs(root)
        full[form] = _said(check(root, "--format", form, *extra))
    _nothing_loads(monkeypatch)
    for form in FORMATS:
        assert _said(check(root, "--format", form, *extra)) == full[form], form


def test_the_broken_publication_is_reported_as_editors_expect(publication) -> None:
    """What the comparison above compares: real problems, a private detail withheld."""
    root = publication(BROKEN)
    first = check(root)
    assert first.exit_code == 1
    lines = problem_lines(first.stderr)
    assert lines[1:] == [
        PHONE_WARNING.replace(":10:6:", ":10:46:"),
        f"{ISSUE_DIR}/second.md:7:11: error: no contributor 'sam' in content/contributors.yml "
        "[unknown-contributor]",
    ]
    assert "'Yesterday [private detail withheld] said hello.'" in lines[0]
    assert "Jonesborough" not in first.stderr
    assert _said(check(root)) == _said(first)


def test_what_is_remembered_holds_no_private_value(publication) -> None:
    """A draft (checked, never published) quoting a real name: the build succeeds, and
    its warning, like the check's, is remembered only as it was shown, withheld."""
    draft = SECOND.replace("status: published", "status: draft").replace(
        "Some text.", "Yesterday Neil Jonesborough said hello to us all."
    )
    root = publication({**BROKEN, **with_body("Welcome."), f"{ISSUE_DIR}/second.md": draft})
    assert check(root).exit_code == 0
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "'Yesterday [private detail withheld] said hello to us all.'" in result.stderr
    records = sorted((root / ".flagpress-cache/runs").glob("*.json"))
    assert [p.name for p in records] == ["build.json", "check.json"]
    for record in records:
        remembered = record.read_text(encoding="utf-8")
        assert "Yesterday [private detail withheld] said hello" in remembered, record.name
        for secret in ("Jonesborough", "07700 900123"):
            assert secret not in remembered, record.name


# --- check: any change takes the full path ------------------------------------------------


def _masthead(root: Path) -> None:
    (root / "templates/masthead.svg").unlink()


def _same_size(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` with `new` (as long) in `path`: only the bytes tell the change."""
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))


# Each change keeps the file's size (except the deleted template), and makes a problem.
CHANGES = {
    "an article's body": lambda root: _same_size(root / FOREWORD_PATH, b"(images/", b"(imagez/"),
    "an image's bytes": lambda root: (root / ISSUE_DIR / "images/x.png").write_bytes(
        b"x" * len(png())
    ),
    "the private file": lambda root: _same_size(
        root / "content/contributors.private.yml", b"neil-j:", b"nell-j:"
    ),
    "the settings": lambda root: _same_size(root / "site_config.yml", b"none", b"nope"),
    "a template": _masthead,
}
BRANDED = {
    "site_config.yml": SITE_CONFIG + WEB_ONLY + "brand: {masthead: templates/masthead.svg}\n",
    "templates/masthead.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>M</title></svg>',
    **with_body("![A chart](images/x.png)"),
    f"{ISSUE_DIR}/images/x.png": png(),
    "content/contributors.private.yml": PRIVATE,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_check_after_a_change_finds_what_a_fresh_one_finds(
    publication, tmp_path: Path, change: str
) -> None:
    root = publication(BRANDED)
    before = check(root)
    assert _said(check(root)) == _said(before)  # remembered
    CHANGES[change](root)
    after = check(root)
    assert problem_lines(after.stderr) != problem_lines(before.stderr)
    _forget_runs(root)
    assert _said(after) == _said(check(root))  # what a check with no memory says


def test_options_take_the_full_path(publication, monkeypatch) -> None:
    root = publication(with_body(PHONE))
    plain = check(root)
    assert plain.exit_code == 0 and PHONE_WARNING in plain.stderr
    assert check(root, "--strict").exit_code == 1
    assert "reading ease" in check(root, "--readability").stdout
    assert check(root, "content/pages").stderr == ""
    assert _said(check(root)) == _said(plain)


def test_the_date_takes_the_full_path(publication) -> None:
    """Consent withdrawn from a date on: the day before, nothing; from that day, a check
    remembered the day before must not be shown (tests set today as the pipeline does)."""
    withdrawing = CONTRIBUTORS.replace(
        "given: 2019-01-10}", "given: 2019-01-10, withdrawn: 2031-01-01}", 1
    )
    root = publication({"content/contributors.yml": withdrawing})

    def on(day: dt.date) -> list[str]:
        def full() -> unchanged.Checked:
            return pipeline.shown_problems(root, day, None, False)

        return [p.format() for p in unchanged.check(root, day, {}, full).problems]

    before = on(dt.date(2030, 12, 31))
    assert before == on(dt.date(2030, 12, 31))
    after = on(dt.date(2031, 1, 1))
    assert any("[consent-withdrawn]" in line for line in after), after
    assert not any("[consent-withdrawn]" in line for line in before), before


def test_a_check_during_which_a_file_changed_is_not_remembered(publication) -> None:
    root = publication()
    day = dt.date.today()

    def editing() -> unchanged.Checked:
        found = pipeline.shown_problems(root, day, None, False)
        (root / FOREWORD_PATH).write_text(FOREWORD.replace("Welcome.", PHONE), encoding="utf-8")
        return found

    assert unchanged.check(root, day, {}, editing).problems == []
    assert not (root / ".flagpress-cache/runs/check.json").exists()
    assert PHONE_WARNING in check(root).stderr


def test_a_damaged_record_takes_the_full_path(publication) -> None:
    root = publication(with_body(PHONE))
    first = check(root)
    record = root / ".flagpress-cache/runs/check.json"
    for damage in ("{not json", '{"format": 1, "digest": 3}', json.dumps([1, 2])):
        record.write_text(damage, encoding="utf-8")
        assert _said(check(root)) == _said(first), damage
    data = json.loads(record.read_text(encoding="utf-8"))
    data["problems"][0]["line"] = "10"  # planted, or from another version: not a problem
    record.write_text(json.dumps(data), encoding="utf-8")
    assert _said(check(root)) == _said(first)


def test_a_linked_folder_is_never_trusted(publication, tmp_path: Path) -> None:
    """Files behind a linked folder could change without the publication's changing."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = publication()
    (root / "templates").symlink_to(elsewhere)
    check(root)
    assert not (root / ".flagpress-cache/runs/check.json").exists()


# --- build ---------------------------------------------------------------------------------


def test_a_build_with_nothing_changed_does_nothing(publication, monkeypatch) -> None:
    root = publication(with_body(PHONE))
    live = build(root).resolve()
    before = snapshot(root / "site")
    _nothing_loads(monkeypatch)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0
    assert result.stdout == f"{NOTHING_CHANGED}\n"
    assert problem_lines(result.stderr) == [PHONE_WARNING]  # the last build's warning
    assert (root / "site").resolve() == live
    assert snapshot(root / "site") == before


def test_an_unchanged_build_in_json_says_nothing_was_built(publication, monkeypatch) -> None:
    root = publication()
    build(root)
    _nothing_loads(monkeypatch)
    result = run("build", "--root", str(root), "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["result"]["built"] is False
    assert document["result"]["live_site_changed"] is False
    assert document["result"]["nothing_changed"] is True


@pytest.mark.parametrize("damage", ["edited", "deleted", "added", "relinked"])
def test_a_changed_live_website_is_built_again(publication, tmp_path: Path, damage: str) -> None:
    root = publication()
    site = build(root)
    clean = snapshot(site)
    page = site.resolve() / "about/index.html"
    if damage == "edited":
        os.chmod(page, 0o644)
        page.write_text("<p>Edited by hand.</p>", encoding="utf-8")
    elif damage == "deleted":
        page.unlink()
    elif damage == "added":
        (site.resolve() / "extra.html").write_text("<p>Hello</p>", encoding="utf-8")
    else:  # pointed at a copy: not the release that build left
        copy = root / ".site-releases/release-copy"
        shutil.copytree(site.resolve(), copy, symlinks=True)
        site.unlink()
        site.symlink_to(os.path.relpath(copy, root))
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Built ")
    assert _pages(site) == _pages(clean)


def test_a_killed_builds_staging_folder_is_cleared_by_a_real_build(publication) -> None:
    root = publication()
    build(root)
    staging = stage(root / "site")  # as if a build had been killed half-way
    assert run("build", "--root", str(root)).stdout.startswith("Built ")
    assert not staging.exists()


def test_a_changed_printers_folder_is_built_again(publication) -> None:
    root = publication({"site_config.yml": SITE_CONFIG + "print: {variants: [print]}\n"})
    build(root)
    assert run("build", "--root", str(root)).stdout == f"{NOTHING_CHANGED}\n"
    (pdf,) = (root / "print").resolve().glob("*.pdf")
    pdf.unlink()
    result = run("build", "--root", str(root))
    assert result.stdout.startswith("Built "), result.stdout
    assert (root / "print" / pdf.name).is_file()


@pytest.mark.parametrize("change", ["body", "template"])
def test_a_build_after_a_change_builds(publication, change: str) -> None:
    root = publication()
    site = build(root)
    if change == "body":
        (root / FOREWORD_PATH).write_text(
            FOREWORD.replace("Welcome.", "Welcome back."), encoding="utf-8"
        )
        expected, page = "Welcome back.", "issues/2019-03/foreword"
    else:
        template = root / "templates/web/page.html"
        template.parent.mkdir(parents=True)
        template.write_text("<p>Custom page</p>{{ body|safe }}", encoding="utf-8")
        expected, page = "<p>Custom page</p>", "about"
    result = run("build", "--root", str(root))
    assert result.stdout.startswith("Built "), result.stdout
    assert expected in page_html(site, page)


def test_a_strict_build_after_a_lenient_one_builds(publication) -> None:
    root = publication(with_body(PHONE))
    build(root)
    result = run("build", "--root", str(root), "--strict")
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [PHONE_WARNING]


def test_a_damaged_build_record_builds_again(publication) -> None:
    root = publication()
    build(root)
    (root / ".flagpress-cache/runs/build.json").write_text("[]", encoding="utf-8")
    assert run("build", "--root", str(root)).stdout.startswith("Built ")
    assert run("build", "--root", str(root)).stdout == f"{NOTHING_CHANGED}\n"


# --- cost -----------------------------------------------------------------------------------

HEAVY = ("markdown", "yaml", "mkdocs", "material", "weasyprint", "inflect", "PIL", "jinja2")


def test_an_unchanged_run_imports_nothing_heavy(publication) -> None:
    root = publication()
    build(root)
    check(root)
    program = (
        "import runpy, sys\n"
        "sys.argv = ['flagpress', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('flagpress.cli', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for command in ("check", "build"):
        ran = subprocess.run(
            [sys.executable, "-c", program, command, "--root", str(root)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert ran.stdout.splitlines()[-1] == "[]", (command, ran.stdout, ran.stderr)


def test_the_report_formats_offered_are_those_written() -> None:
    assert choices.REPORT_FORMATS == writers.FORMATS
