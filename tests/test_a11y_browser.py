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
from conftest import copy_sample, run, web_articles, write_publication

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
# Resolves once the page has stopped scrolling (five frames at the same place, at most
# 3 s): the End key and focus both scroll smoothly, and on a loaded machine a check made
# mid-scroll sees a link passing under the sticky header that is clear once it stops.
SCROLL_SETTLED = """() => new Promise((done) => {
  let last = null, same = 0;
  const started = performance.now();
  const frame = () => {
    const el = document.activeElement;
    const here = [scrollX, scrollY, el ? el.getBoundingClientRect().top : 0].join();
    same = here === last ? same + 1 : 0;
    last = here;
    if (same >= 5 || performance.now() - started > 3000) done(here);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})"""

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
        page.evaluate(SCROLL_SETTLED)
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


def test_a_page_of_a_long_list_passes_axe_and_fits_a_phone(
    browser, axe_script: Path, tmp_path: Path
) -> None:
    """The sample is too small to have page numbers: 50 web articles make three pages."""
    root = write_publication(tmp_path / "pub", web_articles(50))
    server, base = _build_and_serve(root, tmp_path / "www")
    found = {}
    for width in WIDTHS:
        context = _context(browser, base, width)
        page = context.new_page()
        page.goto(base + "articles/page/2/")
        links = page.evaluate(
            """() => [...document.querySelectorAll('nav.fp-pages a')].map((a) => {
                 const r = a.getBoundingClientRect();
                 return [a.textContent.trim(), r.width >= 24 && r.height >= 24,
                         r.right <= innerWidth]; })"""
        )
        found[width] = {
            "axe": _axe(page, axe_script),
            "sideways": page.evaluate("document.documentElement.scrollWidth - innerWidth"),
            "links": links,
            "keyboard": _walk(page),
        }
        context.close()
        assert context.blocked == []
    server.shutdown()
    each = [[t, True, True] for t in ("Previous page", "Page 1", "Page 2", "Page 3", "Next page")]
    expected = {"axe": [], "sideways": 0, "links": each, "keyboard": []}
    assert found == {width: expected for width in WIDTHS}


# --- WCAG 2.2 beyond axe (issue 11): each test fails on Material's defaults ---------------

ISSUE_PAGE = "issues/2019-03/"  # in the menu, with a previous and a next page
NOTES_PAGE = "issues/2019-03/what-is-co-production/"  # an article with three footnotes
SHORTCUTS = "np.,sf/"
SEARCH_OPEN = "document.getElementById('__search').checked"


def _site_title() -> str:
    config = yaml.safe_load((Path(__file__).parents[1] / "site_config.yml").read_text("utf-8"))
    return config["title"]


def _tab_to(page, selector: str, limit: int = 40) -> str | None:  # noqa: ANN001
    """Tab from the top until `selector` has focus; the name of the stop before it."""
    before = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return before
        before = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"{selector} was not reached in {limit} Tabs")


def test_single_key_shortcuts_do_nothing(browser, sample_site) -> None:
    """WCAG 2.1.4: no single key changes page or opens the search; typing still works."""
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    acted = {}
    for key in SHORTCUTS:
        page.goto(base + ISSUE_PAGE)
        page.keyboard.press(key)
        page.wait_for_timeout(SETTLE_MS)
        state = page.evaluate(f"[location.pathname, {SEARCH_OPEN}, document.activeElement.tagName]")
        if state != [urlparse(base + ISSUE_PAGE).path, False, "BODY"]:
            acted[key] = state
    page.goto(base + ISSUE_PAGE)
    page.focus(".md-search__input")
    page.keyboard.type(SHORTCUTS)
    typed = page.input_value(".md-search__input")
    context.close()
    assert acted == {}, "single keys that still act: key -> [address, search open, focus]"
    assert typed == SHORTCUTS  # the keys still type into the search box


@pytest.mark.parametrize("width", WIDTHS)
def test_shift_tab_never_leaves_focus_under_the_sticky_header(
    browser, sample_site, width: str
) -> None:
    """WCAG 2.4.11: walking backwards from the end, every stop is in view, not covered."""
    base, _ = sample_site
    context = _context(browser, base, width)
    page = context.new_page()
    covered = {}
    for path in (NOTES_PAGE, "accessibility/", "contributors/"):
        page.goto(base + path)
        page.keyboard.press("End")
        for _ in range(40):
            page.keyboard.press("Shift+Tab")
            stop = _focused(page)
            if stop is None:
                break
            covered.setdefault(path, []).extend(
                f"{stop['name']}: {p}" for p in stop["problems"] if p.startswith("covered")
            )
    context.close()
    assert {path: found for path, found in covered.items() if found} == {}


