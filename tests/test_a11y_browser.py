"""The website in a real browser: axe-core on every page, a keyboard walk, reflow,
reduced motion and print.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright without Playwright's
own browser download; axe-core is the copy bundled in the axe-playwright-python
package. The site is served on 127.0.0.1 and every other request is aborted (and
reported), so these tests never touch the network. Without a browser they skip,
except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import copy_sample, run, write_publication

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's "best practice" rules that back this project's own promises: headings in
# order (the build checks bodies; this checks the templates), a named search dialog,
# one skip link to a real target, everything inside landmarks, valid roles.
AXE_EXTRA_RULES = [
    "heading-order",
    "empty-heading",
    "page-has-heading-one",
    "aria-dialog-name",
    "skip-link",
    "region",
    "landmark-one-main",
    "aria-allowed-role",
]
# 320 CSS px is a 1280 px screen at 400% zoom: WCAG 1.4.10 (reflow); a phone too.
WIDTHS = {"desktop": (1280, 800), "phone": (320, 640)}
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme
MAX_STOPS = 150
SETTLE_MS = 150

# Run in the page after each Tab: what is wrong with the focused element, if anything.
FOCUS_CHECK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = (n) => n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
    (n.classList.length ? '.' + n.classList[0] : '') + ' "' +
    (n.getAttribute('aria-label') || n.textContent || '').trim().slice(0, 30) + '"';
  // Material's palette switch is a 0x0 radio button that shows focus on the label
  // after it (the button for the other palette).
  const hiddenInput = el.tagName === 'INPUT' && el.getBoundingClientRect().width === 0;
  const next = el.nextElementSibling;
  const shown = hiddenInput && next && next.tagName === 'LABEL' ? next : el;
  const rect = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const problems = [];
  if (!shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) ||
      rect.width < 1 || rect.height < 1) problems.push('invisible ' + JSON.stringify(
        [rect.x, rect.y, rect.width, rect.height, style.visibility, style.opacity]));
  else if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= innerWidth ||
           rect.top >= innerHeight) problems.push('off screen');
  else {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && !shown.contains(top) && !top.contains(shown))
      problems.push('covered by ' + name(top));
  }
  if (el.closest('[inert], [aria-hidden="true"], details:not([open]) > :not(summary)'))
    problems.push('inside a closed or hidden panel');
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
    style.boxShadow !== 'none';
  if (!ring) problems.push('no focus indicator');
  // The skip link, and the place it skips to is there.
  const skip = el.matches('a.fp-skip') && !!document.querySelector(el.getAttribute('href'));
  return {name: name(el), skip, problems};
}"""


# --- the browser, the server and the site -----------------------------------------------


def _missing() -> list[str]:
    missing = [] if CHROMIUM.is_file() else [f"{CHROMIUM} (apt-get install chromium)"]
    for module in ("playwright", "axe_playwright_python"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module} (pip install -e '.[test]')")
    return missing


@pytest.fixture(scope="module")
def browser() -> Iterator:
    missing = _missing()
    if missing and os.environ.get("CI") == "true":
        pytest.fail("browser tests must run in CI, but these are missing: " + "; ".join(missing))
    if missing:
        pytest.skip("no browser to test the website in: missing " + "; ".join(missing))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--disable-dev-shm-usage"]
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


