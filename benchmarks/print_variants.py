"""How long do the sample issue's PDF editions take, one after another vs in parallel?

Copies the sample publication to a temporary folder, then makes its PDFs (screen,
print, large-print, and the booklet imposed from print) with an empty cache, first
serially in this process, then with one worker process per core, alternating the
two `--repeat` times. Prints the median wall time of each mode, their ratio
measured in the same run, and each edition's pages, render time and size.

    python3 benchmarks/print_variants.py [--repeat 3] [--workers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from flagpress.load import CACHE_DIR, load_publication  # noqa: E402
from flagpress.render.edition import build_edition  # noqa: E402
from flagpress.render.press import Editions, render_editions  # noqa: E402


def make_all(root: Path, workers: int) -> tuple[float, Editions]:
    """Wall seconds to make every edition with an empty cache, and what was made."""
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    pub, problems = load_publication(root)
    assert pub is not None, problems
    start = time.perf_counter()
    edition = build_edition(pub, root, dt.date.today())
    editions = render_editions(edition, workers=workers)
    seconds = time.perf_counter() - start
    errors = [p.format() for p in editions.problems if p.severity.value == "error"]
    assert not errors, errors
    return seconds, editions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sample"
        root.mkdir()
        shutil.copy(REPO / "site_config.yml", root)
        shutil.copytree(REPO / "content", root / "content")
        make_all(root, 1)  # warm-up: imports, font files, page cache
        serial, parallel = [], []
        for _ in range(args.repeat):
            seconds, editions = make_all(root, 1)  # per-edition times: from the serial runs
            serial.append(seconds)
            parallel.append(make_all(root, args.workers)[0])
        print(f"sample issue, {args.repeat} runs each, {os.cpu_count()} cores; one serial run:")
        for edition in editions.files:
            size = edition.path.stat().st_size / 1000
            print(
                f"  {edition.variant:<12} {edition.pages:>3} pages  {edition.seconds:5.2f} s"
                f"  {size:4.0f} KB"
            )
    s, p = statistics.median(serial), statistics.median(parallel)
    print(f"serial (1 process):          {s:.2f} s (median)")
    print(f"parallel ({args.workers} worker processes): {p:.2f} s (median)")
    print(f"speed-up serial/parallel:    {s / p:.2f}x")


if __name__ == "__main__":
    main()
