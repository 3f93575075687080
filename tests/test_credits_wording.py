"""Credits that read right, in every output (issue 11, item 2).

Named people come first and people who are not named last, grouped and counted, so a
neutral phrase never follows a name as if it described that person ("Skylark, a
volunteer and Priya Mistry" made Skylark the volunteer). The same wording reaches
the article page, the lists, the search index, the feed, the issue credits and the
PDFs, because all of them ask `naming.Namer`.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SITE_CONFIG, run, write_publication
from pypdf import PdfReader

from flagpress.naming import counted

ROLES = (
    "roles: {volunteer: Volunteer, editor: Editor, interviewer: Interviewer, "
    "peer-researcher: Peer researcher, research-officer: Research officer}"
)
CONSENT = "consent: {web: true, print: true, given: 2019-01-10}"
PEOPLE = {
    "neil-j": ("full", "Neil J", "volunteer"),
    "staff-a": ("first-name", "Alex", "editor"),
    "tom-h": ("full", "Tom H", "research-officer"),
    "rj": ("initials", "R. J.", "volunteer"),
    "anon-1": ("anonymous", "", "volunteer"),
    "anon-2": ("anonymous", "", "volunteer"),
    "anon-3": ("anonymous", "", "peer-researcher"),
    "anon-ro": ("anonymous", "", "research-officer"),
}
# article file -> (front matter lines for people, the byline readers must see)
ARTICLES = {
    "foreword": (
        "authors: [neil-j, anon-1, staff-a]\n"
        "credits: [{id: neil-j, role: interviewer}, {id: rj, role: interviewer}]\n"
        "coproduction: {level: co-design, stages: [co-planning]}",
        "By Neil J, Alex and a volunteer",
    ),
    "second": ("authors: [anon-1, anon-2]", "By two volunteers"),
    "third": ("authors: [anon-1, anon-3]", "By a volunteer and a peer researcher"),
    "fourth": ("authors: [tom-h, anon-1, rj]", "By Tom H, R. J. and a volunteer"),
    "fifth": ("authors: [anon-ro]", "By a research officer"),
}


def _registry() -> str:
    rows = []
    for person, (shown, name, role) in PEOPLE.items():
        named = f"  name: {name}\n" if name else ""
        rows.append(f"- id: {person}\n  shown_as: {shown}\n{named}  roles: [{role}]\n  {CONSENT}\n")
    return "".join(rows)


def _article(slug: str, people: str) -> str:
    return (
        f"---\ntitle: Piece {slug}\ntype: article\nsummary: About {slug}.\ndate: 2019-03-01\n"
        f"status: published\n{people}\n---\nText of {slug}.\n"
    )


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("credits") / "pub"
    files: dict[str, str | bytes | None] = {
        "site_config.yml": re.sub(r"(?m)^roles: .*$", ROLES, SITE_CONFIG)
        + "print: {variants: [screen]}\n",
        "content/contributors.yml": _registry(),
        "content/issues/2019-03/issue.yml": (
            "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
            f"articles: [{', '.join(f'{a}.md' for a in ARTICLES)}]\n"
        ),
    }
    files.update(
        {f"content/issues/2019-03/{a}.md": _article(a, p) for a, (p, _) in ARTICLES.items()}
    )
    write_publication(root, files)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    return root


def _text(path: Path) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    raw = re.sub(r"</?(a|em|strong|span|time)\b[^>]*>", "", raw)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


@pytest.mark.parametrize("slug", ARTICLES)
def test_the_article_byline_names_people_first_and_counts_the_rest(root: Path, slug: str) -> None:
    page = (root / f"site/issues/2019-03/{slug}/index.html").read_text(encoding="utf-8")
    byline = re.search(r'<p class="fp-byline">(.*?)</p>', page).group(1)
    assert re.sub(r"<[^>]+>", "", byline) == ARTICLES[slug][1]


@pytest.mark.parametrize("slug", ARTICLES)
def test_the_issue_contents_and_the_search_index_say_the_same(root: Path, slug: str) -> None:
    expected = ARTICLES[slug][1]
    card = f"About {slug}. {expected} · 1 minute read"  # summary, then byline and reading time
    assert card in _text(root / "site/issues/2019-03/index.html")
    docs = json.loads((root / "site/search/search_index.json").read_text())["docs"]
    entry = next(d for d in docs if d["location"] == f"issues/2019-03/{slug}/")
    assert f"<p>{expected}</p>" in entry["text"]


def test_the_feed_lists_authors_in_the_byline_order(root: Path) -> None:
    feed = ET.parse(root / "site/feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    authors = {
        e.findtext(f"{atom}title"): [a.findtext(f"{atom}name") for a in e.findall(f"{atom}author")]
        for e in feed.findall(f"{atom}entry")
    }
    assert authors == {
        "Piece foreword": ["Neil J", "Alex", "a volunteer"],
        "Piece second": ["two volunteers"],
        "Piece third": ["a volunteer", "a peer researcher"],
        "Piece fourth": ["Tom H", "R. J.", "a volunteer"],
        "Piece fifth": ["a research officer"],
    }


def test_how_this_was_made_is_one_list_with_everyone_once(root: Path) -> None:
    text = _text(root / "site/issues/2019-03/foreword/index.html")
    assert (
        "How this was made Author and interviewer: Neil J Author: Alex and a volunteer "
        "Interviewer: R. J. Stages of co-production: Co-planning."
    ) in text
    assert "Also contributing" not in text
    assert text.count("Neil J") == 2  # the byline and "How this was made", nowhere else


def test_how_this_was_made_lines_start_with_a_capital_letter(root: Path) -> None:
    page = (root / "site/issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    box = re.search(r'<aside class="fp-how-made".*?</aside>', page, re.S).group(0)
    lines = re.findall(r"<li>(.*?)</li>", box)
    assert lines and all(line[0].isupper() for line in lines), lines


def test_the_issue_credits_page_groups_and_counts_people_not_named(root: Path) -> None:
    text = _text(root / "site/issues/2019-03/credits/index.html")
    assert (
        "Written by Neil J, Alex, Tom H, R. J., two volunteers, a peer researcher and "
        "a research officer"
    ) in text
    assert "Interviewer Neil J and R. J." in text
    assert "not named here" not in text  # counted above, once, as the PDF counts them


def test_the_pdf_the_website_offers_says_it_the_same_way(root: Path) -> None:
    (pdf,) = (root / "site/issues/2019-03").glob("*-screen.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
    for _, byline in ARTICLES.values():
        assert f"{byline} Text of" in text, byline
    assert "Written by Neil J, Alex, Tom H, R. J., two volunteers, a peer researcher" in text


@pytest.mark.parametrize(
    ("label", "count", "expected"),
    [
        ("volunteer", 1, "a volunteer"),
        ("Action Group member", 1, "an Action Group member"),
        ("volunteer", 2, "two volunteers"),
        ("peer researcher", 9, "nine peer researchers"),
        ("volunteer", 12, "12 volunteers"),
        ("volunteer with lived experience", 3, "three volunteers with lived experience"),
        ("Action Group member", 2, "two Action Group members"),
        ("editor-in-chief", 2, "two editors-in-chief"),
    ],
)
def test_unnamed_people_are_counted_in_plain_english(label: str, count: int, expected: str) -> None:
    assert counted(label, count) == expected
