"""Incremental builds: after any kind of change, the website a build publishes equals,
byte for byte, what a clean build (no cache, no previous release) publishes from the
same files; pages whose inputs did not change are not rendered again, and files that
did not change are the previous release's own (hard links), never written again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import (
    CONTRIBUTORS,
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    NEIL_NO_WEB,
    SECOND,
    SITE_CONFIG,
    WEB_ONLY,
    png,
    run,
    write_publication,
)

from flagpress.load.cache import DiskCache
from flagpress.publish.release import MARKER, releases_dir
from flagpress.render.templates import Templates
from flagpress.render.web import incremental
from flagpress.render.web.mkdocs_adapter import LivePages

THIRD = SECOND.replace("title: Second piece", "title: Third piece").replace(
    "Some text.", "A third text."
)
BRAND = "brand: {primary: '#5d1436', accent: '#3fd2ff'}\n"
MAIN_OVERRIDE = """\
{% extends "base.html" %}
{% block content %}<p class="ours">Our own frame.</p>{{ super() }}{% endblock %}
"""

# Each kind of change an editor makes, as files to write (None deletes one).
CHANGES: dict[str, dict[str, str | None]] = {
    "an article's body": {FOREWORD_PATH: FOREWORD.replace("Welcome.", "Welcome, everyone.")},
    "an article's title": {FOREWORD_PATH: FOREWORD.replace("Foreword", "A new foreword")},
    "a heading and curly quotes in a body": {
        FOREWORD_PATH: FOREWORD.replace(
            "Welcome.", "Welcome \u2013 it\u2019s ours.\n\n## What\u2019s inside\n\nTwo pieces."
        )
    },
    "a naming preference": {
        "content/contributors.yml": CONTRIBUTORS.replace(
            "shown_as: full\n  name: Neil J", "shown_as: first-name\n  name: Neil"
        )
    },
    "consent withdrawn for the web": {"content/contributors.yml": NEIL_NO_WEB},
    "a template override": {"templates/theme/main.html": MAIN_OVERRIDE},
    "the site's title": {"site_config.yml": SITE_CONFIG.replace("Test Magazine", "New") + WEB_ONLY},
    "the brand colour": {"site_config.yml": SITE_CONFIG + WEB_ONLY + BRAND},
    "an article added": {
        f"{ISSUE_DIR}/issue.yml": ISSUE.replace("second.md]", "second.md, third.md]"),
        f"{ISSUE_DIR}/third.md": THIRD,
    },
    "a web template override": {
        "templates/web/page.html": "<h1>{{ page.title }}!</h1>\n{{ body }}"
    },
    "an article removed": {
        f"{ISSUE_DIR}/issue.yml": ISSUE.replace(", second.md]", "]"),
        f"{ISSUE_DIR}/second.md": None,
        FOREWORD_PATH: FOREWORD.replace("Read [the second piece](second.md).", "Read on."),
    },
}
SOURCES = ("content", "templates", "site_config.yml")


def _build(root: Path) -> Path:
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    return (root / "site").resolve()


def _apply(root: Path, changes: dict[str, str | None]) -> None:
    for rel, text in changes.items():
        if text is None:
            (root / rel).unlink()
        else:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")


def _clean_build(root: Path, elsewhere: Path) -> Path:
    """The same sources built in a fresh folder: no cache, no previous release."""
    elsewhere.mkdir()
    for name in SOURCES:
        if (root / name).is_dir():
            shutil.copytree(root / name, elsewhere / name)
        elif (root / name).is_file():
            shutil.copy(root / name, elsewhere / name)
    return _build(elsewhere)


def _files(site: Path) -> dict[str, bytes | None]:
    """Every published file by address, and every folder (None): an empty folder left
    behind shows too (the release marker names its build: left out)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(site.rglob("*"))
        if p.name != MARKER
    }


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages each build renders one by one ('*' for a whole build)."""
    pages: list[str] = []
    whole, one = incremental.render_site, LivePages.render
    building: list[bool] = []  # a whole build renders its pages one by one too

    def render_site(*args):  # noqa: ANN002, ANN202
        pages.append("*")
        building.append(True)
        try:
            return whole(*args)
        finally:
            building.pop()

    def render(self, page):  # noqa: ANN001, ANN202
        if not building:
            pages.append(page.src_uri)
        return one(self, page)

    monkeypatch.setattr(incremental, "render_site", render_site)
    monkeypatch.setattr(LivePages, "render", render)
    return pages


@pytest.mark.parametrize("change", CHANGES)
def test_an_incremental_build_equals_a_clean_one(tmp_path: Path, change: str) -> None:
    root = write_publication(tmp_path / "pub")
    before = _files(_build(root))
    _apply(root, CHANGES[change])
    incremental_site = _files(_build(root))
    clean_site = _files(_clean_build(root, tmp_path / "clean"))
    assert clean_site != before  # the change shows
    assert sorted(incremental_site) == sorted(clean_site)
    for address, data in clean_site.items():
        assert incremental_site[address] == data, address


def test_a_picture_replaced_at_the_same_address_is_shown_at_its_new_size(
    tmp_path: Path,
) -> None:
    """A page remembers the size of each picture it shows: a new picture under the old
    name must make the pages showing it again (the text that links it did not change)."""
    root = write_publication(tmp_path / "pub")
    picture = root / ISSUE_DIR / "images/box.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(png(4, 2))
    _apply(
        root, {FOREWORD_PATH: FOREWORD.replace("Welcome.", "Welcome.\n\n![A box](images/box.png)")}
    )
    before = _files(_build(root))
    picture.write_bytes(png(40, 20))
    incremental_site = _files(_build(root))
    clean_site = _files(_clean_build(root, tmp_path / "clean"))
    assert clean_site != before
    assert 'width="40" height="20"' in clean_site["issues/2019-03/foreword/index.html"].decode()
    assert incremental_site == clean_site


def test_an_edited_web_template_override_is_used_at_once(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub")
    override = root / "templates/web/page.html"
    override.parent.mkdir(parents=True)
    override.write_text("<h1>{{ page.title }}</h1>{{ body }}", encoding="utf-8")
    before = _files(_build(root))
    override.write_text("<h1>{{ page.title }} (edited)</h1>{{ body }}", encoding="utf-8")
    incremental_site = _files(_build(root))
    clean_site = _files(_clean_build(root, tmp_path / "clean"))
    assert clean_site != before
    assert incremental_site == clean_site


@pytest.mark.usefixtures("every_run_in_full")
def test_unchanged_pages_are_not_described_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """flagpress's own templates run only for pages whose inputs changed."""
    described: list[str] = []
    render = Templates.render
    monkeypatch.setattr(
        Templates, "render", lambda s, name, **c: (described.append(name), render(s, name, **c))[1]
    )
    root = write_publication(tmp_path / "pub")
    _build(root)
    every = len([name for name in described if name.endswith(".html")])
    described.clear()
    _build(root)
    assert described == []
    _apply(root, CHANGES["an article's body"])
    _build(root)
    assert 0 < len(described) < every, described
    assert "page.html" not in described  # standing pages show no article: not described