@pytest.mark.parametrize("palette", PALETTES)
def test_colour_scheme_is_one_button_that_works_from_the_keyboard(
    browser, sample_site, palette: str
) -> None:
    """WCAG 4.1.2 and 2.4.7: one button that says whether the dark scheme is on, with a
    visible focus, switched by Enter and by Space, and remembered on the next page."""
    base, _ = sample_site
    context = _context(browser, base, palette=palette)
    page = context.new_page()
    page.goto(base + ISSUE_PAGE)
    state = """() => [document.body.dataset.mdColorScheme,
                      document.activeElement.getAttribute('aria-pressed')]"""
    buttons = page.get_by_role("button", name="Dark colour scheme").count()
    radios = page.locator("input[name=__palette]").count()
    _tab_to(page, ".fp-palette")
    focus = _focused(page)
    dark = palette == "dark"
    start = page.evaluate(state)
    page.keyboard.press("Enter")
    after_enter = page.evaluate(state)
    page.keyboard.press("Space")
    after_space = page.evaluate(state)
    page.keyboard.press("Enter")
    page.goto(base + "about/")
    remembered = page.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    assert (buttons, radios) == (1, 0)
    assert focus["problems"] == [], focus
    flipped = "default" if dark else "slate"
    assert start == [PALETTES[palette], str(dark).lower()]
    assert after_enter == [flipped, str(not dark).lower()]
    assert after_space == start
    assert remembered == flipped


def test_current_page_in_the_menu_is_marked_by_more_than_colour(browser, sample_site) -> None:
    """WCAG 1.4.1: aria-current on the current page's menu link, bold and a bar beside it."""
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    page.goto(base + ISSUE_PAGE)
    looks = """(a) => { const s = getComputedStyle(a);
                 return [s.fontWeight, s.borderLeftStyle, a.getAttribute('aria-current')]; }"""
    current = page.locator(".md-nav--primary [aria-current]")
    count = current.count()
    href = current.first.evaluate("(a) => a.href")
    marked = current.first.evaluate(looks)
    other = page.locator(".md-nav--primary a.md-nav__link:not([aria-current])").first
    plain = other.evaluate(looks)
    context.close()
    assert (count, href) == (1, base + ISSUE_PAGE)
    assert marked == ["700", "solid", "page"]
    assert plain == ["400", "none", None]


def test_footnotes_have_a_heading_and_named_visible_ways_back(browser, sample_site) -> None:
    """WCAG 2.4.4: each back-link says where it goes and can be seen; the notes have a
    heading, found by heading navigation."""
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    page.goto(base + NOTES_PAGE)
    heading = page.evaluate(
        """() => { const h = document.querySelector('.fp-body .footnote').previousElementSibling;
             return [h.tagName, h.textContent]; }"""
    )
    names = [
        page.get_by_role("link", name=f"Back to the text of note {n}", exact=True).count()
        for n in (1, 2, 3)
    ]
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.footnote-backref')].filter((a) =>
             !a.checkVisibility({opacityProperty: true}) ||
             a.getBoundingClientRect().width < 1).length"""
    )
    context.close()
    assert heading == ["H2", "Notes"]
    assert names == [1, 1, 1]
    assert hidden == 0


def test_language_and_titles_say_what_and_where(browser, sample_site) -> None:
    """The page's language is the configured en-GB; titles name the page, then the site."""
    base, _ = sample_site
    title = _site_title()
    context = _context(browser, base)
    page = context.new_page()
    seen = {}
    for path in ("", ISSUE_PAGE, "404.html"):  # the local server has no "not found" page
        page.goto(base + path)
        seen[path] = [page.evaluate("document.documentElement.lang"), page.title()]
    context.close()
    assert seen[""] == ["en-GB", title]
    assert seen[ISSUE_PAGE][0] == "en-GB"
    assert seen[ISSUE_PAGE][1].endswith(f" - {title}") and seen[ISSUE_PAGE][1] != title
    assert seen["404.html"] == ["en-GB", f"Page not found - {title}"]


def test_search_count_is_announced_and_escape_returns_focus(browser, sample_site) -> None:
    """WCAG 4.1.3: the count is a polite live region; Escape closes the search and puts
    focus back where it was (not on <body>, back at the top of the page)."""
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    page.goto(base + ISSUE_PAGE)
    before = _tab_to(page, ".md-search__input")
    page.keyboard.type("co-production")
    status = page.get_by_role("status").filter(has_text="matching document")
    status.wait_for()
    live = status.evaluate("(s) => [s.ariaLive, s.ariaAtomic]")
    page.keyboard.press("Escape")
    page.wait_for_timeout(SETTLE_MS)
    after = page.evaluate(f"[document.activeElement.outerHTML.slice(0, 120), {SEARCH_OPEN}]")
    context.close()
    assert live == ["polite", "true"]
    assert after == [before, False]