def _build_and_serve(root: Path, www: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Build `root` into `www` at its site_url's path, and serve it on a free local port.

    The 404 page uses absolute addresses from site_url, so the site is served where
    it will live (e.g. /flag/), as it would be in production.
    """
    config = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8"))
    prefix = urlparse(config["url"]).path.strip("/")
    result = run("build", "--root", str(root), "--output", str(www / prefix))
    assert result.exit_code == 0, result.stderr
    handler = functools.partial(_Quiet, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    return server, base


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """(base URL, every page's address) for the sample publication, served locally.

    Built from a copy, once per module and xdist worker: a build writes a PDF cache
    into its publication folder, which parallel workers must not share.
    """
    root = copy_sample(tmp_path_factory.mktemp("sample") / "sample", pdfs=True)
    www = tmp_path_factory.mktemp("www")
    server, base = _build_and_serve(root, www)
    site = next(p for p in www.iterdir() if p.is_symlink()).resolve()
    pages = sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
    )
    yield base, pages
    server.shutdown()


def _context(browser, base: str, width: str = "desktop", palette: str = "light", **extra):  # noqa: ANN001, ANN202
    """A browser tab's settings; every request that leaves 127.0.0.1 is aborted and noted."""
    w, h = WIDTHS[width]
    context = browser.new_context(
        viewport={"width": w, "height": h},
        color_scheme=palette,
        reduced_motion=extra.pop("reduced_motion", "reduce"),
        **extra,
    )
    context.blocked = []
    local = base.split("/", 3)[:3]

    def route(r) -> None:  # noqa: ANN001
        if r.request.url.split("/", 3)[:3] == local:
            r.continue_()
        else:
            context.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context


def _axe(page, axe_script: Path) -> list[str]:  # noqa: ANN001
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """([tags, extra]) => {
             const rules = axe.getRules(tags).map((r) => r.ruleId).concat(extra);
             return axe.run(document, {runOnly: {type: 'rule', values: rules}}).then(
               (r) => r.violations.map((v) => v.id + ' (' + v.nodes.length + '): ' +
                 v.nodes[0].target.join(' ') + ': ' + v.nodes[0].failureSummary));
           }""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )


# --- axe: every page x palette x width ----------------------------------------------------


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations_on_any_page(
    browser, axe_script: Path, sample_site, width: str, palette: str
) -> None:
    base, pages = sample_site
    assert len(pages) >= 20, pages  # every page of the sample, not a handful
    context = _context(browser, base, width, palette)
    page = context.new_page()
    violations: dict[str, list[str]] = {}
    sideways: dict[str, int] = {}
    for path in pages:
        page.goto(base + path)
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        assert scheme == PALETTES[palette], f"{path}: the {palette} palette was not used"
        if found := _axe(page, axe_script):
            violations[path] = found
        scroll = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if scroll > 0:
            sideways[path] = scroll
    context.close()
    assert violations == {}
    assert sideways == {}, "pages that scroll sideways (px too wide)"
    assert context.blocked == [], "requests to other websites"


# --- keyboard -------------------------------------------------------------------------------


def _focused(page) -> dict | None:  # noqa: ANN001
    """The focused element and its problems, once the page has reacted to the focus.

    Material opens the search when its box gets focus, a frame or two later; only a
    problem that is still there after that counts.
    """
    stop = page.evaluate(FOCUS_CHECK)
    if stop and stop["problems"]:
        page.wait_for_timeout(SETTLE_MS)
        stop = page.evaluate(FOCUS_CHECK)
    return stop


def _walk(page) -> list[str]:  # noqa: ANN001
    """Tab through the page from the top; every problem found on the way."""
    problems = []
    page.keyboard.press("Tab")
    first = _focused(page)
    if not first or not first["skip"] or first["problems"]:
        problems.append(f"the first Tab should reach a visible skip link, not {first}")
    for _ in range(MAX_STOPS):
        stop = _focused(page)
        if stop is None:
            return problems
        problems += [f"{stop['name']}: {p}" for p in stop["problems"]]
        page.keyboard.press("Tab")
    return [*problems, f"more than {MAX_STOPS} focus stops: is focus trapped?"]


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_walk_every_stop_visible_on_every_page(browser, sample_site, width: str) -> None:
    base, pages = sample_site
    context = _context(browser, base, width)
    page = context.new_page()
    found = {}
    for path in pages:
        page.goto(base + path)
        if problems := _walk(page):
            found[path] = problems
    context.close()
    assert found == {}


def test_skip_link_moves_focus_to_the_content(browser, sample_site) -> None:
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    page.goto(base + "issues/2019-03/foreword/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.getElementById('fp-main').contains(document.activeElement)")
    context.close()
    assert inside, "after the skip link, the next Tab should be inside the page's content"


def test_phone_menu_opens_and_closes_from_the_keyboard(browser, sample_site) -> None:
    base, _ = sample_site
    context = _context(browser, base, "phone")
    page = context.new_page()
    page.goto(base + "issues/2019-03/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    menu = "[document.activeElement.ariaLabel, document.activeElement.ariaExpanded]"
    assert page.evaluate(menu) == ["Menu", "false"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.querySelector('.fp-menu-button').ariaExpanded") == "true"
    in_menu = _focused(page)
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), in_menu
    assert in_menu["problems"] == []
    page.keyboard.press("Tab")
    assert _focused(page)["problems"] == []
    page.keyboard.press("Escape")
    closed = page.evaluate("!document.getElementById('__drawer').checked")
    focused = page.evaluate(menu)
    context.close()
    assert (closed, focused) == (True, ["Menu", "false"])


# --- reading comfort ---------------------------------------------------------------------


def test_reduced_motion_is_honoured(browser, sample_site) -> None:
    base, _ = sample_site
    durations = {}
    for motion in ("reduce", "no-preference"):
        context = _context(browser, base, reduced_motion=motion)
        page = context.new_page()
        page.goto(base)
        # Every element's transitions and animations, not one element's: independent of
        # where focus happens to be (Material fades, slides and animates many parts).
        durations[motion] = page.evaluate(
            """() => [...document.querySelectorAll('*')].map((el) => {
                 const style = getComputedStyle(el);
                 return style.transitionDuration + ',' + style.animationDuration;
               }).join(',')"""
        )
        context.close()
    assert durations["reduce"].replace("0s", "").strip(", ") == ""  # every duration is 0s
    assert durations["no-preference"].replace("0s", "").strip(", ") != ""


def test_print_shows_the_text_without_the_site_around_it(browser, sample_site) -> None:
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    page.goto(base + "issues/2019-03/commissioning-cycle/")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.md-header', '.md-sidebar--primary', '.md-footer',
             '.fp-skip', 'h1', '.fp-content-note', '.fp-body'].map(
               (s) => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))"""
    )
    context.close()
    assert shown == {
        ".md-header": False,
        ".md-sidebar--primary": False,
        ".md-footer": False,
        ".fp-skip": False,
        "h1": True,
        ".fp-content-note": True,
        ".fp-body": True,
    }


# --- a publication with what the sample lacks: a wide table, a decorative image -------------

WIDE_TABLE = (
    "| Service | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    "| Day centre | 9:00 to 17:00 | 9:00 to 17:00 | 9:00 to 17:00 | 9:00 to 17:00 "
    "| 9:00 to 17:00 | closed | closed |\n"
)
TABLE_ARTICLE = f"""\
---
title: Opening times
type: news
summary: When the day centre is open.
date: 2019-03-01
status: published
authors: [neil-j]
content_note: Mentions homelessness.
---
![decorative](images/line.svg)

## This week

{WIDE_TABLE}"""
LINE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 1"><rect width="10" height="1"/></svg>'
)


def test_wide_table_scrolls_from_the_keyboard_and_passes_axe(
    browser, axe_script: Path, tmp_path: Path
) -> None:
    root = write_publication(
        tmp_path / "pub",
        {
            "content/issues/2019-03/second.md": TABLE_ARTICLE,
            "content/issues/2019-03/images/line.svg": LINE,
        },
    )
    server, base = _build_and_serve(root, tmp_path / "www")
    context = _context(browser, base, "phone")
    page = context.new_page()
    page.goto(base + "issues/2019-03/second/")
    violations = _axe(page, axe_script)
    box = page.evaluate(
        """() => { const b = document.querySelector('.md-typeset__scrollwrap');
             return [b.scrollWidth > b.clientWidth, b.tabIndex, b.getAttribute('role'),
                     b.getAttribute('aria-label')]; }"""
    )
    alt = page.get_attribute(".fp-body img", "alt")
    walk = _walk(page)
    context.close()
    server.shutdown()
    assert violations == []
    assert box == [True, 0, "region", "Table 1 (scroll sideways to see it all)"]
    assert alt == ""  # the decorative marker: screen readers skip the image
    assert walk == []