def test_a_body_edit_renders_only_that_page(tmp_path: Path, rendered: list[str]) -> None:
    root = write_publication(tmp_path / "pub")
    _build(root)
    assert rendered == ["*"]
    rendered.clear()
    _apply(root, CHANGES["an article's body"])
    site = _build(root)
    assert rendered == ["issues/2019-03/foreword.md"]
    assert "Welcome, everyone." in (site / "issues/2019-03/foreword/index.html").read_text()
    # The search index has the new words, and still every other page's.
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Welcome, everyone." in index and "Some text." in index


@pytest.mark.parametrize("change", ["the site's title", "a template override"])
def test_a_change_every_page_shows_renders_every_page(
    tmp_path: Path, rendered: list[str], change: str
) -> None:
    root = write_publication(tmp_path / "pub")
    _build(root)
    _apply(root, CHANGES[change])
    _build(root)
    assert rendered == ["*", "*"]


@pytest.mark.usefixtures("every_run_in_full")  # the normal path, again
def test_a_build_with_nothing_changed_writes_no_file_again(
    tmp_path: Path, rendered: list[str]
) -> None:
    root = write_publication(tmp_path / "pub")
    first = _build(root)
    before = _files(first)
    second = _build(root)
    assert second != first
    assert rendered == ["*"]  # the first build only
    assert _files(second) == before
    for address, data in before.items():  # the very same files: hard links to the previous's
        assert data is None or (second / address).samefile(first / address), address
    assert (second / MARKER).read_text() != (first / MARKER).read_text()


