"""The website's pages are rendered on every core (mkdocs_adapter/pages.py): the site is
the one rendering them one by one gives, byte for byte, and a page no worker could
render fails the build exactly as it would alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FOREWORD, problem_lines, record_pools, run

from flagpress import every_core
from flagpress.render.web.mkdocs_adapter import pages

PIECES = 40  # more than every_core.MIN_ITEMS pages
pytestmark = pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")


def _piece(number: int) -> str:
    return FOREWORD.replace("title: Foreword", f"title: Piece {number}").replace(
        "Welcome. Read [the second piece](second.md).", f"Piece {number}'s \"own\" words."
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
    assert "Piece 17’s “own” words." in on_every_core[
        "articles/piece-17/index.html"
    ].decode()
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
