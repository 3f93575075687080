"""PDFs may only use files inside the publication: nothing else can be pulled into one.

Each attack is tried twice: through `flagpress build` (where validation stops it
first, at the editor's line) and straight through the print renderer, skipping
validation, as a template override or a crafted SVG would. Either way the build
fails with a diagnostic naming the file and the reference, and no PDF exists.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import FOREWORD_PATH, SITE_CONFIG, run, with_body, write_publication
from weasyprint.urls import FatalURLFetchingError

from flagpress.load import load_publication
from flagpress.render.edition import build_edition
from flagpress.render.press import render_editions
from flagpress.render.press.fetcher import SandboxedFetcher

MARKER = b"TOP-SECRET-MARKER-7f3a"
SECRETS = ("secret.png", "secret.txt")
ONLY_SCREEN = "print: {variants: [screen]}\n"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def pub(tmp_path: Path):
    """A factory: a small publication next to secret files it must never print."""
    (tmp_path / "secret.png").write_bytes(MARKER)
    (tmp_path / "secret.txt").write_bytes(MARKER)

    def make(changes: dict[str, str | bytes | None]) -> Path:
        root = tmp_path / "pub"
        root.mkdir(exist_ok=True)
        (root / "secret.png").write_bytes(MARKER)  # in the publication, outside content/
        return write_publication(root, changes)

    return make


def config_with(extra: str) -> str:
    return SITE_CONFIG + extra


def body(text: str) -> str:
    """The foreword's text with `text` as its body (file line 10)."""
    return with_body(text)[FOREWORD_PATH]


ATTACKS = {
    "file-url": "![x](file:///etc/passwd)",
    "climbing-out": "![x](../../secret.png)",
    "climbing-further": "![x](../../../secret.png)",
    "network": "![x](http://127.0.0.1:9/x.png)",
    "attachment": '<a rel="attachment" href="../../../secret.txt">notes</a>',
}


def no_pdf_and_no_secret(tmp_path: Path) -> None:
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.name not in SECRETS:
            assert path.suffix != ".pdf", path
            assert MARKER not in path.read_bytes(), path


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_reference_outside_content_fails_the_build_at_its_line(
    pub, tmp_path: Path, attack: str
) -> None:
    root = pub({"content/issues/2019-03/foreword.md": body(ATTACKS[attack])})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "content/issues/2019-03/foreword.md:10:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (root / "site").exists()
    no_pdf_and_no_secret(tmp_path)


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_renderer_itself_refuses_what_validation_would_stop(
    pub, tmp_path: Path, attack: str
) -> None:
    root = pub(
        {
            "site_config.yml": config_with(ONLY_SCREEN),
            "content/issues/2019-03/foreword.md": body(ATTACKS[attack]),
        }
    )
    publication, _ = load_publication(root)  # no validation: the renderer stands alone
    editions = render_editions(build_edition(publication, root, TODAY))
    assert editions.files == []
    problems = [p for p in editions.problems if p.severity.value == "error"]
    assert problems, attack
    assert problems[0].path == "content/issues/2019-03/foreword.md"
    assert problems[0].line == 10
    assert problems[0].code in ("print-refused-file", "print-refused-html")
    no_pdf_and_no_secret(tmp_path)


TEMPLATE_ATTACKS = {
    "climbing-out": '<img src="../secret.png" alt="">',
    "root-relative": '<img src="secret.png" alt="">',
    "file-url": '<img src="file:///etc/passwd" alt="">',
    "network": '<img src="http://127.0.0.1:9/x.png" alt="">',
    "attachment": '<a rel="attachment" href="../secret.txt">notes</a>',
    "css-import": '<style>@import url("../secret.txt");</style>',
}


