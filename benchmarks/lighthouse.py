"""Lighthouse accessibility, best-practices and SEO scores of the sample's home and one article.

Builds the sample publication of this checkout (`sample_site.py`), serves it on
127.0.0.1 and runs Lighthouse in Debian's Chromium, headless, once per page, printing
a Markdown table to paste into an issue. Lighthouse is not a dependency of flagpress:
install it once into a scratch folder and point at it.

    mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse)
    python3 benchmarks/lighthouse.py [--lighthouse /tmp/lh] [--keep DIR]

Scores are out of 100. Lighthouse's own audits are only part of what WCAG asks
(the browser tests in tests/test_a11y_browser.py cover more); a failed audit is
listed under the table so the score can be read with its reasons.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

from sample_site import served_sample

CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = (("home", ""), ("article", "issues/2019-03/what-is-co-production/"))
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def run_lighthouse(lighthouse: Path, url: str) -> dict:
    """One Lighthouse run of `url`: its JSON report."""
    command = [
        str(lighthouse / "node_modules" / ".bin" / "lighthouse"), url,
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        "--output=json", "--output-path=stdout", "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def scores(report: dict) -> dict[str, int]:
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failures(report: dict) -> list[str]:
    """The audits that counted against a score, with Lighthouse's title for each."""
    failed = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']} ({audit['title']})")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, default=Path("/tmp/lh"),
                        help="the folder Lighthouse was installed into with npm")
    parser.add_argument("--keep", type=Path, help="also write each JSON report here")
    args = parser.parse_args()
    rows, notes = [], []
    with served_sample() as base:
        for name, path in PAGES:
            report = run_lighthouse(args.lighthouse, base + path)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
            got = scores(report)
            cells = " | ".join(str(got[c]) for c in CATEGORIES)
            rows.append(f"| {name} (`/{path}`) | {cells} |")
            notes.extend(f"- {name}: {failure}" for failure in failures(report))
        version = report["lighthouseVersion"]
    print(f"Lighthouse {version}, Chromium headless, sample publication served on 127.0.0.1\n")
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("| --- | " + " | ".join("---" for _ in CATEGORIES) + " |")
    print("\n".join(rows))
    if notes:
        print("\nAudits that lowered a score:\n" + "\n".join(notes))


if __name__ == "__main__":
    main()
