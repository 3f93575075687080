"""flagpress against plain MkDocs + Material + search, on the same Markdown, in one run.

Generates a synthetic archive (`archive.py`), then repeats, alternating the two tools
so both see the same machine load: `flagpress check` cold and again right after; a
cold full build without and with `contributors.private.yml`; a rebuild with nothing
changed and one after a one-word edit (both with the private file: every check on);
and, last, the four PDF editions of the latest issue (`flagpress pdf`, cold). The
baseline is `mkdocs build` with Material and its search plugin over the same
`content/` folder (`--dirty` for its rebuilds, which is what MkDocs offers, although
its search index is then wrong); `check` is compared with the baseline's cold build.
Prints medians of wall and CPU seconds (children included), flagpress/baseline
ratios and peak memory, as a Markdown table to paste into an issue. "Cold" means no
`.flagpress-cache/` and no earlier release; the user's cache folder (compiled
templates, converted typefaces, common words: nothing from any publication) is this
run's own, filled by the first round and kept, as on an editor's machine.

    python3 benchmarks/compare.py [--articles 200] [--repeat 3] [--pdf-repeat 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from archive import make_archive
from measure import Sample, Summary, run, summarise

REPO = Path(__file__).resolve().parent.parent
PRIVATE = "content/contributors.private.yml"
VARIANTS = ("screen", "print", "large-print", "booklet")
EDITED = ("fortnight", "month")  # a one-word edit, swapped back and forth
BASELINE_CONFIG = """\
site_name: FLAG Magazine (baseline)
docs_dir: {docs}
site_dir: {site}
exclude_docs: "*.yml"
theme: {{name: material}}
plugins: [search]
markdown_extensions: [footnotes, tables, attr_list, toc, pymdownx.blocks.caption]
nav: {nav}
"""
# The baseline gets a small nav, like flagpress's (recent issues, standing pages): with
# MkDocs' default nav of every page, each page renders all 1,000 entries and a Material
# build takes ~8x longer (42 s of CPU instead of ~5 s at 1,000), which no real site does.
NAV_PAGES = 12


class Bench:
    """One archive, both tools, and every sample taken so far, by name of work."""

    def __init__(self, root: Path, logs: Path) -> None:
        self.root, self.logs = root, logs
        self.samples: dict[str, list[Sample]] = {}
        # This checkout's flagpress, with a user cache folder of this run's own (compiled
        # templates, converted typefaces, common words): filled by the first builds and
        # kept, as on an editor's machine; every other cache is emptied for cold work.
        self.env = dict(os.environ, PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(logs / "user-cache"))
        self.config = logs / "mkdocs.yml"
        self.config.write_text(BASELINE_CONFIG.format(
            docs=root / "content", site=root / "material-site", nav=_small_nav(root / "content")),
            encoding="utf-8")

    def record(self, name: str, sample: Sample) -> None:
        self.samples.setdefault(name, []).append(sample)

    def flagpress(self, name: str, *args: str) -> Sample:
        command = [sys.executable, "-m", "flagpress.cli", *args, "--root", str(self.root)]
        sample = run(command, self.logs / "flagpress.log", self.env)
        self.record(name, sample)
        return sample

    def material(self, name: str, dirty: bool = False) -> None:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(self.config)]
        self.record(f"material:{name}", run(command + (["--dirty"] if dirty else []),
                              self.logs / "mkdocs.log"))

    def forget_outputs(self) -> None:
        """A cold start: no cache, no previous release, no baseline site."""
        for folder in (".flagpress-cache", ".site-releases", "material-site"):
            shutil.rmtree(self.root / folder, ignore_errors=True)
        (self.root / "site").unlink(missing_ok=True)

    def private_file(self, present: bool) -> None:
        # Set aside outside content/, where flagpress would not look for it.
        on, off = self.root / PRIVATE, self.root / "contributors.private.yml.set-aside"
        if present and off.exists():
            off.rename(on)
        elif not present and on.exists():
            on.rename(off)


def _small_nav(content: Path) -> str:
    """The standing pages and the newest issue's articles, as a YAML flow list."""
    pages = sorted((content / "pages").glob("*.md"))
    issues = sorted(p for p in (content / "issues").iterdir() if p.is_dir())
    pages += sorted(issues[-1].glob("*.md")) if issues else []
    return "[" + ", ".join(p.relative_to(content).as_posix() for p in pages[:NAV_PAGES]) + "]"


