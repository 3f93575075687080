"""Does the leak scan stay linear in output size whatever the number of secrets?

Writes a synthetic output folder (HTML pages and a search index, about 8 MB of
text) and times the leak scan over it with 2 secrets and with 50, best of a few
runs each. All secrets go into one Aho-Corasick automaton, so the ratio should be
near 1.0 (the old scan ran one regular expression per secret: about 50).

    python3 benchmarks/leak_scan.py [--pages 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout

from flagpress.load import load_publication  # noqa: E402
from flagpress.publish.leak_scan import scan  # noqa: E402

PARAGRAPH = (
    "Volunteers and staff met every fortnight to plan the work together. Everyone "
    "brought what they knew, and tasks went to whoever had the skill, paid or not. "
)
TODAY = dt.date(2024, 1, 1)
REPO = Path(__file__).resolve().parent.parent


def _output(folder: Path, pages: int) -> None:
    index = []
    for number in range(pages):
        text = f"<h1>Article {number}</h1>" + f"<p>{PARAGRAPH}</p>" * 150
        page = folder / f"article-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
        index.append({"location": f"article-{number}/", "text": text})
    (folder / "search_index.json").write_text(json.dumps({"docs": index}), encoding="utf-8")


def _private(count: int) -> dict[str, dict[str, str]]:
    return {
        f"p{i}": {"real_name": f"Person{i:02d} Surname{i:02d}", "email": f"p{i}@example.net"}
        for i in range(count // 2)
    }


def _time(folder: Path, private: dict, repeat: int) -> float:
    pub, _ = load_publication(REPO)  # the sample's registry; the secrets are synthetic
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        problems = scan(folder, "site", pub, private, TODAY)
        best = min(best, time.perf_counter() - start)
        assert not problems, "the synthetic output holds none of the secrets"
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _output(folder, args.pages)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        one = _time(folder, _private(2), args.repeat)
        fifty = _time(folder, _private(50), args.repeat)
    print(f"output: {size / 1e6:.1f} MB in {args.pages + 1} files")
    print(f"2 secrets:  {one:.2f} s")
    print(f"50 secrets: {fifty:.2f} s")
    print(f"ratio 50/2: {fifty / one:.2f} (near 1.0 means independent of the number of secrets)")


if __name__ == "__main__":
    main()
