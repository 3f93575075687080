"""Every naming preference x consent state: the exact name shown, and nowhere else.

One publication with one article per person; each person is a combination of how
they chose to be named and what they consented to. The web page and the search
index must show exactly the expected text, and a person who may not be named on the
web must not appear in any web output at all. The PDF the website offers is on the web
and in print, so it names only people who may be named in both; the printer's edition
(in ROOT/print/, never on the website) names everyone who may be named in print.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SITE_CONFIG, files_containing, pdf_page_texts, run, write_publication
from pypdf import PdfReader

# Each person has their own name: the leak scan rightly stops a build where the name
# of someone who may not be named appears, even if another person shares it.
NAMES = {
    "full": {
        "ok": "Neil Jonas",
        "no-web": "Nadia Jerome",
        "no-print": "Pavel Quint",
        "withdrawn": "Norman Jukes",
    },
    "first-name": {"ok": "Samira", "no-web": "Omar", "no-print": "Zelda", "withdrawn": "Petra"},
    "initials": {"ok": "R. J.", "no-web": "K. T.", "no-print": "V. X.", "withdrawn": "M. W."},
    "pseudonym": {"ok": "Skylark", "no-web": "Kestrel", "no-print": "Osprey", "withdrawn": "Heron"},
    "anonymous": {"ok": "", "no-web": "", "no-print": "", "withdrawn": ""},
}
CONSENT = {
    "ok": "{web: true, print: true, given: 2019-01-10}",
    "no-web": "{web: false, print: true, given: 2019-01-10}",
    "no-print": "{web: true, print: false, given: 2019-01-10}",
    "withdrawn": "{web: true, print: true, given: 2019-01-10, withdrawn: 2020-02-02}",
}
PEOPLE = [(shown, state) for shown in NAMES for state in CONSENT]


def _id(shown: str, state: str) -> str:
    return f"{shown}-{state}"


NAMED_IN = {"web": ("ok", "no-print"), "print": ("ok", "no-web"), "web-pdf": ("ok",)}


def _expected(shown: str, state: str, channel: str = "web") -> str:
    name = NAMES[shown][state]
    return name if name and state in NAMED_IN[channel] else "a peer researcher"


def _files() -> dict[str, str]:
    registry, articles = [], []
    for shown, state in PEOPLE:
        person = _id(shown, state)
        name = f"  name: {NAMES[shown][state]}\n" if NAMES[shown][state] else ""
        registry.append(
            f"- id: {person}\n  shown_as: {shown}\n{name}  roles: [interviewer, volunteer]\n"
            f"  consent: {CONSENT[state]}\n"
        )
        articles.append(f"{person}.md")
    files = {
        "site_config.yml": SITE_CONFIG.replace(
            "interviewer: Interviewer", "interviewer: Peer researcher"
        )
        + "print: {variants: [screen, print]}\n",
        "content/contributors.yml": "".join(registry),
        "content/issues/2019-03/issue.yml": (
            f"title: Names\nnumber: 1\ndate: 2019-03-01\narticles: [{', '.join(articles)}]\n"
        ),
        "content/issues/2019-03/foreword.md": None,
        "content/issues/2019-03/second.md": None,
    }
    for shown, state in PEOPLE:
        person = _id(shown, state)
        files[f"content/issues/2019-03/{person}.md"] = (
            f"---\ntitle: Piece {person}\ntype: article\nsummary: By one person.\n"
            f"date: 2019-03-01\nstatus: published\nauthors: [{person}]\n---\nText.\n"
        )
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names") / "pub"
    root.mkdir()
    files = _files()
    write_publication(root, {k: v for k, v in files.items() if v is not None})
    for rel, text in files.items():
        if text is None:
            (root / rel).unlink()
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize(("shown", "state"), PEOPLE)
def test_byline_on_the_web_page(site: Path, shown: str, state: str) -> None:
    page = (site / f"issues/2019-03/{_id(shown, state)}/index.html").read_text()
    byline = re.search(r'<p class="fp-byline">(.*?)</p>', page).group(1)
    assert re.sub(r"<[^>]+>", "", byline) == f"By {_expected(shown, state)}"


@pytest.mark.parametrize(("shown", "state"), PEOPLE)
def test_byline_in_the_search_index(site: Path, shown: str, state: str) -> None:
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    page = next(d for d in docs if d["location"] == f"issues/2019-03/{_id(shown, state)}/")
    assert f"By {_expected(shown, state)}" in page["text"]


def _unnamed(channel: str) -> list[tuple[str, str]]:
    return [p for p in PEOPLE if NAMES[p[0]][p[1]] and p[1] not in NAMED_IN[channel]]


@pytest.mark.parametrize(("shown", "state"), _unnamed("web"))
def test_unnamed_people_appear_in_no_web_output(site: Path, shown: str, state: str) -> None:
    found = files_containing(site, NAMES[shown][state])
    assert [leak for leak in found if ".pdf: " not in leak] == []


# The channel each PDF names people in: the one the website offers, and the printer's.
PDFS = {"web-pdf": "site/issues/2019-03", "print": "print"}


def _pdf(site: Path, channel: str) -> Path:
    (pdf,) = (site.parent / PDFS[channel]).glob("*.pdf")
    return pdf


@pytest.fixture(scope="module")
def pdf_pages(site: Path) -> dict[str, list[str]]:
    return {
        channel: [re.sub(r"\s+", " ", text) for text in pdf_page_texts(_pdf(site, channel))]
        for channel in PDFS
    }


@pytest.mark.parametrize("channel", PDFS)
@pytest.mark.parametrize(("shown", "state"), PEOPLE)
def test_byline_in_the_pdf(
    pdf_pages: dict[str, list[str]], channel: str, shown: str, state: str
) -> None:
    person = _id(shown, state)
    # Pieces flow on, several to a page: the piece's own words, from its kicker on.
    page = next(p for p in pdf_pages[channel] if f"ARTICLE Piece {person} " in p)
    piece = page.split(f"ARTICLE Piece {person} ", 1)[1].split(" ARTICLE ")[0]
    assert piece.startswith(f"By one person. By {_expected(shown, state, channel)} Text."), page


@pytest.mark.parametrize(
    ("channel", "shown", "state"), [(c, *p) for c in PDFS for p in _unnamed(c)]
)
def test_unnamed_people_appear_nowhere_in_the_pdf(
    site: Path, pdf_pages: dict[str, list[str]], channel: str, shown: str, state: str
) -> None:
    name = NAMES[shown][state]
    assert all(name not in page for page in pdf_pages[channel])
    metadata = PdfReader(_pdf(site, channel)).metadata or {}
    assert name not in " ".join(str(v) for v in metadata.values())