def test_search_index_is_downloaded_only_when_search_is_used(browser, sample_site) -> None:
    """A reader who never searches never downloads the index (issue 15: up to a megabyte
    on a large archive); the first visit to the search box asks for it, and the search
    then finds articles as before."""
    base, _ = sample_site
    context = _context(browser, base)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base + ISSUE_PAGE)
    page.wait_for_load_state("networkidle")
    before_search = [url for url in asked if "search_index" in url]
    with page.expect_request(lambda request: request.url.endswith("/search/search_index.json")):
        _tab_to(page, ".md-search__input")
    page.keyboard.type("co-production")
    page.get_by_role("status").filter(has_text="matching document").wait_for()
    found = page.locator(".md-search-result__item").count()
    context.close()
    assert before_search == []
    assert found > 0

# --- keyboard walks both ways, every size and scheme (issue 11) ----------------------------

# 400% zoom of a 1280 x 800 window: 320 x 200 CSS pixels, each drawn 4 device pixels wide.
# The sticky header then takes a quarter of the height: the hardest case for WCAG 2.4.11.
SIZES = {
    "1280px": {"viewport": {"width": 1280, "height": 800}},
    "320px": {"viewport": {"width": 320, "height": 640}},
    "zoom-400": {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4},
}
WALKED = ("", NOTES_PAGE)  # the home page and an article with notes, a figure, a contents


def _sized(browser, base: str, size: str, palette: str):  # noqa: ANN001, ANN202
    context = browser.new_context(
        color_scheme=palette, reduced_motion="reduce", **SIZES[size]
    )
    local = base.split("/", 3)[:3]
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.split("/", 3)[:3] == local else r.abort()
    )
    return context


FIRST_AGAIN = """(first) => {
  if (first) { window.fpFirstStop = document.activeElement; return false; }
  return document.activeElement === window.fpFirstStop;
}"""


