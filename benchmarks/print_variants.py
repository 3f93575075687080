"""How long do the sample issue's PDF editions take, one after another vs in parallel?

Copies the sample publication to a temporary folder, then makes its PDFs (screen,
print, large-print, and the booklet imposed from print) with an empty cache, first
serially in this process, then with one worker process per core, alternating the
two `--repeat` times. Prints the median wall time of each mode, their ratio
measured in the same run, and each edition's pages, render time and size.

Then two more measurements:

- the cost of a page set in one column (as every edition is now: see
  render/press/variants.py) and in two, from the same print HTML laid out and
  written by WeasyPrint in this process, in milliseconds per page;
- rebuilds with a private file present, which makes the leak scan check every
  PDF: with nothing changed (a no-op since issue 15: nothing is scanned), after a
  one-line edit of a standing page (the website is made again and every reused PDF
  is scanned, its result cached with it in .flagpress-cache/leak-scan/), and the
  same edit with that cache deleted first (every reused PDF's text read again).

    python3 benchmarks/print_variants.py [--repeat 3] [--workers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from flagpress.load import CACHE_DIR, load_publication  # noqa: E402
from flagpress.render.edition import build_edition  # noqa: E402
from flagpress.render.press import Editions, render_editions  # noqa: E402
from flagpress.render.press.document import build_document  # noqa: E402
from flagpress.render.press.variants import VARIANTS  # noqa: E402

TWO_COLUMNS = "<style>.fp-body { columns: 2; column-gap: 7mm; }</style></head>"
PRIVATE = "dana-k: {real_name: Danielle Kerridge-Benchmark, email: dana@bench.example}\n"


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


def per_page(root: Path, two_columns: bool) -> tuple[float, int]:
    """Milliseconds per page to lay out and write the printer's layout, and its pages."""
    from weasyprint import HTML  # only here: the rest of the benchmark goes through flagpress

    pub, _ = load_publication(root)
    assert pub is not None
    edition = build_edition(pub, root, dt.date.today())
    html = build_document(edition, edition.issues[0], VARIANTS["print"]).html
    if two_columns:
        html = html.replace("</head>", TWO_COLUMNS, 1)
    start = time.perf_counter()
    document = HTML(string=html, base_url=root.as_uri() + "/").render()
    document.write_pdf(root / "columns.pdf")
    pages = len(document.pages)
    return (time.perf_counter() - start) * 1000 / pages, pages


def warm_builds(root: Path, repeat: int) -> dict[str, float]:
    """Seconds of `flagpress build` with a private file present: cold, then medians of
    warm rebuilds with nothing changed, after an edit, and after an edit with the leak
    scan's remembered results deleted."""
    (root / "content" / "contributors.private.yml").write_text(PRIVATE, encoding="utf-8")
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "flagpress.cli", "build", "--root", str(root)]
    page = root / "content" / "pages" / "about.md"
    edits = iter(range(10**6))

    def once(edit: bool = False, forget_scans: bool = False) -> float:
        if edit:  # the website changes, no PDF does: each is reused and scanned
            page.write_text(page.read_text(encoding="utf-8") + f"\nEdit {next(edits)}.\n")
        if forget_scans:
            shutil.rmtree(root / CACHE_DIR / "leak-scan", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        return time.perf_counter() - start

    times = {"cold": once()}
    times["nothing changed"] = statistics.median(once() for _ in range(repeat))
    times["one-line edit"] = statistics.median(once(edit=True) for _ in range(repeat))
    times["edit, scan cache deleted"] = statistics.median(
        once(edit=True, forget_scans=True) for _ in range(repeat)
    )
    return times


def report_columns_and_rebuild(root: Path, repeat: int) -> None:
    per_page(root, False)  # warm-up
    for label, two in (("one column", False), ("two columns", True)):
        costs = [per_page(root, two) for _ in range(repeat)]
        ms, pages = statistics.median(c for c, _ in costs), costs[0][1]
        print(f"{label + ':':<13} {ms:5.0f} ms a page ({pages} pages, printer's layout, median)")
    print("build with a private file (wall seconds, medians of warm runs):")
    for label, seconds in warm_builds(root, repeat).items():
        print(f"  {label:<26} {seconds:5.2f} s")


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
        shutil.copytree(REPO / "templates", root / "templates")  # the brand's masthead
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
        report_columns_and_rebuild(root, args.repeat)


if __name__ == "__main__":
    main()
