"""End to end: the sample publication built into a website, as a reader would see it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample, files_containing, problem_lines, run, snapshot, visible_text

ISSUE_DIR = REPO / "content" / "issues" / "2019-03"

# Bylines as each person chose to be named (anon-1 is anonymous: a neutral phrase, last).
BYLINES = {
    "foreword": "By Dana Kerridge",
    "what-is-co-production": "By Sam and Priya Mistry",
    "four-stages": "By R. J.",
    "temporary-accommodation": "By Sam and Priya Mistry",
    "commissioning-cycle": "By Skylark, Priya Mistry and a volunteer",
    "peer-research-network": "By Tom Hallett, R. J. and a volunteer",
}


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("e2e") / "sample")
    out = root.parent / "site"
    result = run("build", "--root", str(root), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Built ")
    return out


def test_home_issue_and_article_pages_exist(built: Path) -> None:
    assert (built / "index.html").is_file()
    assert (built / "issues/2019-03/index.html").is_file()
    for slug in BYLINES:
        assert (built / f"issues/2019-03/{slug}/index.html").is_file()
    assert (built / "articles/volunteer-survey-2019/index.html").is_file()
    assert (built / "about/index.html").is_file()
    assert (built / "get-involved/index.html").is_file()


def test_issue_page_lists_every_article_in_running_order(built: Path) -> None:
    order = yaml.safe_load((ISSUE_DIR / "issue.yml").read_text())["articles"]
    titles = [_front_matter(ISSUE_DIR / name)["title"] for name in order]
    text = visible_text(built / "issues/2019-03/index.html")
    contents = text[text.index("In this issue") :]
    positions = [contents.find(title) for title in titles]
    assert -1 not in positions, list(zip(titles, positions, strict=True))
    assert positions == sorted(positions)


def test_issue_page_links_each_article(built: Path) -> None:
    page = (built / "issues/2019-03/index.html").read_text()
    for slug in BYLINES:
        assert f'href="{slug}/"' in page


@pytest.mark.parametrize("slug", sorted(BYLINES))
def test_article_page_shows_title_byline_date_and_summary(built: Path, slug: str) -> None:
    meta = _front_matter(ISSUE_DIR / f"{slug}.md")
    text = visible_text(built / f"issues/2019-03/{slug}/index.html")
    assert meta["title"] in text
    assert BYLINES[slug] in text
    assert "1 March 2019" in text
    assert meta["summary"] in text
    for tag in meta["tags"]:
        assert tag in text


def test_front_matter_never_reaches_a_page(built: Path) -> None:
    for slug in BYLINES:
        page = (built / f"issues/2019-03/{slug}/index.html").read_text()
        assert "status: published" not in page
        assert "authors:" not in page


def test_home_page_shows_latest_issue_first(built: Path) -> None:
    text = visible_text(built / "index.html")
    assert "Latest issue · 1 March 2019 Issue 7: Spotlight on co-production" in text
    assert text.index("Latest issue") < text.index("Co-production in practice")


def test_search_index_holds_every_article(built: Path) -> None:
    index = json.loads((built / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    for slug in BYLINES:
        assert f"issues/2019-03/{slug}/" in locations
    titles = {doc["title"] for doc in index["docs"]}
    assert "The Peer Research Network" in titles


def test_figures_are_published_with_alt_text_and_caption(built: Path) -> None:
    page = (built / "issues/2019-03/what-is-co-production/index.html").read_text()
    assert '<img alt="' in page or "<img src=" in page
    assert 'src="../images/ladder-of-participation.svg"' in page
    assert "<figcaption>" in page
    assert (built / "issues/2019-03/images/ladder-of-participation.svg").is_file()


def test_footnotes_and_pull_quote_render(built: Path) -> None:
    ladder = (built / "issues/2019-03/what-is-co-production/index.html").read_text()
    assert 'class="footnote-ref"' in ladder
    commissioning = (built / "issues/2019-03/commissioning-cycle/index.html").read_text()
    # A figure holding a blockquote, with no hidden "Pull Quote" label for search to index.
    assert (
        '<figure class="fp-pull-quote"><blockquote>\n<p>Out there, nobody asked who was paid'
        in commissioning
    )
    assert "Pull Quote" not in commissioning


def test_tag_pages_list_their_articles(built: Path) -> None:
    text = visible_text(built / "tags/housing/index.html")
    assert "Topic: housing" in text
    assert "Co-production in the commissioning cycle" in text
    assert "The Peer Research Network" not in text


def test_internal_links_point_at_built_pages(built: Path) -> None:
    foreword = (built / "issues/2019-03/foreword/index.html").read_text()
    assert 'href="../what-is-co-production/"' in foreword
    for href in re.findall(r'href="(\.\.?/[^"#]*)"', foreword):
        target = (built / "issues/2019-03/foreword" / href).resolve()
        assert target.exists(), href


def test_nav_lists_issues_not_articles(built: Path) -> None:
    home = (built / "index.html").read_text()
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Issue 7: Spotlight on co-production" in nav
    assert "The Peer Research Network" not in nav


def test_no_request_to_another_host(built: Path) -> None:
    pattern = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*(?:href|src)="(https?:)?//')
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text, page
        loads = [m.group(0) for m in pattern.finditer(text) if 'rel="canonical"' not in m.group(0)]
        assert loads == [], page


def test_broken_front_matter_fails_and_leaves_site_untouched(sample: Path) -> None:
    out = sample / "site"
    assert run("build", "--root", str(sample)).exit_code == 0
    before = snapshot(out)
    article = sample / "content/issues/2019-03/four-stages.md"
    article.write_text(article.read_text().replace("type: article", "type: [article"))
    result = run("build", "--root", str(sample))
    assert result.exit_code == 1
    assert "content/issues/2019-03/four-stages.md:" in result.stderr
    assert "[yaml-syntax]" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(out) == before


def test_unknown_contributor_fails_and_leaves_site_untouched(sample: Path) -> None:
    out = sample / "site"
    assert run("build", "--root", str(sample)).exit_code == 0
    before = snapshot(out)
    article = sample / "content/issues/2019-03/foreword.md"
    text = article.read_text()
    line = text.split("\n").index("authors: [dana-k]") + 1
    article.write_text(text.replace("authors: [dana-k]", "authors: [dana-kk]"))
    result = run("build", "--root", str(sample))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        f"content/issues/2019-03/foreword.md:{line}:11: error: no contributor 'dana-kk' in "
        "content/contributors.yml (did you mean 'dana-k'?) [unknown-contributor]"
    )
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_drafts_are_not_published(sample: Path) -> None:
    (sample / "content/articles/secret-plans.md").write_text(
        "---\ntitle: Secret plans\ntype: news\nsummary: Not yet.\ndate: 2019-05-01\n"
        "status: draft\nauthors: [rj]\n---\nNot ready.\n"
    )
    assert run("build", "--root", str(sample)).exit_code == 0
    site = sample / "site"
    assert not (site / "articles/secret-plans").exists()
    assert files_containing(site, "Secret plans") == []


def test_files_not_referenced_are_not_published(sample: Path) -> None:
    (sample / "content/issues/2019-03/images/private-notes.txt").write_text("Real name: X")
    (sample / "content/notes.md").write_text("private notes")
    assert run("build", "--root", str(sample)).exit_code == 0
    published = snapshot(sample / "site")
    assert not any("private-notes" in path or path.startswith("notes") for path in published)