def one_round(bench: Bench, edited: Path, round_number: int) -> None:
    """Every piece of web work once, each flagpress run next to its baseline."""
    bench.forget_outputs()
    bench.private_file(True)
    bench.flagpress("check, cold", "check")
    bench.flagpress("check, nothing changed", "check")
    bench.forget_outputs()  # a cold build: not reading what the checks above kept
    bench.private_file(False)
    bench.material("build")
    bench.flagpress("build, no private file", "build")
    bench.forget_outputs()
    bench.private_file(True)
    bench.material("build")
    bench.flagpress("build, with private file", "build")
    bench.material("rebuild, nothing changed", dirty=True)
    bench.flagpress("rebuild, nothing changed", "build")
    old, new = EDITED if round_number % 2 == 0 else reversed(EDITED)
    text = edited.read_text(encoding="utf-8")
    assert old in text, f"{edited} has no '{old}' to edit"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    bench.material("rebuild, one-word edit", dirty=True)
    bench.flagpress("rebuild, one-word edit", "build")


def pdf_round(bench: Bench, issue: str) -> None:
    """The four PDF editions of one issue, each by its own `flagpress pdf`, cold."""
    shutil.rmtree(bench.root / ".flagpress-cache", ignore_errors=True)
    total = Sample(0.0, 0.0, 0.0)
    for variant in VARIANTS:
        output = bench.logs / f"{variant}.pdf"
        total += run([sys.executable, "-m", "flagpress.cli", "pdf", issue, "--variant", variant,
                      "--root", str(bench.root), "--output", str(output)],
                     bench.logs / "flagpress.log", bench.env)
    bench.record(f"PDF editions of issue {issue} (4, cold)", total)


# Which baseline each piece of flagpress work is held against.
BASELINE = {
    "check, cold": "build",
    "check, nothing changed": "build",
    "build, no private file": "build",
    "build, with private file": "build",
    "rebuild, nothing changed": "rebuild, nothing changed",
    "rebuild, one-word edit": "rebuild, one-word edit",
}


def _ratio(ours: float, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "–"


def table(results: dict[str, Summary], material: dict[str, Summary]) -> list[str]:
    """The Markdown table: medians, ratios (flagpress / baseline), peak memory."""
    lines = [
        "| work | runs | Material wall | flagpress wall | ratio | Material CPU | flagpress CPU"
        " | ratio | Material peak | flagpress peak |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, ours in results.items():
        base = material.get(BASELINE.get(name, ""))
        label = name + (" (vs cold build)" if name.startswith("check") else "")
        label += " (vs `--dirty`)" if name.startswith("rebuild") else ""
        cells = [
            label, str(ours.runs),
            f"{base.wall:.2f} s" if base else "–", f"{ours.wall:.2f} s",
            _ratio(ours.wall, base.wall if base else None),
            f"{base.cpu:.2f} s" if base else "–", f"{ours.cpu:.2f} s",
            _ratio(ours.cpu, base.cpu if base else None),
            f"{base.peak_mb:.0f} MB" if base else "–", f"{ours.peak_mb:.0f} MB",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def measure(args: argparse.Namespace, tmp: Path, progress: Callable[[str], None]) -> list[str]:
    root, logs = tmp / "archive", tmp / "logs"
    root.mkdir()
    logs.mkdir()
    issues = make_archive(root, args.articles, private=True, print_variants=False)
    bench = Bench(root, logs)
    # A web-only article if there is one, else the first in a printed issue (a tiny archive).
    edited = min((root / "content").glob("*/**/*.md"), key=lambda p: (p.parts[-2] != "articles", p))
    for number in range(args.repeat):
        progress(f"round {number + 1} of {args.repeat} (web)")
        one_round(bench, edited, number)
    for number in range(args.pdf_repeat):
        progress(f"round {number + 1} of {args.pdf_repeat} (PDF)")
        pdf_round(bench, issues[-1].name)
    material = {k[len("material:"):]: summarise(v)
                for k, v in bench.samples.items() if k.startswith("material:")}
    ours = {k: summarise(v) for k, v in bench.samples.items() if not k.startswith("material:")}
    return table(ours, material)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="size of the archive")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the web work")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="rounds of the PDF work")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.keep:
        args.keep.mkdir(parents=True)
        lines = measure(args, args.keep, progress)
    else:
        with tempfile.TemporaryDirectory(prefix="flagpress-compare-") as tmp:
            lines = measure(args, Path(tmp), progress)
    print(f"{args.articles} articles, {os.cpu_count()} cores, load average "
          f"{load_before:.1f} before and {os.getloadavg()[0]:.1f} after; medians; "
          "CPU includes child processes; ratio = flagpress / Material")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
