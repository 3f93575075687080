"""The website's pages as written at build time: landmarks, the menu and its current
page, and the page's own contents, right without any script.

Material wrote the menus inside `<main>`, an empty "Table of contents" navigation on
pages without subheadings, the menu's sections as focusable labels, and marked the
current page by colour alone; assets/flagpress.js patched some of it in the browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SITE_CONFIG, WEB_ONLY, build, copy_sample, expect_check


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(copy_sample(tmp_path_factory.mktemp("sample") / "sample")).resolve()


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def test_main_holds_the_content_and_no_navigation(site: Path) -> None:
    """The site's menus and table of contents are beside <main>; inside it only the
    article's own "more in this issue" links (part of the content) may be a nav."""
    wrong = {}
    for path, page in _pages(site).items():
        main = re.findall(r"<main\b.*?</main>", page, re.DOTALL)
        content = re.sub(r'<nav class="fp-pager".*?</nav>', "", main[0], flags=re.DOTALL)
        if len(main) != 1 or "<nav" in content or 'id="fp-main"' not in main[0]:
            wrong[path] = len(main)
    assert wrong == {}


def test_table_of_contents_only_where_there_are_headings(site: Path) -> None:
    pages = _pages(site)
    tocs = {
        path: re.findall(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S)
        for path, html in pages.items()
    }
    empty = {path for path, navs in tocs.items() for nav in navs if "<li" not in nav}
    assert empty == set()
    assert tocs["issues/2019-03/what-is-co-production/index.html"]  # it has subheadings
    assert tocs["index.html"] == []  # the home page has none: no empty landmark
    assert not any("<label" in nav for navs in tocs.values() for nav in navs)


def test_menu_marks_the_current_page_and_opens_sections_with_buttons(site: Path) -> None:
    issue = (site / "issues/2019-03/index.html").read_text(encoding="utf-8")
    current = re.findall(r'<a href="([^"]*)" class="[^"]*" aria-current="page">', issue)
    assert current == ["./"]
    section = re.search(r'<button type="button" class="md-nav__link fp-nav-toggle"[^>]*>', issue)
    assert section and 'aria-expanded="true"' in section[0]  # the issue is in "Issues"
    article = (site / "issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    assert 'aria-current="page"' not in article  # an article is not in the menu
    assert 'aria-expanded="false" aria-controls="__nav_2_nav"' in article
    assert re.search(r"<label[^>]*\bfor=\"__nav_", article) is None  # no focusable labels


@pytest.mark.parametrize("tag", ["pt-BR", "en-US", "cy"])
def test_every_page_is_in_the_language_the_configuration_gives(publication, tag: str) -> None:
    """`<html lang>` is the configured tag itself, not the theme's nearest language
    (Material has words for 'pt-BR' and 'cy', none for 'en-US')."""
    config = SITE_CONFIG.replace("language: en-GB", f"language: {tag}") + WEB_ONLY
    site = build(publication({"site_config.yml": config})).resolve()
    langs = {
        re.search(r"<html lang=\"([^\"]*)\"", page)[1] for page in _pages(site).values()
    }
    assert langs == {tag}


def test_a_language_that_is_not_a_tag_is_an_error_at_its_line(publication) -> None:
    config = SITE_CONFIG.replace("language: en-GB", "language: English") + WEB_ONLY
    expect_check(
        publication,
        {"site_config.yml": config},
        "site_config.yml:3:11: error: 'language': write a language tag, such as en-GB for "
        "British English or cy for Welsh [bad-language]",
    )
