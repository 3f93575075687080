"""The website renderer: names, escaping, sanitising, links, images and overrides."""

from __future__ import annotations

import datetime as dt
import json

from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    NEIL_NO_WEB,
    SITE_CONFIG,
    build,
    check,
    expected,
    files_containing,
    page_html,
    problem_lines,
    run,
    shown,
)

from flagpress.render.sanitize import clean_html

IMAGE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)


def test_bylines_use_chosen_names_and_a_neutral_phrase_for_anonymous(publication) -> None:
    site = build(publication())
    second = page_html(site, "issues/2019-03/second")
    assert '<p class="fp-byline">By Alex and a volunteer</p>' in second
    assert '<p class="fp-byline">By Neil J</p>' in page_html(site, "issues/2019-03/foreword")


def test_no_consent_for_the_web_means_no_name_on_the_web(publication) -> None:
    site = build(publication({"content/contributors.yml": NEIL_NO_WEB}))
    assert files_containing(site, "Neil J") == []
    assert "By a volunteer" in page_html(site, "issues/2019-03/foreword")


def test_html_in_titles_and_summaries_is_shown_as_text(publication) -> None:
    foreword = FOREWORD.replace(
        "title: Foreword", 'title: "<script>alert(1)</script> & more"'
    ).replace("summary: Why we made this issue.", "summary: <img src=x onerror=alert(2)>")
    site = build(publication({FOREWORD_PATH: foreword}))
    page = page_html(site, "issues/2019-03/foreword")
    assert "<script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    issue = page_html(site, "issues/2019-03")
    assert "<script>alert(1)" not in issue
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    assert all("<script>alert(1)" not in d["title"] + d["text"] for d in docs)


def test_raw_html_in_a_body_is_refused_at_its_line(publication) -> None:
    foreword = FOREWORD.replace(
        "Welcome.", 'Welcome. <span onclick="x()">Hi</span> <!-- a note -->'
    )
    result = check(publication({FOREWORD_PATH: foreword}))
    assert result.exit_code == 1
    assert shown(result) == expected(
        f"{FOREWORD_PATH}:10:10: error: HTML is not allowed in articles "
        "('<span onclick=\"x()\">'); write it in Markdown instead: **bold**, *italic*, "
        "[link text](page.md), ![description](images/photo.jpg) [raw-html]"
    )


def test_the_sanitiser_is_a_backstop_for_anything_markdown_lets_through() -> None:
    dirty = (
        '<p>Hi<script>alert(1)</script><img src="x.png" onerror="alert(2)" alt="x">'
        '<a href="javascript:alert(3)">a</a><a href="jav&#x61;script:alert(4)">b</a>'
        '<iframe src="https://example.org"></iframe><!-- private note --></p>'
    )
    clean = clean_html(dirty, lambda _attribute, value: value)
    assert clean == '<p>Hi<img src="x.png" alt="x"><a rel="noopener noreferrer">a</a>' + (
        '<a rel="noopener noreferrer">b</a></p>'
    )


def test_links_between_articles_and_pages_point_at_their_pages(publication) -> None:
    foreword = FOREWORD.replace(
        "Welcome.",
        "Welcome. See [about](../../pages/about.md#team) and [web](https://example.org/).",
    )
    site = build(publication({FOREWORD_PATH: foreword}))
    page = page_html(site, "issues/2019-03/foreword")
    assert 'href="../second/"' in page
    assert 'href="../../../about/#team"' in page
    assert 'href="https://example.org/"' in page


def test_only_referenced_images_are_published_next_to_their_issue(publication) -> None:
    foreword = FOREWORD.replace("Welcome.", "![A black square](images/square.svg)\n\nWelcome.")
    site = build(
        publication(
            {
                FOREWORD_PATH: foreword,
                "content/issues/2019-03/images/square.svg": IMAGE,
                "content/issues/2019-03/images/unused.svg": IMAGE,
            }
        )
    )
    published = (site / "issues/2019-03/images/square.svg").read_bytes()
    assert published.endswith(  # drawn again by the SVG gate: the same shapes, nothing more
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10"><rect width="10" height="10"></rect></svg>\n'
    )
    assert not (site / "issues/2019-03/images/unused.svg").exists()
    # Its size from the drawing's viewBox, so the page does not jump as it arrives.
    image = '<img alt="A black square" src="../images/square.svg" width="10" height="10">'
    assert image in page_html(
        site, "issues/2019-03/foreword"
    )


