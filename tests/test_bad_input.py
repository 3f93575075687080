"""The bad-input suite: every way a volunteer's file can be broken gets a clear answer.

One case per kind of breakage. Each asserts the exact place and code of the first
diagnostic (file, line, column), the exit code, and that no Python traceback is
printed. Message wording is asserted in the per-rule tests; here the point is that
nothing slips through or crashes.
"""

from __future__ import annotations

import os

import pytest
from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    SITE_CONFIG,
    check,
    png,
    problem_lines,
    run,
    with_body,
)

A = FOREWORD_PATH
PEOPLE = "content/contributors.yml"
CONFIG = "site_config.yml"
ISSUE_FILE = "content/issues/2019-03/issue.yml"
PAGE = "content/pages/about.md"


def fm(old: str, new: str) -> dict[str, str]:
    """The foreword with `old` replaced by `new`."""
    assert old in FOREWORD
    return {A: FOREWORD.replace(old, new)}


def people(old: str, new: str) -> dict[str, str]:
    assert old in CONTRIBUTORS
    return {PEOPLE: CONTRIBUTORS.replace(old, new)}


def config(old: str, new: str) -> dict[str, str]:
    assert old in SITE_CONFIG
    return {CONFIG: SITE_CONFIG.replace(old, new)}


SECOND_WEB = FOREWORD.replace("Read [the second piece](second.md).", "")
NESTED = "".join("  " * i + "- x\n" for i in range(40))

