"""Shared fixtures: a small valid publication that each test breaks in one way."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flagpress.cli import main

REPO = Path(__file__).resolve().parent.parent

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


def run(*args: str) -> Result:
    """Run the flagpress CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample publication, safe to break."""
    import shutil

    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root)
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", root / "templates")
    return root


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