def test_issue_page_shows_cover_and_editors(publication) -> None:
    issue = (
        "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a, neil-j]\n"
        "cover: {src: images/cover.svg, alt: A black square}\n"
        "articles: [foreword.md, second.md]\n"
    )
    site = build(
        publication(
            {
                "content/issues/2019-03/issue.yml": issue,
                "content/issues/2019-03/images/cover.svg": IMAGE,
            }
        )
    )
    page = page_html(site, "issues/2019-03")
    assert '<img src="images/cover.svg" alt="A black square" width="10" height="10">' in page
    assert "Edited by Alex and Neil J" in page


def test_article_headings_make_the_table_of_contents(publication) -> None:
    foreword = FOREWORD.replace("Welcome.", "## Where we started\n\nWelcome.")
    site = build(publication({FOREWORD_PATH: foreword}))
    page = page_html(site, "issues/2019-03/foreword")
    assert 'href="#where-we-started"' in page
    assert '<h2 id="where-we-started">Where we started</h2>' in page


def test_content_note_comes_before_the_text(publication) -> None:
    foreword = FOREWORD.replace("tags: [housing]", "tags: [housing]\ncontent_note: Mentions loss.")
    site = build(publication({FOREWORD_PATH: foreword}))
    page = page_html(site, "issues/2019-03/foreword")
    assert page.index("Mentions loss.") < page.index("Welcome.")
    assert page.index("Content note</span></h2>") < page.index('class="fp-summary"')


def test_publication_templates_override_the_built_in_ones(publication) -> None:
    root = publication(
        {
            "templates/web/page.html": "<h1>{{ page.title }}</h1><p>Custom page</p>{{ body|safe }}",
            "templates/theme/assets/flagpress.css": "/* our colours */",
        }
    )
    site = build(root)
    assert "<p>Custom page</p>" in page_html(site, "about")
    assert (site / "assets/flagpress.css").read_text() == "/* our colours */"


def test_standing_pages_and_web_articles_are_in_the_nav(publication) -> None:
    site = build(publication())
    home = (site / "index.html").read_text()
    assert "About us" in home
    assert "Issue 1: First issue" in home


def test_a_broken_template_override_is_a_diagnostic_not_a_traceback(publication) -> None:
    root = publication({"templates/web/page.html": "<h1>{{ page.title }</h1>\n"})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/web/page.html:1:1: error: this template cannot be used (unexpected '}'); "
        "fix it, or delete it to use flagpress's built-in one [template-error]"
    )
    assert not (root / "site").exists()


def test_a_broken_theme_override_fails_the_build_cleanly(publication) -> None:
    root = publication({"templates/theme/main.html": "{% extends 'base.html' %}{% block x %}\n"})
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0].startswith(
        "templates/theme/main.html:1:1: error: a theme template is broken (",
    )
    assert problem_lines(result.stderr)[0].endswith(
        "fix the file, or delete it to use flagpress's built-in theme [theme-error]"
    )
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_nav_holds_recent_issues_and_an_archive_page(publication) -> None:
    changes: dict[str, str | None] = {}
    for n in range(1, 9):
        changes[f"content/issues/2020-{n:02d}/issue.yml"] = (
            f"title: Issue number {n}\nnumber: {n + 1}\ndate: 2020-{n:02d}-01\narticles: [a.md]\n"
        )
        changes[f"content/issues/2020-{n:02d}/a.md"] = FOREWORD.replace(
            "Read [the second piece](second.md).", ""
        )
    site = build(publication(changes))
    home = (site / "index.html").read_text()
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Issue 9: Issue number 8" in nav
    assert "Issue 4: Issue number 3" in nav
    assert "Issue 3: Issue number 2" not in nav
    assert "All issues" in nav
    archive = page_html(site, "issues")
    for n in range(1, 9):
        assert f"Issue {n + 1}: Issue number {n}" in archive
    assert "Issue 1: First issue" in archive


def test_issue_downloads_are_published_and_linked_with_their_size(publication, tmp_path) -> None:
    from flagpress.pipeline import check
    from flagpress.publish.gate import Gate
    from flagpress.render.edition import build_edition
    from flagpress.render.web import Website

    root = publication({"site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n"})
    today = dt.date(2026, 1, 1)
    pub, problems = check(root, today)
    assert pub is not None and [p.code for p in problems] == ["no-cover"]  # a warning only
    edition = build_edition(pub, root, today)
    out = tmp_path / "out"
    out.mkdir()
    gate = Gate(root, out, ())
    # as the PDF output leaves it
    gate.write("issues/2019-03/test-magazine-issue-1-screen.pdf", b"%PDF-1.7\n" + b"0" * 1_234_567)
    assert Website().render(edition, gate) == []
    assert gate.problems == []
    page = (out / "issues/2019-03/index.html").read_text()
    assert (
        '<a href="test-magazine-issue-1-screen.pdf" download>Accessible PDF for reading on screen'
        "</a> (PDF, 1.2 MB)" in page
    )
