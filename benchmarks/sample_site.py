"""Build the sample publication into a temporary folder and serve it on 127.0.0.1.

Shared by `benchmarks/lighthouse.py` and `docs/screenshots/make.py`, so the scores and
the pictures come from the same site, built the same way. The publication is copied
first, with its `url:` set to the local server's address: canonical links, Open Graph
addresses, `robots.txt` and the sitemap then point at pages that really exist, as
they would on the live website, and nothing is written into the repository.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("site_config.yml", "content", "templates")  # what a publication is made of


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the measurement's output stays readable


def _copy_publication(source: Path, into: Path, url: str) -> None:
    into.mkdir()
    for name in SOURCES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, into / name)
        elif path.is_file():
            shutil.copy2(path, into / name)
    config = into / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    text, found = re.subn(r"(?m)^url:.*$", f"url: {url}", text)
    if not found:
        raise SystemExit(f"{source / 'site_config.yml'} has no url: line to point at the server")
    config.write_text(text, encoding="utf-8")


def _build(publication: Path, output: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # the flagpress of this checkout
    command = [sys.executable, "-m", "flagpress.cli", "build", "--root", str(publication),
               "--output", str(output)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the sample did not build:\n{done.stdout}{done.stderr}")


@contextmanager
def served_sample(source: Path = REPO) -> Iterator[str]:
    """Build the publication at `source` and serve it; yields the site's address."""
    with tempfile.TemporaryDirectory(prefix="flagpress-sample-") as work:
        handler = functools.partial(_QuietHandler, directory=os.path.join(work, "site"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        _copy_publication(source, Path(work) / "publication", url)
        _build(Path(work) / "publication", Path(work) / "site")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield url
        finally:
            server.shutdown()
            server.server_close()
