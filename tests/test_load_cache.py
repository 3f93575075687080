"""What `check` remembers between runs (.flagpress-cache/load/): reused when nothing
changed, read again when a file, a setting or flagpress changes, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from importlib import metadata
from pathlib import Path

import pytest
from conftest import FOREWORD, FOREWORD_PATH, SITE_CONFIG, WEB_ONLY, check, reported, with_body

from flagpress.load import cache as load_cache
from flagpress.load import load_publication
from flagpress.load.entry_store import EntryStore
from flagpress.load.markdown_body import BodyConverter
from flagpress.validate import personal_data

PHONE = "Ring 07700 900123 any time."
PHONE_WARNING = (
    f"{FOREWORD_PATH}:10:6: warning: this looks like a phone number; personal details must "
    "not be published. Remove it, or write the publication's own contact details instead "
    "[personal-data]"
)
EXPECTED = reported(PHONE_WARNING)  # the summary line is on stdout

# These tests are about what loading reuses: no check is skipped as unchanged.
pytestmark = pytest.mark.usefixtures("every_run_in_full")


def _entries(root: Path) -> dict[str, bytes]:
    """Every entry kept (key -> stored bytes), read straight from the SQLite file."""
    with closing(sqlite3.connect(root / ".flagpress-cache" / "load" / "entries.sqlite")) as db:
        return {key: bytes(value) for key, value in db.execute("SELECT key, value FROM entries")}


def _replace_entries(root: Path, value_of: Callable[[int], bytes]) -> None:
    with closing(sqlite3.connect(root / ".flagpress-cache" / "load" / "entries.sqlite")) as db:
        keys = sorted(_entries(root))
        with db:
            for number, key in enumerate(keys):
                db.execute("UPDATE entries SET value = ? WHERE key = ?", (value_of(number), key))


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every Markdown body converted from now on."""
    converted: list[str] = []
    convert = BodyConverter.convert

    def counting(self: BodyConverter, source: str, path: str, first_line: int):  # noqa: ANN202
        converted.append(path)
        return convert(self, source, path, first_line)

    monkeypatch.setattr(BodyConverter, "convert", counting)
    return converted


def test_a_second_check_converts_nothing_and_reports_the_same(publication, conversions) -> None:
    root = publication(with_body(PHONE))
    first = check(root)
    assert (first.stderr, first.exit_code) == (EXPECTED, 0)
    assert sorted(conversions) == [
        FOREWORD_PATH,
        "content/issues/2019-03/second.md",
        "content/pages/about.md",
    ]
    conversions.clear()
    second = check(root)
    assert (second.stderr, second.exit_code) == (EXPECTED, 0)
    assert conversions == []


def test_the_text_checks_are_remembered_too(publication, monkeypatch) -> None:
    root = publication(with_body(PHONE))
    check(root)

    def never(*_args: object) -> None:
        raise AssertionError("the personal-data check ran again on an unchanged text")

    monkeypatch.setattr(personal_data, "check_text", never)
    assert check(root).stderr == EXPECTED


def test_only_the_edited_file_is_read_again(publication, conversions) -> None:
    root = publication()
    assert check(root).stderr == ""
    conversions.clear()
    (root / FOREWORD_PATH).write_text(
        FOREWORD.replace("Welcome.", PHONE + " Welcome."), encoding="utf-8"
    )
    result = check(root)
    assert result.stderr == EXPECTED
    assert conversions == [FOREWORD_PATH]


def test_a_corrupt_or_planted_entry_is_ignored(publication, conversions) -> None:
    root = publication(with_body(PHONE))
    check(root)
    sentinel = root / "still-here"
    sentinel.write_text("x", encoding="utf-8")
    planted = pickle.dumps(_Remove(str(sentinel)))  # would delete the file if trusted
    _replace_entries(root, lambda number: planted if number % 2 else b"\x80\x05not a pickle")
    conversions.clear()
    result = check(root)
    assert (result.stderr, result.exit_code) == (EXPECTED, 0)
    assert sentinel.exists()
    assert len(conversions) == 3  # every file read again, and its entry written anew
    conversions.clear()
    assert check(root).stderr == EXPECTED
    assert conversions == []


