"""`flagpress serve`: what an editor sees in the browser and the terminal while writing."""

from __future__ import annotations

import datetime as dt
import html
import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    ISSUE,
    ISSUE_DIR,
    REPO,
    SECOND,
    SITE_CONFIG,
    WEB_ONLY,
    run,
)

from flagpress.commands.serve import Preview
from flagpress.commands.serve.checks import Checker
from flagpress.commands.serve.injected import BANNER_ID
from flagpress.commands.serve.server import address_of
from flagpress.load import load_publication
from flagpress.load.content_files import ContentFiles
from flagpress.validate import validate

SECOND_PATH = f"{ISSUE_DIR}/second.md"
THIRD = SECOND.replace("Second piece", "Third piece").replace("published", "draft")
_BANNER = rf'<div id="{BANNER_ID}" role="alert".*?</div>'
_INJECTED = re.compile(rf'{_BANNER}|<script src="/__flagpress/live.js"[^>]*></script>', re.DOTALL)


@dataclass
class Serving:
    root: Path
    preview: Preview
    said: list[str]  # what the terminal showed, line by line

    @property
    def address(self) -> str:
        assert self.preview.server is not None
        return self.preview.server.address

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.address + path, timeout=20) as response:
            return response.read().decode("utf-8")

    def text(self, path: str) -> str:
        """The page at `path`, or '' while there is none (the preview is being built)."""
        try:
            return self.get(path)
        except urllib.error.HTTPError:
            return ""

    def write(self, rel: str, text: str) -> None:
        (self.root / rel).write_text(text, encoding="utf-8")