def test_a_later_build_never_changes_a_kept_release(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub")
    first = _build(root)
    kept = _files(first)
    _apply(root, CHANGES["an article's body"])
    second = _build(root)
    assert (second / "index.html").samefile(first / "index.html")  # shared, unchanged
    assert _files(first) == kept  # the kept release still holds the old article
    assert b"Welcome, everyone." not in kept["issues/2019-03/foreword/index.html"]
    kept = _files(second)
    _apply(root, CHANGES["the site's title"])
    _build(root)
    assert not first.exists()  # only one previous release is kept
    assert _files(second) == kept


@pytest.mark.parametrize("damage", ["edited", "deleted"])
def test_a_damaged_live_file_is_rendered_again(tmp_path: Path, damage: str) -> None:
    root = write_publication(tmp_path / "pub")
    live = _build(root)
    page = live / "issues/2019-03/second/index.html"
    page.chmod(0o644)
    if damage == "edited":
        page.write_text("<p>Someone edited the live website.</p>", encoding="utf-8")
    else:
        page.unlink()
    _apply(root, CHANGES["an article's body"])
    assert _files(_build(root)) == _files(_clean_build(root, tmp_path / "clean"))


def test_a_damaged_memory_only_costs_a_whole_build(tmp_path: Path, rendered: list[str]) -> None:
    root = write_publication(tmp_path / "pub")
    _build(root)
    (root / ".flagpress-cache/web/manifest.json").write_text("{not json", encoding="utf-8")
    _apply(root, CHANGES["an article's body"])
    assert _files(_build(root)) == _files(_clean_build(root, tmp_path / "clean"))
    assert rendered[:2] == ["*", "*"]


def test_a_failed_build_leaves_the_next_one_correct(tmp_path: Path) -> None:
    root = write_publication(tmp_path / "pub")
    _build(root)
    (root / "content/contributors.private.yml").write_text(
        "staff-a: {email: alex@example.org}\n", encoding="utf-8"
    )
    leaked = FOREWORD.replace("Welcome.", "Write to alex@example.org.")
    _apply(root, {FOREWORD_PATH: leaked})
    assert run("build", "--root", str(root)).exit_code == 1  # the leak scan stops it
    assert len([p for p in releases_dir(root / "site").iterdir()]) == 1
    _apply(root, CHANGES["an article's body"])
    assert _files(_build(root)) == _files(_clean_build(root, tmp_path / "clean"))


@pytest.mark.usefixtures("every_run_in_full")  # the normal path, again
def test_a_theme_showing_the_build_time_renders_every_page(
    tmp_path: Path, rendered: list[str]
) -> None:
    stamped = MAIN_OVERRIDE.replace("Our own frame.", "Built {{ build_date_utc }}.")
    root = write_publication(tmp_path / "pub", {"templates/theme/main.html": stamped})
    _build(root)
    _build(root)
    assert rendered == ["*", "*"]


def test_pages_wait_in_the_cache_until_they_are_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Holding every page's HTML until MkDocs had written them all was most of a build's
    memory (190 MB at 5,000 articles): each page waits in the cache as a digest instead."""
    held: list[str] = []
    whole = incremental.render_site

    def render_site(site, *rest):  # noqa: ANN001, ANN202
        held.extend(p.src_uri for p in site.pages if not p.html.startswith("sha256:"))
        return whole(site, *rest)

    monkeypatch.setattr(incremental, "render_site", render_site)
    site = _build(write_publication(tmp_path / "pub"))
    assert held == []
    assert "Welcome." in (site / "issues/2019-03/foreword/index.html").read_text()


def test_a_cache_emptied_during_a_build_stops_it_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another build emptying the described pages meanwhile (it prunes what it did not
    use): an error to act on, never a traceback, and the live website stays as it was."""
    root = write_publication(tmp_path / "pub")
    before = _files(_build(root))
    whole = incremental.render_site

    def render_site(*args):  # noqa: ANN002, ANN202
        DiskCache(root / ".flagpress-cache" / "web" / "described").prune()  # used nothing
        return whole(*args)

    monkeypatch.setattr(incremental, "render_site", render_site)
    _apply(root, CHANGES["the site's title"])  # every page rendered again
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert (
        ".flagpress-cache:1:1: error: a page kept in .flagpress-cache was deleted "
        "(index.md): build again [cache-changed]"
    ) in result.stderr
    assert _files(root / "site") == before


def test_a_rebuild_reads_back_only_the_html_of_pages_it_renders(
    tmp_path: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reused page's HTML stays in the cache (at 5,000 articles, reading every page's
    HTML back and hashing it again was 0.5 s of a one-word rebuild)."""
    root = write_publication(tmp_path / "pub")
    _build(root)
    read: list[str] = []
    get = DiskCache.get

    def reading(self: DiskCache, key: str) -> object | None:
        value = get(self, key)
        if isinstance(value, str) and self.folder.name == "described":
            read.append(value)
        return value

    monkeypatch.setattr(DiskCache, "get", reading)
    rendered.clear()
    _apply(root, CHANGES["an article's body"])
    site = _build(root)
    assert rendered == ["issues/2019-03/foreword.md"]
    assert len(read) == 1 and "Welcome, everyone." in read[0]
    assert "Welcome, everyone." in (site / "issues/2019-03/foreword/index.html").read_text()
    # Nothing the pages reused need was forgotten: a theme change renders every page
    # again from the descriptions kept, as a clean build does.
    _apply(root, CHANGES["a template override"])
    assert _files(_build(root)) == _files(_clean_build(root, tmp_path / "clean"))