def _walk_both_ways(page, path: str) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Tab from the top to the end, then Shift+Tab from the end to the top: the problems
    on the way, and the two orders of stops (which must mirror each other: focus that
    drops to <body> half way, or a trap, breaks the mirror)."""
    problems: list[str] = []
    orders: list[list[str]] = []
    for key in ("Tab", "Shift+Tab"):
        page.goto(path)
        stops: list[str] = []
        for _ in range(MAX_STOPS):
            page.keyboard.press(key)
            stop = _focused(page)
            # Done at <body>, or back at the first stop: past the last control,
            # Chromium may leave the page or go round it again.
            if stop is None or page.evaluate(FIRST_AGAIN, not stops):
                break
            stops.append(stop["name"])
            problems += [f"{key} {stop['name']}: {p}" for p in stop["problems"]]
        else:
            problems.append(f"{key}: more than {MAX_STOPS} stops: is focus trapped?")
        orders.append(stops)
    forward, backward = orders[0], orders[1][::-1]
    if forward != backward:
        pairs = enumerate(zip(forward, backward, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(forward), len(backward)))
        problems.append(
            f"Tab and Shift+Tab differ at stop {at} of {len(forward)}/{len(backward)}: "
            f"{forward[max(at - 1, 0) : at + 2]} against {backward[max(at - 1, 0) : at + 2]}"
        )
    return problems, forward


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("size", SIZES)
def test_keyboard_walks_both_ways_keep_every_stop_visible(
    browser, sample_site, size: str, palette: str
) -> None:
    """WCAG 2.4.7 and 2.4.11 at 1280 px, 320 px and 400% zoom, light and dark: each
    focused element is visible, has a focus ring, is not covered (by the sticky header,
    the closed menu or anything else: elementFromPoint at its centre is it), and focus
    never drops to <body> on the way, forwards or backwards."""
    base, _ = sample_site
    context = _sized(browser, base, size, palette)
    page = context.new_page()
    found, counts = {}, {}
    for path in WALKED:
        problems, stops = _walk_both_ways(page, base + path)
        counts[path] = len(stops)
        if problems:
            found[path] = problems
    context.close()
    assert found == {}
    assert all(count >= 10 for count in counts.values()), counts  # a real walk, not one stop


def test_no_menu_button_where_the_menu_is_always_shown(browser, sample_site) -> None:
    """On a wide screen the menu is beside the text: a menu button there did nothing."""
    base, _ = sample_site
    shown = {}
    for size in ("1280px", "320px"):
        context = _sized(browser, base, size, "light")
        page = context.new_page()
        page.goto(base + NOTES_PAGE)
        shown[size] = page.get_by_role("button", name="Menu").is_visible()
        context.close()
    assert shown == {"1280px": False, "320px": True}


def test_open_phone_menu_is_modal(browser, sample_site) -> None:
    """WCAG 2.4.3 and 2.4.11: while the phone menu is open, Tab and Shift+Tab go round its
    own links (never to the page hidden behind it), the page behind is inert, and
    Escape closes it and returns focus to the menu button."""
    base, _ = sample_site
    context = _context(browser, base, "phone")
    page = context.new_page()
    page.goto(base + NOTES_PAGE)
    page.get_by_role("button", name="Menu").focus()
    page.keyboard.press("Enter")
    inside = "!!document.activeElement.closest('.md-sidebar--primary')"
    stops = {}
    for key in ("Tab", "Shift+Tab"):
        seen = []
        for _ in range(20):  # more than the menu's links: focus must come round
            page.keyboard.press(key)
            seen.append([page.evaluate(inside), _focused(page)])
        stops[key] = seen
    behind = page.evaluate(
        """() => ['.md-header', 'main', '.md-footer', '.md-sidebar--secondary'].map(
             (s) => !document.querySelector(s) || document.querySelector(s).closest('[inert]')
               !== null)"""
    )
    page.keyboard.press("Escape")
    after = page.evaluate(
        "[document.activeElement.ariaLabel, document.activeElement.ariaExpanded,"
        " document.querySelectorAll('[inert]').length]"
    )
    context.close()
    for key, seen in stops.items():
        assert all(within for within, _ in seen), f"{key} left the open menu: {seen}"
        assert [stop["problems"] for _, stop in seen] == [[]] * 20, seen
        assert len({stop["name"] for _, stop in seen}) >= 5, seen  # went round its links
    assert behind == [True, True, True, True]
    assert after == ["Menu", "false", 0]


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_section_is_a_button_that_says_whether_it_is_open(
    browser, sample_site, width: str
) -> None:
    """WCAG 4.1.2: "Issues" in the menu is a real button with aria-expanded; Enter and
    Space open and close it, and focus stays on a visible control (never <body>),
    also on phones, where the open section slides over the menu."""
    base, _ = sample_site
    context = _context(browser, base, width)
    page = context.new_page()
    page.goto(base + NOTES_PAGE)  # an article: not in the menu, so "Issues" starts closed
    if width == "phone":
        page.get_by_role("button", name="Menu").focus()
        page.keyboard.press("Enter")
    section = page.get_by_role("button", name="Issues", exact=True)
    section.focus()
    state = """() => { const b = document.querySelector('.fp-nav-toggle');
      const el = document.activeElement;
      return [b.getAttribute('aria-expanded'), el.tagName, el.textContent.trim().slice(0, 20),
              el.checkVisibility({visibilityProperty: true})]; }"""
    seen = [page.evaluate(state)]
    for key in ("Enter", "Space", "Space", "Enter"):
        if width == "phone" and seen[-1][0] == "true":
            # The open section covers the menu; its way back has focus and closes it.
            assert page.evaluate("document.activeElement.ariaLabel") == "Back from Issues"
        page.keyboard.press(key)
        page.wait_for_timeout(SETTLE_MS)
        seen.append(page.evaluate(state))
    context.close()
    assert [s[0] for s in seen] == ["false", "true", "false", "true", "false"]
    assert all(s[1] == "BUTTON" and s[3] for s in seen), seen


def test_every_image_has_the_size_of_its_file(browser, sample_site) -> None:
    """Every image on the website says how big it is (width and height from the file as
    published), so the text does not jump as images arrive; the browser's own measure
    of the file agrees with the page."""
    base, pages = sample_site
    context = _context(browser, base)
    page = context.new_page()
    found, wrong = 0, {}
    for path in pages:
        page.goto(base + path)
        sizes = page.evaluate(
            """() => [...document.images].map((i) => [i.getAttribute('src'),
                 i.getAttribute('width'), i.getAttribute('height'),
                 i.naturalWidth, i.naturalHeight])"""
        )
        for src, width, height, natural_w, natural_h in sizes:
            found += 1
            if width is None or height is None:
                wrong[f"{path} {src}"] = "no width and height"
            elif abs(int(width) / int(height) - natural_w / natural_h) > 0.01:
                wrong[f"{path} {src}"] = f"{width}x{height}, the file is {natural_w}x{natural_h}"
    context.close()
    assert wrong == {}
    assert found >= 3  # the cover and the two figures of the sample