def until(condition: Callable[[], object], timeout: float = 30) -> None:
    """Wait for `condition` (a file change is seen within a fraction of a second)."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def banner_text(page: str) -> str:
    """The words of the problems banner at the top of `page`, as a reader sees them."""
    banner = re.search(_BANNER, page, re.DOTALL)
    assert banner is not None
    return html.unescape(re.sub(r"<[^>]+>", "", banner.group(0)))


@pytest.fixture
def serve(publication) -> Iterator[Callable[..., Serving]]:  # noqa: ANN001
    """A factory: serve(changes, drafts=False) starts a preview on a free port."""
    started: list[tuple[Preview, threading.Thread]] = []

    def start(changes: dict | None = None, drafts: bool = False) -> Serving:
        root = publication(changes)
        said: list[str] = []
        preview = Preview(root, said.append, drafts)
        thread = threading.Thread(target=preview.serve, args=(0,), daemon=True)
        thread.start()
        started.append((preview, thread))
        assert preview.ready.wait(120)
        return Serving(root, preview, said)

    yield start
    for preview, thread in started:
        preview.stop()
        thread.join(30)
        assert not thread.is_alive()
        assert not preview.base.exists()  # its temporary files are deleted


def test_an_edit_is_served(serve) -> None:  # noqa: ANN001
    s = serve()
    assert "Some text." in s.get("issues/2019-03/second/")
    s.write(SECOND_PATH, SECOND.replace("Some text.", "Some zebra text."))
    until(lambda: "Some zebra text." in s.get("issues/2019-03/second/"))
    assert BANNER_ID not in s.get("issues/2019-03/second/")


def test_a_broken_file_is_a_banner_and_a_terminal_message_until_fixed(serve, tmp_path) -> None:  # noqa: ANN001
    s = serve()
    broken = SECOND.replace("authors: [staff-a, anon-1]", "authors: [staff-a, nobody]")
    s.write(SECOND_PATH, broken)
    expected = (
        f"{SECOND_PATH}:7:20: error: no contributor 'nobody' in content/contributors.yml "
        "[unknown-contributor]"
    )
    until(lambda: expected in s.said)
    shown = banner_text(s.get(""))
    assert expected in shown
    assert "1 error, 0 warnings" in shown
    assert "The preview shows the website as it was before these errors." in s.said
    # The server kept running on the last good website; fixing the file clears the banner.
    assert "Some text." in s.get("issues/2019-03/second/")
    s.write(SECOND_PATH, SECOND)
    until(lambda: BANNER_ID not in s.get(""))


def test_the_reload_script_is_only_in_what_the_server_sends(serve) -> None:  # noqa: ANN001
    s = serve()
    page = s.get("issues/2019-03/second/")
    assert page.count('<script src="/__flagpress/live.js" data-version="1"></script>') == 1
    assert "EventSource" in s.get("__flagpress/live.js")
    folder = s.preview.folder()
    assert folder is not None
    on_disk = (folder / "issues/2019-03/second/index.html").read_text(encoding="utf-8")
    assert "__flagpress" not in on_disk


def test_the_events_stream_tells_the_page_of_a_change(serve) -> None:  # noqa: ANN001
    s = serve()
    with urllib.request.urlopen(s.address + "__flagpress/events", timeout=20) as stream:
        assert stream.readline() == b"data: 1\n"
        assert stream.readline() == b"\n"
        s.write(SECOND_PATH, SECOND.replace("Some text.", "Other text."))
        assert stream.readline() == b"data: 2\n"


def test_a_draft_is_marked_in_the_preview_and_never_built(serve, tmp_path) -> None:  # noqa: ANN001
    changes = {
        f"{ISSUE_DIR}/issue.yml": ISSUE.replace("second.md]", "second.md, third.md]"),
        f"{ISSUE_DIR}/third.md": THIRD,
    }
    s = serve(changes, drafts=True)
    page = s.get("issues/2019-03/third/")
    assert "<h1>Draft \u2014 not published: Third piece</h1>" in page
    assert "Draft \u2014 not published: Third piece" in s.get("issues/2019-03/")
    second = s.get("issues/2019-03/second/")
    assert "not published: Second" not in second  # only drafts are marked
    assert "Draft \u2014 not published: Third piece" in second  # next in the issue
    out = tmp_path / "out"
    result = run("build", "--root", str(s.root), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "issues/2019-03/third").exists()
    texts = [p.read_text(encoding="utf-8") for p in out.resolve().rglob("*.html")]
    assert not any("Third piece" in t or "Draft \u2014" in t for t in texts)


def test_without_drafts_the_preview_leaves_them_out(serve) -> None:  # noqa: ANN001
    changes = {
        f"{ISSUE_DIR}/issue.yml": ISSUE.replace("second.md]", "second.md, third.md]"),
        f"{ISSUE_DIR}/third.md": THIRD,
    }
    s = serve(changes)
    with pytest.raises(urllib.error.HTTPError) as missing:
        s.get("issues/2019-03/third/")
    assert missing.value.code == 404
    assert "Third piece" not in s.get("issues/2019-03/")


def test_the_server_listens_on_this_computer_only(serve) -> None:  # noqa: ANN001
    s = serve()
    assert s.preview.server is not None
    assert s.preview.server.server_address[0] == "127.0.0.1"
    assert any(line.startswith("Preview at http://127.0.0.1:") for line in s.said)


@pytest.mark.parametrize(
    "path",
    [
        "/../site_config.yml",
        "/%2e%2e/site_config.yml",
        "/%2E%2E%2Fsite_config.yml",
        "/issues/..%2f..%2f..%2fsite_config.yml",
        "/issues/%2e%2e/%2e%2e/site_config.yml",
        "/..\\site_config.yml",
        "/%00/index.html",
        "/issues/%2e%2e%5c%2e%2e%5csite_config.yml",
    ],
)
def test_requests_outside_the_preview_are_refused(serve, path: str) -> None:  # noqa: ANN001
    s = serve()
    assert s.preview.server is not None
    connection = http.client.HTTPConnection("127.0.0.1", s.preview.server.server_address[1])
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 403
    assert b"Test Magazine" not in body


def test_request_paths_map_to_files_in_the_website() -> None:
    assert address_of("/") == "index.html"
    assert address_of("/issues/2019-03/second/") == "issues/2019-03/second/index.html"
    assert address_of("/assets/flagpress.css?v=1") == "assets/flagpress.css"
    assert address_of("/a%20b/") == "a b/index.html"
    assert address_of("/a/../b") is None
    assert address_of("/a/%2e%2e/b") is None


def test_after_edits_every_served_page_equals_a_clean_build(serve, tmp_path) -> None:  # noqa: ANN001
    s = serve()
    s.write(SECOND_PATH, SECOND.replace("Some text.", "Some *changed* text.\n\n## A new part"))
    s.write(FOREWORD_PATH, FOREWORD.replace("title: Foreword", "title: A new foreword"))
    until(lambda: "A new foreword" in s.get("issues/2019-03/foreword/"))
    until(lambda: "A new part" in s.get("issues/2019-03/second/"))
    folder = s.preview.folder()
    assert folder is not None
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    served = {page: _INJECTED.sub("", s.get(page.removesuffix("index.html"))) for page in pages}
    index = "search/search_index.json"
    until(lambda: not s.preview.site.current or not s.preview.site.current.stale)
    served[index] = s.get(index)
    # MkDocs shares its search plugin within a process: the preview stops before building.
    s.preview.stop()
    out = tmp_path / "clean"
    assert run("build", "--root", str(s.root), "--output", str(out)).exit_code == 0
    built = out.resolve()
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")) == pages
    assert "issues/2019-03/foreword/index.html" in pages
    for page, text in served.items():
        assert text == (built / page).read_text(encoding="utf-8"), page


def test_the_quick_check_finds_what_a_full_check_finds(publication) -> None:  # noqa: ANN001
    config = SITE_CONFIG + WEB_ONLY + "plain_language: {min_reading_ease: 60}\n"
    long_sentence = "Unnecessarily complicated multisyllabic terminology " * 10
    root = publication(
        {
            SECOND_PATH: SECOND.replace("Some text.", f"Call 01632 960123. {long_sentence}."),
            "site_config.yml": config,
        }
    )
    today = dt.date(2026, 11, 30)
    checker = Checker(root)

    def both() -> tuple[list, list]:
        quick = checker.check(today).problems
        pub, problems = load_publication(root)
        assert pub is not None
        return quick, sorted(set(problems + validate(pub, ContentFiles(root), today)))

    quick, full = both()
    assert quick == full and len(full) >= 2  # a phone number and a long sentence
    (root / SECOND_PATH).write_text(SECOND, encoding="utf-8")
    quick, full = both()
    assert quick == full
    (root / "site_config.yml").write_text(config.replace("60", "100"), encoding="utf-8")
    quick, full = both()
    assert quick == full


def test_ctrl_c_stops_the_preview_cleanly(publication) -> None:  # noqa: ANN001
    root = publication()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "flagpress.cli", "serve", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines = []
    while not any(line.startswith("Preview at") for line in lines):
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        lines.append(line)
    folder = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1])
    assert folder is not None
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Preview stopped; its temporary files are deleted." in out
    assert "Traceback" not in err


def test_a_port_in_use_is_a_usage_error(publication) -> None:  # noqa: ANN001
    root = publication()
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--root", str(root), "--port", str(port))
    assert result.exit_code == 2
    assert f"flagpress: error: cannot serve on port {port} (Address already in use)" in (
        result.stderr
    )
    assert "--port 0 for any free port" in result.stderr


def test_a_publication_broken_from_the_start_is_served_once_fixed(serve) -> None:  # noqa: ANN001
    broken = SECOND.replace("authors: [staff-a, anon-1]", "authors: [staff-a, nobody]")
    s = serve({SECOND_PATH: broken})
    with pytest.raises(urllib.error.HTTPError) as unavailable:
        s.get("")
    assert unavailable.value.code == 503
    page = unavailable.value.read().decode("utf-8")
    assert "The preview could not be built yet" in page
    assert "no contributor &#39;nobody&#39; in content/contributors.yml" in page
    s.write(SECOND_PATH, SECOND)
    until(lambda: "Some text." in s.text("issues/2019-03/second/"))
    assert BANNER_ID not in s.get("")


def test_a_template_change_rebuilds_every_page(serve) -> None:  # noqa: ANN001
    s = serve()
    template = (REPO / "flagpress/templates/web/page.html").read_text(encoding="utf-8")
    (s.root / "templates/web").mkdir(parents=True)
    s.write("templates/web/page.html", template.replace("{{ body }}", "{{ body }}<p>Our own</p>"))
    until(lambda: "<p>Our own</p>" in s.get("about/"))


def test_a_problem_found_while_rendering_the_page_is_printed_and_shown(serve) -> None:  # noqa: ANN001
    s = serve()
    s.write(f"{ISSUE_DIR}/data.csv", "a,b\n1,2\n")
    s.write(SECOND_PATH, SECOND.replace("Some text.", "Some [figures](data.csv)."))
    expected = (
        f"{SECOND_PATH}:9:16: error: {ISSUE_DIR}/data.csv is not published: csv files are not "
        "offered for download; if readers should download them, add csv to downloads: in "
        "site_config.yml, or remove the link [not-published]"
    )
    until(lambda: "figures" in s.get("issues/2019-03/second/"))
    until(lambda: expected in s.said)
    assert expected in banner_text(s.get(""))
