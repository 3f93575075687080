"""The website's pages are rendered on every core (mkdocs_adapter/pages.py): the site is
the one rendering them one by one gives, byte for byte, and a page no worker could
render fails the build exactly as it would alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FOREWORD, png, problem_lines, record_pools, run

from flagpress import every_core
from flagpress.render.web.mkdocs_adapter import pages

PIECES = 40  # more than every_core.MIN_ITEMS pages
pytestmark = pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")


def _piece(number: int) -> str:
    return FOREWORD.replace("title: Foreword", f"title: Piece {number}").replace(
        "Welcome. Read [the second piece](second.md).", f'Piece {number}\'s "own" words.'
    )


@pytest.fixture
def many(publication) -> Path:
    return publication({f"content/articles/piece-{n:02}.md": _piece(n) for n in range(PIECES)})


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each call ran a pool of workers."""
    return record_pools(monkeypatch, pages)


def _site(root: Path, output: Path) -> dict[str, bytes]:
    result = run("build", "--root", str(root), "--output", str(output))
    assert result.exit_code == 0, result.stderr
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in sorted(output.rglob("*"))
        if p.is_file() and p.name != ".flagpress-build"
    }


def test_pages_from_every_core_are_those_made_one_by_one(
    many: Path, tmp_path: Path, pools: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_every_core = _site(many, tmp_path / "every-core")
    assert pools == [True]
    assert "Piece 17’s “own” words." in on_every_core["articles/piece-17/index.html"].decode()
    monkeypatch.setattr(every_core, "cores_here", lambda: 1)
    for cached in (many / ".flagpress-cache").iterdir():
        cached.rename(tmp_path / f"old-{cached.name}")  # nothing reused: all rendered again
    one_by_one = _site(many, tmp_path / "one-by-one")
    assert pools == [True, False]
    assert on_every_core == one_by_one


def test_a_page_no_worker_could_render_fails_the_build_as_it_would_alone(
    many: Path, pools: list[bool]
) -> None:
    (many / "templates" / "theme").mkdir(parents=True, exist_ok=True)
    (many / "templates" / "theme" / "main.html").write_text(
        "{% extends 'base.html' %}{% block content %}\n"
        "{% if page.title == 'Piece 17' %}{{ page.nothing.here }}{% endif %}\n"
        "{{ super() }}{% endblock %}\n"
    )
    result = run("build", "--root", str(many))
    assert pools == [True]
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        "templates/theme/main.html:2:1: error: a theme template is broken ('flagpress.render."
        "web.mkdocs_adapter.site._Converted object' has no attribute 'nothing'); fix the file, "
        "or delete it to use flagpress's built-in theme [theme-error]"
    ]
    assert not (many / "site").exists()


# --- pages described on every core (render/web/described.py, every_core.in_order) -------


def test_pages_are_described_on_every_core_as_one_by_one(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site is the same (above); here the describing pool ran, and a second build
    describes nothing again."""
    described = record_pools(monkeypatch, every_core)
    _site(many, tmp_path / "first")
    assert described == [True]
    (many / "content/articles/piece-05.md").write_text(_piece(5).replace("own", "new"))
    _site(many, tmp_path / "first")  # one page and the lists holding it: too few for a pool
    assert described == [True, False]


def _linking(number: int, link: str) -> str:
    return _piece(number).replace("words.", f"words. {link}")


def test_files_pages_ask_for_are_published_and_refused_in_page_order(
    publication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate sees each page's files in the order one process would ask for them: the
    same diagnostics (a clash is reported at the first page to link the file), the same
    files published, whichever worker rendered which page."""
    pieces = {f"content/articles/piece-{n:02}.md": _piece(n) for n in range(PIECES)}
    favicon = "![A bar](../assets/images/favicon.png)"  # the theme's own address
    pieces["content/articles/piece-07.md"] = _linking(7, favicon)
    pieces["content/articles/piece-09.md"] = _linking(9, "[a tool](tool.js)")
    pieces["content/articles/piece-21.md"] = _linking(21, favicon)
    pieces["content/assets/images/favicon.png"] = png()
    pieces["content/articles/tool.js"] = "alert(1)"
    root = publication(pieces)
    described = record_pools(monkeypatch, every_core)
    on_every_core = run("build", "--root", str(root))
    assert described[-1] is True and on_every_core.exit_code == 1
    monkeypatch.setattr(every_core, "cores_here", lambda: 1)
    alone = run("build", "--root", str(root))
    assert described[-1] is False
    assert (alone.exit_code, alone.stderr) == (1, on_every_core.stderr)
    shown = [line.split(": ")[0] for line in problem_lines(on_every_core.stderr)]
    assert shown == [
        "content/articles/piece-09.md:10:33",  # the script
        "content/articles/piece-21.md:10:34",  # the clash: where the site first links it
    ]


def test_a_page_a_worker_could_not_render_is_rendered_here(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flagpress.render.web.context import SiteBuilder

    main, real = os.getpid(), SiteBuilder.render

    def only_here(self, spec):  # noqa: ANN001, ANN202
        if os.getpid() != main and spec.title == "Piece 17":
            raise RuntimeError("a worker that fails")
        return real(self, spec)

    monkeypatch.setattr(SiteBuilder, "render", only_here)
    described = record_pools(monkeypatch, every_core)
    site = _site(many, tmp_path / "every-core")
    assert described == [True]
    assert "Piece 17’s “own” words." in site["articles/piece-17/index.html"].decode()
