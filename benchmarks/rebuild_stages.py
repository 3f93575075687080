"""Where a rebuild's time goes: processor seconds per stage of `flagpress build`.

`compare.py` gives whole-command times; this splits a rebuild of an archive into
checking, describing the pages (flagpress's own templates), rendering the website
(only changed pages, after incremental builds), the leak scans (of the new release
and of the kept one, with a private file for 50 people) and the switch, for a
build with nothing changed and one after a one-word edit, in one process each.

    python3 benchmarks/rebuild_stages.py [--articles 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive import make_archive

from flagpress import pipeline
from flagpress.publish import release
from flagpress.render.web import incremental, pages

STAGES: dict[str, float] = {}


def timed(name: str, function: Callable) -> Callable:
    def wrapper(*args: object, **kwargs: object) -> object:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            STAGES[name] = STAGES.get(name, 0.0) + time.process_time() - start

    return wrapper


def instrument() -> None:
    pipeline.checked = timed("check (load and validate)", pipeline.checked)
    pages.compute_site = timed("pages described (flagpress templates)", pages.compute_site)
    incremental.render_website = timed("website rendered (MkDocs)", incremental.render_website)
    pipeline._scan = timed("leak scan", pipeline._scan)
    release.switch = timed("switch and clean-up", release.switch)
    release.remove_naming = timed("kept release scanned", release.remove_naming)
    release.share_unchanged = timed("unchanged files linked", release.share_unchanged)


def build(root: Path, label: str) -> None:
    STAGES.clear()
    start = time.process_time()
    outcome = pipeline.build(root, root / "site", False, dt.date.today())
    assert outcome.built, outcome.problems
    total = time.process_time() - start
    print(f"\n{label}: {total:.2f} s of CPU in all")
    for name, seconds in STAGES.items():
        print(f"  {name}: {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="an existing archive to use (and keep)")
    args = parser.parse_args()
    # compute_site is looked up in render/web/__init__ when the website renders.
    import flagpress.render.web as web

    instrument()
    web.compute_site = pages.compute_site
    with tempfile.TemporaryDirectory(prefix="flagpress-stages-") as tmp:
        root = args.keep or Path(tmp) / "archive"
        if not (root / "site_config.yml").is_file():
            root.mkdir(parents=True, exist_ok=True)
            make_archive(root, args.articles, private=True, print_variants=False)
        build(root, "first build (whole)")
        build(root, "rebuild, nothing changed")
        edited = sorted((root / "content/articles").glob("*.md"))[0]
        text = edited.read_text(encoding="utf-8")
        word = "fortnight" if "fortnight" in text else "month"
        swap = "month" if word == "fortnight" else "fortnight"
        edited.write_text(text.replace(word, swap, 1), encoding="utf-8")
        build(root, "rebuild, one-word edit")


if __name__ == "__main__":
    main()
