"""Does the website build stay linear as the archive grows?

Generates publications of growing size (issues of 10 articles of ~700 words each),
builds each with `flagpress build` in its own process, and prints time and peak
memory per article as a ratio against the smallest size, measured in the same run.
A ratio near 1.0 means linear; the nav holds issues, not articles, so it should be.

    python3 benchmarks/build_scaling.py [--sizes 100,400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "Volunteers and staff met every fortnight to plan the work together. Everyone "
    "brought what they knew, and tasks went to whoever had the skill, paid or not. "
    "We wrote down what worked and what did not, and changed our approach as we went. "
)


def make_publication(root: Path, articles: int) -> None:
    # The website alone (PDFs have their own benchmark), without sign-offs to record.
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    config = config.replace("sign_off: lived-experience", "sign_off: none")
    (root / "site_config.yml").write_text(config + "print: {variants: []}\n", encoding="utf-8")
    (root / "content").mkdir()
    shutil.copy(REPO / "content/contributors.yml", root / "content/contributors.yml")
    body = "\n\n".join(
        f"## Part {n}\n\n" + PARAGRAPH * 4 + f"See [the first piece](a{0:05d}.md)."
        for n in range(5)
    )
    for issue_number in range(articles // 10):
        folder = root / "content/issues" / f"issue-{issue_number:04d}"
        folder.mkdir(parents=True)
        names = [f"a{issue_number * 10 + i:05d}.md" for i in range(10)]
        first = names[0]
        for name in names:
            (folder / name).write_text(
                f"---\ntitle: Article {name}\ntype: article\nsummary: A generated article.\n"
                "date: 2019-03-01\nstatus: published\nauthors: [sam-o, anon-1]\n"
                "tags: [co-production, housing]\n---\n" + body.replace("a00000.md", first),
                encoding="utf-8",
            )
        (folder / "issue.yml").write_text(
            f"title: Issue {issue_number}\nnumber: {issue_number + 1}\ndate: 2019-03-01\n"
            f"articles: [{', '.join(names)}]\n",
            encoding="utf-8",
        )


def timed_build(root: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one `flagpress build` process."""
    out = root / "site"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "flagpress.cli", "build", "--root", str(root), "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400", help="article counts, smallest first")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size (median taken)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="flagpress-bench-") as tmp:
        for size in sizes:
            root = Path(tmp) / f"pub-{size}"
            root.mkdir()
            make_publication(root, size)
            runs = [timed_build(root) for _ in range(args.repeat)]
            results[size] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))
    base_size = sizes[0]
    base_time, base_mem = results[base_size]
    print(f"{'articles':>8} {'seconds':>8} {'ms/article':>10} {'ratio':>6} {'peak MiB':>9}")
    for size, (seconds, mem) in results.items():
        per = seconds / size
        ratio = per / (base_time / base_size)
        print(f"{size:>8} {seconds:>8.2f} {per * 1000:>10.1f} {ratio:>6.2f} {mem:>9.0f}")
    print(
        f"per-article time ratio, {sizes[-1]} vs {base_size} articles: "
        f"{(results[sizes[-1]][0] / sizes[-1]) / (base_time / base_size):.2f} (1.00 = linear)"
    )


if __name__ == "__main__":
    main()