@pytest.mark.parametrize("attack", TEMPLATE_ATTACKS)
def test_a_print_template_cannot_reach_outside_content_and_templates(
    pub, tmp_path: Path, attack: str
) -> None:
    cover = f"<section>{TEMPLATE_ATTACKS[attack]}<h1>Cover</h1></section>\n"
    root = pub(
        {
            "site_config.yml": config_with(ONLY_SCREEN),
            "templates/print/cover.html": cover,
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 1, result.stdout
    assert re.search(r"\[print-(refused-file|attachment)\]", result.stderr)
    assert "templates/print/cover.html:1:" in result.stderr
    assert "Traceback" not in result.stderr
    no_pdf_and_no_secret(tmp_path)


def test_an_attachment_of_a_file_inside_content_is_refused_too(pub, tmp_path: Path) -> None:
    link = '<a rel="attachment" href="content/issues/2019-03/second.md">source</a>'
    root = pub(
        {
            "site_config.yml": config_with(ONLY_SCREEN),
            "templates/print/cover.html": f"<section>{link}</section>\n",
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "[print-attachment]" in result.stderr
    assert not list(root.rglob("*.pdf"))


SVG_LEAK = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  width="100" height="100"><image xlink:href="file://{secret}" width="100" height="100"/></svg>
"""


def test_an_svg_cannot_pull_in_a_file_and_the_article_using_it_is_named(
    pub, tmp_path: Path
) -> None:
    root = pub(
        {
            "site_config.yml": config_with(ONLY_SCREEN),
            "content/issues/2019-03/images/chart.svg": SVG_LEAK.format(
                secret=tmp_path / "secret.png"
            ),
            "content/issues/2019-03/foreword.md": body("![A chart](images/chart.svg)"),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert re.search(r"foreword.md:10:\d+: error: the PDF may not use .file://", result.stderr)
    assert "(inside chart.svg)" in result.stderr
    no_pdf_and_no_secret(tmp_path)


def test_a_symlink_out_of_content_is_refused(pub, tmp_path: Path) -> None:
    root = pub({"site_config.yml": config_with(ONLY_SCREEN)})
    images = root / "content/issues/2019-03/images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "photo.png").symlink_to(tmp_path / "secret.png")
    (root / "content/issues/2019-03/foreword.md").write_text(body("![A photo](images/photo.png)"))
    publication, _ = load_publication(root)
    editions = render_editions(build_edition(publication, root, TODAY))
    assert [p.code for p in editions.problems] == ["print-refused-file"]
    no_pdf_and_no_secret(tmp_path)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        # A drawing WeasyPrint cannot read: what it logs as an ERROR fails the PDF.
        ("broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'", "print-error"),
        # A damaged photo: refused by the fetcher before WeasyPrint sees it.
        ("broken.png", b"\x89PNG\r\n\x1a\nnot really", "print-refused-file"),
    ],
)
def test_an_unreadable_picture_fails_the_pdf_at_its_line(
    pub, name: str, data: bytes, code: str
) -> None:
    root = pub(
        {
            "site_config.yml": config_with(ONLY_SCREEN),
            f"content/issues/2019-03/images/{name}": data,
            "content/issues/2019-03/foreword.md": body(f"![A broken picture](images/{name})"),
        }
    )
    publication, _ = load_publication(root)
    editions = render_editions(build_edition(publication, root, TODAY))
    assert editions.files == []
    assert [(p.path, p.line, p.code) for p in editions.problems] == [
        ("content/issues/2019-03/foreword.md", 10, code)
    ]
    assert not list(root.rglob("*.pdf"))


def test_the_fetcher_decides_on_resolved_paths_not_string_prefixes(tmp_path: Path) -> None:
    content = tmp_path / "pub" / "content"
    evil = tmp_path / "pub" / "content-evil"
    for folder in (content, evil):
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text("x")
    fetcher = SandboxedFetcher([content])
    assert fetcher.fetch((content / "a.txt").as_uri()).read() == b"x"
    for url in (
        (evil / "a.txt").as_uri(),
        (content / ".." / "content-evil" / "a.txt").as_uri(),
        "file://otherhost" + str(content / "a.txt"),
        "http://127.0.0.1:9/a.txt",
        "data:text/plain,x",
        (content / "missing.txt").as_uri(),
    ):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)
    assert fetcher.fetched == [(content / "a.txt").resolve()]