class _Remove:
    """A pickle that calls os.remove when loaded by an unpickler that allows it."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (os.remove, (self.path,))


def test_a_moved_publication_keeps_its_cache(publication, conversions, tmp_path) -> None:
    root = publication(with_body(PHONE))
    check(root)
    moved = tmp_path / "elsewhere" / "magazine"
    moved.parent.mkdir()
    shutil.move(root, moved)
    conversions.clear()
    result = check(moved)
    assert (result.stderr, result.exit_code) == (EXPECTED, 0)
    assert conversions == []


def test_another_flagpress_version_reads_everything_again(
    publication, conversions, monkeypatch
) -> None:
    root = publication()
    check(root)
    version = metadata.version
    monkeypatch.setattr(
        metadata,
        "version",
        lambda name: "99.0" if name == "flagpress" else version(name),
    )
    load_cache.made_by.cache_clear()  # noqa: SLF001 - as a new process would
    conversions.clear()
    try:
        assert check(root).stderr == ""
    finally:
        load_cache.made_by.cache_clear()  # noqa: SLF001
    assert len(conversions) == 3


def test_a_changed_setting_is_applied_to_unchanged_texts(publication) -> None:
    """The contact details are allowed in articles: changing them must change the warnings
    of texts that did not change; so must plain-language thresholds."""
    root = publication(with_body("Ring 01273 000000 any time."))
    assert check(root).stderr == ""  # the publication's own phone number
    config = root / "site_config.yml"
    config.write_text(
        SITE_CONFIG.replace("01273 000000", "01273 999999") + WEB_ONLY, encoding="utf-8"
    )
    warned = check(root).stderr
    assert f"{FOREWORD_PATH}:10:6: warning: this looks like a phone number" in warned
    config.write_text(
        SITE_CONFIG + WEB_ONLY + "plain_language: {max_sentence_words: 2}\n", encoding="utf-8"
    )
    warned = f"{FOREWORD_PATH}:10:1: warning: this text is harder to read than site_config.yml"
    assert warned in check(root).stderr


def test_an_in_memory_cache_serves_a_second_load(publication) -> None:
    root = publication()
    memory = load_cache.LoadCache()
    first, _ = load_publication(root, cache=memory)
    assert (memory.hits, memory.misses) == (0, 3)
    second, _ = load_publication(root, cache=memory)
    assert (memory.hits, memory.misses) == (0 + 3, 3)
    assert first == second
    assert not (root / ".flagpress-cache").exists()


def test_no_private_value_is_cached(publication) -> None:
    root = publication(
        {"content/contributors.private.yml": "neil-j: {real_name: Zebedee Quillfeather}\n"}
    )
    assert check(root).exit_code == 0
    assert _entries(root)
    assert not [k for k, value in _entries(root).items() if b"Quillfeather" in value]
    kept = [p for p in (root / ".flagpress-cache").rglob("*") if p.is_file()]
    assert kept
    assert not [p for p in kept if b"Quillfeather" in p.read_bytes()]


def test_old_versions_of_a_file_do_not_pile_up(publication) -> None:
    root = publication()
    check(root)
    before = set(_entries(root))
    assert len(before) == 6  # three Markdown files, and the text checks of each
    for word in ("Hello.", "Hello again.", "Goodbye."):
        (root / FOREWORD_PATH).write_text(FOREWORD.replace("Welcome.", word), encoding="utf-8")
        assert check(root).exit_code == 0
    after = set(_entries(root))
    assert len(after) == 6
    assert len(before & after) == 4  # the unchanged files' entries are kept


def test_a_damaged_cache_file_is_made_again(publication, conversions) -> None:
    root = publication(with_body(PHONE))
    check(root)
    store = root / ".flagpress-cache" / "load" / "entries.sqlite"
    for name in ("entries.sqlite-wal", "entries.sqlite-shm"):
        (store.parent / name).unlink(missing_ok=True)
    store.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # a header, then noise
    conversions.clear()
    result = check(root)
    assert (result.stderr, result.exit_code) == (EXPECTED, 0)
    assert len(conversions) == 3
    assert len(_entries(root)) == 6  # made again, whole
    conversions.clear()
    assert check(root).stderr == EXPECTED
    assert conversions == []


def test_entries_kept_one_file_each_by_older_versions_are_deleted(publication) -> None:
    root = publication()
    old = root / ".flagpress-cache" / "load" / "ab" / ("ab" + "0" * 62)
    old.parent.mkdir(parents=True)
    old.write_bytes(b"an entry as flagpress kept them before")
    assert check(root).exit_code == 0
    assert not old.parent.exists()
    assert len(_entries(root)) == 6


def test_a_pruned_entry_leaves_nothing_behind_in_the_files(tmp_path: Path) -> None:
    """A page that named someone who then withdrew consent is pruned: its bytes must not
    stay in the database's free space or its log, as they would not in a deleted file."""
    store = EntryStore(tmp_path / "cache")
    assert store.put("old", b"Zebedee Quillfeather " * 200)
    assert store.put("kept", b"nothing private")
    store.keep_only(["kept"])
    assert store.get("old") is None and store.get("kept") == b"nothing private"
    files = [p for p in (tmp_path / "cache").iterdir() if p.is_file()]
    assert files
    assert not [p.name for p in files if b"Quillfeather" in p.read_bytes()]


def test_the_missing_keys_are_found_in_a_few_queries(tmp_path: Path) -> None:
    """Read-ahead and the text checks ask which of thousands of keys are missing."""
    store = EntryStore(tmp_path / "store")
    keys = [f"{number:064x}" for number in range(1200)]  # more than one batch
    assert store.missing(keys) == set(keys)  # no file yet: every key is missing
    for key in keys[::3]:
        assert store.put(key, b"value")
    assert store.missing(keys) == set(keys) - set(keys[::3])
    assert load_cache.LoadCache().missing(keys[:2]) == set(keys[:2])


def test_an_older_versions_table_is_dropped_leaving_nothing_behind(publication) -> None:
    """Entries were kept in a WITHOUT ROWID table until December 2026 (slower for values
    of kilobytes): found, it is dropped, and its bytes do not stay in the files."""
    root = publication()
    folder = root / ".flagpress-cache" / "load"
    folder.mkdir(parents=True)
    with closing(sqlite3.connect(folder / "entries.sqlite")) as db, db:
        db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        db.execute("INSERT INTO entries VALUES (?, ?)", ("a" * 64, b"Zebedee Quillfeather" * 50))
    assert check(root).exit_code == 0
    assert len(_entries(root)) == 6
    with closing(sqlite3.connect(folder / "entries.sqlite")) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
    assert "WITHOUT ROWID" not in sql
    assert not [p.name for p in folder.iterdir() if b"Quillfeather" in p.read_bytes()]


def test_results_made_by_workers_are_stored_together(tmp_path: Path) -> None:
    store = EntryStore(tmp_path / "store")
    assert store.put_many([(f"{n:064x}", b"value %d" % n) for n in range(100)])
    assert store.get(f"{99:064x}") == b"value 99" and store.missing(
        [f"{n:064x}" for n in range(101)]
    ) == {f"{100:064x}"}