CASES: dict[str, tuple[dict, str]] = {
    # --- YAML and front matter ------------------------------------------------------
    "malformed yaml": (fm("type: editorial", "type: [editorial"), f"{A}:4:8: yaml-syntax"),
    "tab indentation": (fm("status: published", "status:\tpublished"), f"{A}:6:8: yaml-tab"),
    "duplicate key": (
        fm("status: published", "status: published\nstatus: draft"),
        f"{A}:7:1: duplicate-key",
    ),
    "unclosed front matter": (
        {A: FOREWORD.replace("---\nWelcome", "Welcome")},
        f"{A}:1:1: unclosed-front-matter",
    ),
    "no front matter": ({A: "Just text.\n"}, f"{A}:1:1: no-front-matter"),
    "empty file": ({A: ""}, f"{A}:1:1: empty-file"),
    "anchor": (fm("tags: [housing]", "tags: &t [housing]"), f"{A}:8:7: yaml-anchor"),
    "alias": (fm("tags: [housing]", "tags: [housing]\nsummary2: *t"), f"{A}:9:11: yaml-alias"),
    "python tag": (
        fm("status: published", "status: !!python/object:os.system x"),
        f"{A}:6:9: yaml-tag",
    ),
    "impossible date": (fm("date: 2019-03-01", "date: 2019-02-30"), f"{A}:5:7: bad-date"),
    "non-iso date": (fm("date: 2019-03-01", "date: 01/03/2019"), f"{A}:5:7: bad-date"),
    "yes for a boolean": (
        people(
            "web: true, print: true, given: 2019-01-10}\n- id: staff-a",
            "web: yes, print: true, given: 2019-01-10}\n- id: staff-a",
        ),
        f"{PEOPLE}:5:18: not-a-boolean",
    ),
    "unquoted octal-looking number stays text": (fm("tags: [housing]", "tags: [0123]"), None),
    "time-looking value stays text": (
        fm("summary: Why we made this issue.", "summary: 12:30"),
        None,
    ),
    "unknown key with suggestion": (fm("authors:", "autors:"), f"{A}:7:1: unknown-key"),
    # --- pasted from Word ----------------------------------------------------------------
    "curly quotes round a title": (
        fm("title: Foreword", "title: \u201cForeword: a note\u201d"),
        f"{A}:2:8: word-quotes",
    ),
    "non-breaking space": (fm("title: Foreword", "title:\u00a0Foreword"), f"{A}:2:7: word-space"),
    "en dash bullet": (fm("tags: [housing]", "tags:\n  \u2013 housing"), f"{A}:9:3: word-bullet"),
    "a name for an id": (fm("authors: [neil-j]", "authors: [Neil J]"), f"{A}:7:11: bad-id"),
    # --- registry ----------------------------------------------------------------------
    "unknown contributor": (
        fm("authors: [neil-j]", "authors: [neil-jj]"),
        f"{A}:7:11: unknown-contributor",
    ),
    "duplicate id": (
        people("- id: staff-a", "- id: neil-j"),
        f"{PEOPLE}:6:3: duplicate-contributor",
    ),
    "id differing in case": (people("- id: staff-a", "- id: Neil-J"), f"{PEOPLE}:6:7: bad-id"),
    "zero-width character in id": (
        people("- id: staff-a", "- id: staff\u200b-a"),
        f"{PEOPLE}:6:12: invisible-character",
    ),
    "confusable id": (people("- id: staff-a", "- id: nei1-j"), f"{PEOPLE}:6:3: look-alike-id"),
    "unknown role": (people("roles: [editor]", "roles: [editr]"), f"{PEOPLE}:9:11: unknown-role"),
    "missing name": (people("  name: Alex\n", ""), f"{PEOPLE}:6:3: missing-name"),
    # --- Markdown and HTML -------------------------------------------------------------
    "raw script": (with_body("<script>alert(1)</script>"), f"{A}:10:1: raw-html"),
    "event handler": (with_body('<img src="x.png" onerror="alert(1)">'), f"{A}:10:1: raw-html"),
    "iframe": (with_body('<iframe src="https://example.org"></iframe>'), f"{A}:10:1: raw-html"),
    "form": (with_body('<form action="/x"><input></form>'), f"{A}:10:1: raw-html"),
    "style": (with_body("<style>body{display:none}</style>"), f"{A}:10:1: raw-html"),
    "javascript link": (with_body("[x](javascript:alert(1))"), f"{A}:10:5: unsafe-link"),
    "vbscript link": (with_body("[x](vbscript:msgbox)"), f"{A}:10:5: unsafe-link"),
    "data link": (with_body("[x](data:text/html,hi)"), f"{A}:10:5: unsafe-link"),
    "attr_list handler stays text": (with_body("Hi {: onclick=alert(1) }"), None),
    "unclosed pull quote": (
        with_body("/// pull-quote\nQuote.\n\nRest."),
        f"{A}:10:1: unclosed-block",
    ),
    "misspelt block": (with_body("/// pullquote\nQuote.\n///"), f"{A}:10:1: unknown-block"),
    "footnote without its note": (with_body("Claim.[^2]"), f"{A}:10:7: missing-footnote"),
    "html in title is text": (fm("title: Foreword", 'title: "<b>Foreword</b>"'), None),
    # --- links and images ----------------------------------------------------------------
    "path traversal image": (with_body("![x](../../../secret.png)"), f"{A}:10:6: outside-content"),
    "absolute path": (with_body("[x](/etc/passwd)"), f"{A}:10:5: absolute-link"),
    "file url": (with_body("![x](file:///etc/passwd)"), f"{A}:10:6: unsafe-link"),
    "remote image": (with_body("![x](http://127.0.0.1:9/x.png)"), f"{A}:10:6: remote-image"),
    "missing image": (with_body("![x](images/nope.png)"), f"{A}:10:6: missing-image"),
    "image without alt": (
        {**with_body("![](images/a.png)"), "content/issues/2019-03/images/a.png": png()},
        f"{A}:10:5: image-no-alt",
    ),
    "decompression bomb": (
        {
            **with_body("![Big](images/a.png)"),
            "content/issues/2019-03/images/a.png": png(60000, 60000),
        },
        f"{A}:10:8: image-too-large",
    ),
    "not really an image": (
        {
            **with_body("![Fake](images/a.png)"),
            "content/issues/2019-03/images/a.png": b"GIF89a nonsense",
        },
        f"{A}:10:9: bad-image",
    ),
    "link to a draft": (
        {
            **with_body("[x](second.md)"),
            "content/issues/2019-03/second.md": (
                "---\ntitle: S\ntype: news\nsummary: S.\ndate: 2019-03-01\n"
                "status: draft\nauthors: [staff-a]\n---\nText\n"
            ),
        },
        f"{A}:10:5: link-to-draft",
    ),
    "link to an embargoed article": (
        {
            **with_body("[x](second.md)"),
            "content/issues/2019-03/second.md": (
                "---\ntitle: S\ntype: news\nsummary: S.\n"
                "date: 2019-03-01\nstatus: published\n"
                "publish_after: 2999-01-01\nauthors: [staff-a]\n"
                "---\nText\n"
            ),
        },
        f"{A}:10:5: link-to-draft",
    ),
    # --- files ---------------------------------------------------------------------------
    "latin-1 file": (
        {A: FOREWORD.replace("Welcome", "Caf\u00e9").encode("latin-1")},
        f"{A}:10:4: not-utf8",
    ),
    "bom and crlf accepted": ({A: ("\ufeff" + FOREWORD).replace("\n", "\r\n").encode()}, None),
    "lone cr accepted": ({A: FOREWORD.replace("\n", "\r").encode()}, None),
    "same slug by case": (
        {"content/articles/Note.md": SECOND_WEB, "content/articles/note.md": SECOND_WEB},
        "content/articles/note.md:1:1: duplicate-slug",
    ),
    "same slug by accents": (
        {"content/articles/caf\u00e9.md": SECOND_WEB, "content/articles/cafe.md": SECOND_WEB},
        "content/articles/caf\u00e9.md:1:1: duplicate-slug",
    ),
    "oversized article": ({A: FOREWORD + "x" * 1_000_001}, f"{A}:1:1: file-too-large"),
    "nested too deep": (with_body(NESTED), f"{A}:27:1: too-deeply-nested"),
    # --- config --------------------------------------------------------------------------
    "config missing keys": ({CONFIG: "title: T\n"}, f"{CONFIG}:1:1: missing-key"),
    "config unknown key": (config("publisher:", "publsher:"), f"{CONFIG}:2:1: unknown-key"),
    "issue without running order": (
        {ISSUE_FILE: ISSUE.replace("articles:", "artcles:")},
        f"{ISSUE_FILE}:1:1: missing-key",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(publication, name: str) -> None:
    changes, expected = CASES[name]
    result = check(publication(changes))
    output = result.stdout + result.stderr
    if expected is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 1, output
    found = []
    for line in result.stderr.splitlines()[:-1]:
        where, _, rest = line.partition(": error: ")
        found.append(f"{where}: {rest.rsplit('[', 1)[-1].rstrip(']')}")
    assert expected in found, result.stderr


def test_a_symlink_out_of_the_publication_is_never_followed(publication, tmp_path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(FOREWORD.replace("Welcome.", "Private notes about a client."))
    root = publication()
    (root / "content/articles").mkdir()
    os.symlink(secret, root / "content/articles/notes.md")
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0].startswith(
        "content/articles/notes.md:1:1: error: this file is a link to somewhere outside"
    )
    assert not (root / "site").exists()


@pytest.mark.parametrize("where", [".", "content", "content/x", "/", "~"])
def test_output_folders_that_would_destroy_work_are_refused(publication, where: str) -> None:
    root = publication()
    output = os.path.expanduser(where) if where in ("/", "~") else str(root / where)
    result = run("build", "--root", str(root), "--output", output)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
