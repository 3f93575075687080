"""A build killed at any moment leaves the live site exactly as it was.

The build process is started for real and killed with SIGKILL (no cleanup code
runs) at 20 moments spread over a whole build. Each time, the live site must be
byte-for-byte the previous release, or (if the kill came after the switch) the
complete new one; never a mixture. The next build then cleans up the leftovers.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SITE_CONFIG, snapshot

from flagpress.publish import release as publish

KILLS = 20
FAST = SITE_CONFIG + "print:\n  variants: []\n"  # website only: the web switch is under test


def _start(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flagpress.cli", "build", "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def _finish(root: Path) -> float:
    start = time.perf_counter()
    proc = _start(root)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    return time.perf_counter() - start


def _live(root: Path) -> dict[str, bytes]:
    files = snapshot(root / "site")
    files.pop(publish.MARKER, None)  # names the release; everything else must match
    return files


def test_killed_builds_never_damage_the_live_site(publication) -> None:
    root = publication({"site_config.yml": FAST})
    _finish(root)
    old = _live(root)
    article = root / "content/issues/2019-03/second.md"
    article.write_text(article.read_text().replace("Some text.", "Some new text."))
    duration = _finish(root)  # the new release, to recognise a build that got through
    new = _live(root)
    assert new != old
    rng = random.Random(2026)
    outcomes = []
    for _ in range(KILLS):
        (root / "site").unlink()
        os.symlink(os.path.relpath(_release_with(root, old), root), root / "site")
        proc = _start(root)
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        live = _live(root)
        assert live in (old, new), "the live site is a mixture of two builds"
        outcomes.append("old" if live == old else "new")
    assert "old" in outcomes, "no kill landed before the switch; the test proved nothing"
    _finish(root)
    assert _live(root) == new
    releases = publish.releases_dir(root / "site")
    leftovers = [p.name for p in releases.iterdir() if p.name.startswith("staging-")]
    assert leftovers == []
    assert len([p for p in releases.iterdir() if p.name.startswith("release-")]) <= 2


def _release_with(root: Path, files: dict[str, bytes]) -> Path:
    """A kept release holding exactly `files` (made again if a killed build's clean-up of
    old releases got part-way through deleting it)."""
    releases = publish.releases_dir(root / "site")
    kept = releases / "release-00000000T000000000000Z-old"
    if kept.exists() and {**snapshot(kept), publish.MARKER: b""} != {**files, publish.MARKER: b""}:
        shutil.rmtree(kept)
    if not kept.exists():
        kept.mkdir()
        (kept / publish.MARKER).write_text("release old\n")
        for rel, data in files.items():
            (kept / rel).parent.mkdir(parents=True, exist_ok=True)
            (kept / rel).write_bytes(data)
    return kept
