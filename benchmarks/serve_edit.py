"""How long `flagpress serve` takes to show a one-word edit, on a synthetic archive.

Writes an archive of N articles (`archive.py`, with the private file), starts
`flagpress serve --port 0` on it, and then, round after round, changes one word of
one web article and does what the browser does: waits for the preview's "changed"
event, then asks for the page, which must have the new word: the time from the save
to the page received. Rounds are a few seconds apart, like
an editor's saves, so the preview is still bringing other pages up to date in the
background during some of them. Prints the start-up time, each round, the median,
and the preview's own figure for each change ("Updated in ... s").

    python3 benchmarks/serve_edit.py [--articles 1000] [--repeat 5] [--pause 3]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

from archive import make_archive

REPO = Path(__file__).resolve().parent.parent


def start(root: Path) -> tuple[subprocess.Popen[str], str, list[str], float]:
    """`flagpress serve` on `root`: the process, its address, its output lines, start-up s."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "flagpress.cli", "serve", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    said: list[str] = []
    while True:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("flagpress serve stopped:\n" + "".join(said))
        said.append(line.rstrip("\n"))
        found = re.search(r"Preview at (http://127\.0\.0\.1:\d+/)", line)
        if found:
            break
    took = time.perf_counter() - began
    output = process.stdout
    threading.Thread(
        target=lambda: said.extend(line.rstrip("\n") for line in output), daemon=True
    ).start()
    return process, found.group(1), said, took


def shows(url: str, word: str) -> bool:
    with urllib.request.urlopen(url, timeout=30) as response:
        return word.encode() in response.read()


def cpu_seconds(pid: int) -> float:
    """Processor time `pid` has used (Linux: /proc), whatever else the machine is doing."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_edit(
    article: Path, url: str, old: str, new: str, pid: int, events: IO[bytes]
) -> tuple[float, float]:
    """Seconds from saving `article` with `old` replaced by `new` to its page showing it,
    and the processor seconds the preview spent meanwhile."""
    text = article.read_text(encoding="utf-8")
    assert old in text, f"{article} has no '{old}'"
    cpu, began = cpu_seconds(pid), time.perf_counter()
    article.write_text(text.replace(old, new, 1), encoding="utf-8")
    while not events.readline().startswith(b"data:"):  # the reload the browser is told of
        pass
    assert shows(url, new), f"the page has no '{new}' after the preview changed"
    return time.perf_counter() - began, cpu_seconds(pid) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between saves")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="flagpress-serve-bench-") as tmp:
        root = Path(tmp) / "archive"
        root.mkdir()
        make_archive(root, args.articles, private=True)
        article = sorted((root / "content/articles").glob("*.md"))[0]
        process, address, said, startup = start(root)
        try:
            url = f"{address}articles/{article.stem}/"
            assert shows(url, "fortnight")
            events = urllib.request.urlopen(f"{address}__flagpress/events", timeout=600)
            assert events.readline().startswith(b"data:")
            times, cpus, old = [], [], "fortnight"
            for number in range(1, args.repeat + 1):
                time.sleep(args.pause)
                new = f"quokka{number}"
                wall, cpu = one_edit(article, url, old, new, process.pid, events)
                times.append(wall)
                cpus.append(cpu)
                old = new
                print(f"round {number}: {wall:.3f} s ({cpu:.3f} s of CPU)", flush=True)
        finally:
            process.terminate()
            process.wait(30)
    load = os.getloadavg()[0]
    updates = [line for line in said if line.startswith("Updated in")]
    print(f"\n{args.articles} articles; load average {load:.2f} on {os.cpu_count()} cores")
    print(f"start-up (first build, then serving): {startup:.1f} s")
    print(
        f"edit -> page served, median of {len(times)}: {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )
    print(f"processor time of the preview meanwhile, median: {statistics.median(cpus):.3f} s")
    print("the preview's own times: " + ", ".join(u.split()[2] + " s" for u in updates[1:]))


if __name__ == "__main__":
    main()
