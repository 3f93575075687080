"""Markdown files missing from the load cache are read on every core first
(load/read_ahead.py): what `check` reports and what is loaded are exactly what reading
them one by one gives, whatever is wrong with them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import FOREWORD, check

from flagpress import every_core
from flagpress.load import load_publication, read_ahead
from flagpress.load.cache import disk_cache
from flagpress.validate import per_text

ARTICLES = 40  # more than read_ahead.MIN_FILES


def _article(number: int, body: str = "Some 'quoted' text -- with a [link](https://example.org).",
             authors: str = "[neil-j]") -> str:
    return FOREWORD.replace("title: Foreword", f"title: Piece {number}").replace(
        "authors: [neil-j]", f"authors: {authors}"
    ).replace("Welcome. Read [the second piece](second.md).", body)


@pytest.fixture
def archive(publication) -> Path:
    """A publication with many web-only articles, some of them broken in their own way."""
    files: dict[str, str | bytes | None] = {
        f"content/articles/piece-{n:02}.md": _article(n) for n in range(ARTICLES)
    }
    files["content/articles/piece-03.md"] = _article(3, authors="[Neil J]")  # a name, not an id
    files["content/articles/piece-04.md"] = _article(4).replace("status: published", "status: ?")
    files["content/articles/piece-05.md"] = b"---\ntitle: \xff\n---\n"  # not UTF-8
    files["content/articles/piece-06.md"] = "no front matter at all\n"
    files["content/articles/piece-07.md"] = _article(7, body="Call 07700 900123 today.")
    return publication(files)


@pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: nothing is read ahead")
def test_reading_ahead_loads_and_reports_what_reading_one_by_one_does(archive: Path,
                                                                    tmp_path: Path) -> None:
    one_by_one = load_publication(archive, None)  # no cache: nothing is read ahead
    cache = disk_cache(tmp_path, "cache")
    ahead = load_publication(archive, cache)
    assert cache.misses == 0  # every file the reading asked for, the workers had read
    assert cache.hits >= ARTICLES
    assert ahead == one_by_one
    suggestion = [p for p in ahead[1] if "piece-03" in p.path and "neil-j" in p.message]
    assert suggestion, ahead[1]


@pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: nothing is checked ahead")
def test_text_checks_on_every_core_find_what_one_by_one_does(archive: Path,
                                                              tmp_path: Path) -> None:
    pub, _ = load_publication(archive, None)
    cache = disk_cache(tmp_path, "cache")
    one_by_one = list(per_text.check(pub, None))
    assert any(p.code == "personal-data" for p in one_by_one)  # piece-07's phone number
    assert list(per_text.check(pub, cache)) == one_by_one
    assert cache.misses == 0  # every text's checks were made ahead, on every core


def test_check_reports_the_same_cold_as_warm(archive: Path) -> None:
    cold = check(archive)
    assert "piece-05.md:2" in cold.stderr and "piece-06.md:1" in cold.stderr
    assert (archive / ".flagpress-cache" / "load").is_dir()
    warm = check(archive)
    assert (warm.stderr, warm.exit_code) == (cold.stderr, cold.exit_code)


def test_nothing_is_read_ahead_while_other_threads_run(archive: Path, tmp_path: Path) -> None:
    """`flagpress serve` answers readers on another thread: forking then is not safe."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        cache = disk_cache(tmp_path, "cache")
        assert read_ahead.read_ahead(archive, _every_file(archive), cache, 1_000_000) == 0
    finally:
        stop.set()
        other.join()


def test_a_few_files_are_not_worth_a_pool(publication, tmp_path: Path) -> None:
    root = publication()
    cache = disk_cache(tmp_path, "cache")
    assert read_ahead.read_ahead(root, _every_file(root), cache, 1_000_000) == 0


def _every_file(root: Path):  # noqa: ANN202
    from flagpress.load.publication import _markdown_files

    return _markdown_files(root)


def test_without_fork_one_process_does_the_work(archive: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no fork: nothing is read ahead, and reading gives the same."""
    monkeypatch.setattr(every_core.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    cache = disk_cache(tmp_path, "cache")
    assert read_ahead.read_ahead(archive, _every_file(archive), cache, 1_000_000) == 0
    assert load_publication(archive, cache) == load_publication(archive, None)
