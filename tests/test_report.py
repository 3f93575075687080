"""The co-production report (issue 14): every figure counted again here, independently.

Publications are generated from a plain description (who has lived experience, who
agreed to be named on the website, each article's rung, stages, authors, credits and
sign-offs). These tests count each figure from that description, with no flagpress
code, and compare it with `flagpress report --format json` and `--format csv` and
the website's report page. Counts about people below 3 must read "fewer than 3", and
no group of figures that add up may have exactly one hidden (else subtraction finds it).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run, write_publication

LADDER = ("co-production", "co-design", "engagement", "consultation", "informing")
STAGES = ("co-planning", "co-design", "co-delivery", "co-evaluation")
ROLES = {"volunteer": "Volunteer", "editor": "Editor", "interviewer": "Interviewer"}
SIGNED = "0" * 64  # with sign_off policy `none`, records are only counted


@dataclass
class Person:
    id: str
    lived: bool
    web: bool
    role: str = "volunteer"


@dataclass
class Piece:
    slug: str
    level: str
    stages: tuple[str, ...]
    authors: tuple[str, ...]
    credits: tuple[tuple[str, str], ...] = ()
    signed: tuple[str, ...] = ()


@dataclass
class Spec:
    people: list[Person]
    issues: list[tuple[str, list[str], list[Piece]]]  # (folder, editors, articles), oldest first
    threshold: int = 3
    extra_config: str = ""
    lived: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lived = {p.id: p.lived for p in self.people}


def _contributors(people: list[Person]) -> str:
    return "".join(
        f"- id: {p.id}\n  shown_as: full\n  name: Person {p.id.upper()}\n"
        f"  roles: [{p.role}]\n  lived_experience: {str(p.lived).lower()}\n"
        f"  consent: {{web: {str(p.web).lower()}, print: true, given: 2019-01-01}}\n"
        for p in people
    )


def _article(piece: Piece, date: str) -> str:
    credits = "".join(f"\n  - {{id: {i}, role: {r}}}" for i, r in piece.credits)
    signs = "".join(f"\n  - {{by: {b}, on: {date}, text: {SIGNED}}}" for b in piece.signed)
    return (
        f"---\ntitle: Piece {piece.slug}\ntype: article\nsummary: A piece.\ndate: {date}\n"
        f"status: published\nauthors: [{', '.join(piece.authors)}]\n"
        + (f"credits:{credits}\n" if credits else "")
        + (f"sign_off:{signs}\n" if signs else "")
        + f"coproduction: {{level: {piece.level}, stages: [{', '.join(piece.stages)}]}}\n"
        "---\nSome text.\n"
    )


def write_spec(root: Path, spec: Spec) -> Path:
    config = (
        "title: Test Magazine\npublisher: Test Partnership\nlanguage: en-GB\n"
        "url: https://example.org/test/\n"
        f"roles: {json.dumps(ROLES)}\npolicy: {{sign_off: none}}\nprint: {{variants: []}}\n"
        f"suppress_below: {spec.threshold}\n" + spec.extra_config
    )
    files: dict[str, str | None] = {
        "site_config.yml": config,
        "content/contributors.yml": _contributors(spec.people),
        "content/issues/2019-03/issue.yml": None,
        "content/issues/2019-03/foreword.md": None,
        "content/issues/2019-03/second.md": None,
    }
    for number, (folder, editors, pieces) in enumerate(spec.issues, start=1):
        date = f"{folder}-01"
        files[f"content/issues/{folder}/issue.yml"] = (
            f"title: Issue number {number}\nnumber: {number}\ndate: {date}\n"
            f"editors: [{', '.join(editors)}]\n"
            f"articles: [{', '.join(p.slug + '.md' for p in pieces)}]\n"
        )
        for piece in pieces:
            files[f"content/issues/{folder}/{piece.slug}.md"] = _article(piece, date)
    return write_publication(root, files)


def generated(seed: int) -> Spec:
    """A partnership of a dozen people and three issues, different for every seed."""
    rng = random.Random(seed)
    people = [Person(f"p{i}", rng.random() < 0.5, rng.random() < 0.7) for i in range(12)]
    people.append(Person("ed", False, True, "editor"))
    ids = [p.id for p in people[:12]]
    issues = []
    for n, folder in enumerate(("2019-03", "2019-06", "2019-09")):
        pieces = []
        for k in range(rng.randint(3, 7)):
            authors = tuple(rng.sample(ids, rng.randint(1, 3)))
            others = [i for i in ids if i not in authors]
            credits = tuple((i, "interviewer") for i in rng.sample(others, rng.randint(0, 2)))
            signed = tuple(rng.sample(authors, rng.randint(0, len(authors))))
            stages = tuple(s for s in STAGES if rng.random() < 0.5)
            pieces.append(Piece(f"a{n}{k}", rng.choice(LADDER), stages, authors, credits, signed))
        issues.append((folder, ["ed"], pieces))
    return Spec(people, issues)


# --- the figures, counted here from the description alone -------------------------


def expected(spec: Spec) -> dict[tuple[str, str, str], int]:
    """(metric, row, column) -> count, for every figure of the whole archive."""
    lived, web = spec.lived, {p.id: p.web for p in spec.people}
    role_of = {p.id: ROLES[p.role] for p in spec.people}
    pieces = [p for _, _, ps in spec.issues for p in ps]
    out: dict[tuple[str, str, str], int] = {}
    for rung in LADDER:
        out["ladder", rung.capitalize(), "Articles"] = sum(p.level == rung for p in pieces)
    for stage in STAGES:
        out["stages", stage.capitalize(), "Articles"] = sum(stage in p.stages for p in pieces)
    out["roles", "Author", "Contributions"] = sum(len(p.authors) for p in pieces)
    interviews = sum(len(p.credits) for p in pieces)
    if interviews:
        out["roles", "Interviewer", "Contributions"] = interviews
    edited = sum(len(e) for _, e, _ in spec.issues)
    out["roles", "Edited an issue", "Contributions"] = edited
    out["roles", "All contributions", "Contributions"] = (
        out["roles", "Author", "Contributions"] + interviews + edited
    )
    for row, who in (
        ("Among the authors", "authors"),
        ("Among the people who signed off", "signed"),
    ):
        with_ = sum(any(lived[i] for i in getattr(p, who)) for p in pieces)
        out["lived-experience", row, "At least one with lived experience"] = with_
        out["lived-experience", row, "None with lived experience"] = len(pieces) - with_
    signs = [i for p in pieces for i in p.signed]
    out["sign-off", "Articles that needed sign-off", "Count"] = 0
    out["sign-off", "Articles that did not need sign-off", "Count"] = len(pieces)
    out["sign-off", "Articles signed off by everyone needed", "Count"] = 0
    out["sign-off", "Sign-offs by people with lived experience", "Count"] = sum(
        lived[i] for i in signs
    )
    out["sign-off", "Sign-offs by people without lived experience", "Count"] = sum(
        not lived[i] for i in signs
    )
    for label in sorted({role_of[i] for i in signs}):
        out["sign-off", f"Sign-offs by: {label}", "Count"] = sum(role_of[i] == label for i in signs)
    out["sign-off", "All sign-offs", "Count"] = len(signs)
    for number, (_, editors, ps) in enumerate(spec.issues, start=1):
        issue = f"Issue {number}: Issue number {number}"
        people = set(editors) | {i for p in ps for i in (*p.authors, *(c for c, _ in p.credits))}
        out["people", issue, "Named"] = sum(web[i] for i in people)
        out["people", issue, "Not named"] = sum(not web[i] for i in people)
        out["people", issue, "Everyone"] = len(people)
        out["trends", issue, "Articles"] = len(ps)
        out["trends", issue, "Co-produced or co-designed"] = sum(
            p.level in ("co-production", "co-design") for p in ps
        )
        out["trends", issue, "An author with lived experience"] = sum(
            any(lived[i] for i in p.authors) for p in ps
        )
        out["trends", issue, "Signed off by someone with lived experience"] = sum(
            any(lived[i] for i in p.signed) for p in ps
        )
    return out


ABOUT_PEOPLE = {"roles", "lived-experience", "sign-off", "people"}
PEOPLE_TRENDS = {"An author with lived experience", "Signed off by someone with lived experience"}


def about_people(metric: str, column: str) -> bool:
    return metric in ABOUT_PEOPLE or (metric == "trends" and column in PEOPLE_TRENDS)


def groups(spec: Spec, figures: dict) -> list[list[tuple[str, str, str]]]:
    """Figures that add up (parts and their total), as a reader could subtract them."""
    found = [
        [("roles", r, "Contributions") for (m, r, _) in figures if m == "roles"],
    ]
    for row in ("Among the authors", "Among the people who signed off"):
        found.append(
            [
                ("lived-experience", row, "At least one with lived experience"),
                ("lived-experience", row, "None with lived experience"),
            ]  # the total, the number of articles, is always shown
        )
    sign = [("sign-off", r, "Count") for (m, r, _) in figures if m == "sign-off" and "by:" in r]
    found.append([*sign, ("sign-off", "All sign-offs", "Count")])
    found.append(
        [
            ("sign-off", "Sign-offs by people with lived experience", "Count"),
            ("sign-off", "Sign-offs by people without lived experience", "Count"),
            ("sign-off", "All sign-offs", "Count"),
        ]
    )
    issues = sorted({r for (m, r, _) in figures if m == "people"})
    for issue in issues:
        found.append([("people", issue, c) for c in ("Named", "Not named", "Everyone")])
    for column, row in (
        ("An author with lived experience", "Among the authors"),
        ("Signed off by someone with lived experience", "Among the people who signed off"),
    ):
        parts = [("trends", issue, column) for issue in issues]
        found.append([*parts, ("lived-experience", row, "At least one with lived experience")])
    return found


# --- reading what flagpress wrote -----------------------------------------------------


def from_json(text: str) -> dict[tuple[str, str, str], dict]:
    data = json.loads(text)
    return {
        (m["id"], row["label"], column): value
        for m in data["metrics"]
        for row in m["rows"]
        for column, value in row["values"].items()
    }


def from_csv(text: str) -> dict[tuple[str, str, str], dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {(r["metric"], r["row"], r["column"]): r for r in rows}


class _Tables(HTMLParser):
    """The report page's tables: section id -> rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section = ""
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "section" and attributes.get("aria-labelledby"):
            self.section = attributes["aria-labelledby"]
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.tables[self.section].append([])
        elif tag in ("td", "th") and self.section:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[self.section][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "section":
            self.section = ""

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def page_tables(html: str) -> dict[tuple[str, str, str], str]:
    parser = _Tables()
    parser.feed(html)
    found = {}
    for metric, rows in parser.tables.items():
        header, *body = rows
        for row in body:
            for column, cell in zip(header[1:], row[1:], strict=True):
                found[metric, row[0], column] = cell
    return found


def shown(count: int, base: int | None) -> str:
    return f"{count} ({round(100 * count / base)}%)" if base else str(count)


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Spec, dict, dict, str]]:
    """Three generated publications: their spec, JSON, CSV and report page."""
    made = {}
    for seed in (1, 2, 3):
        root = write_spec(tmp_path_factory.mktemp(f"seed{seed}"), generated(seed))
        as_json = run("report", "--root", str(root), "--format", "json")
        as_csv = run("report", "--root", str(root), "--format", "csv")
        assert as_json.exit_code == 0, as_json.stderr
        result = run("build", "--root", str(root))
        assert result.exit_code == 0, result.stderr
        page = (root / "site" / "co-production" / "report" / "index.html").read_text("utf-8")
        made[seed] = (
            generated(seed),
            from_json(as_json.stdout),
            from_csv(as_csv.stdout),
            page,
        )
    return made


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_matches_an_independent_count(built, seed: int) -> None:
    spec, data, table, page = built[seed]
    cells = page_tables(page)
    figures = expected(spec)
    articles = sum(len(ps) for _, _, ps in spec.issues)
    assert set(figures) <= set(data) and set(figures) <= set(table) and set(figures) <= set(cells)
    for key, count in figures.items():
        metric, _, column = key
        value, row = data[key], table[key]
        if about_people(metric, column) and count < 3:
            assert value == {
                "count": None,
                "percent": None,
                "hidden": "small",
                "note": "fewer than 3",
            }
            assert (row["count"], row["note"]) == ("", "fewer than 3")
            assert cells[key] == "fewer than 3"
        elif value["hidden"] == "secondary":
            assert about_people(metric, column), key
            assert (row["count"], row["note"], cells[key]) == ("", "not shown", "not shown")
        else:
            assert value["count"] == count, key
            assert row["count"] == str(count), key
            assert cells[key].split(" ")[0] == str(count), key
    for rung in LADDER:  # articles say nothing about people: never hidden, with their share
        key = ("ladder", rung.capitalize(), "Articles")
        assert cells[key] == shown(figures[key], articles)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_hidden_figure_can_be_worked_out_by_subtraction(built, seed: int) -> None:
    spec, data, _, _ = built[seed]
    for group in groups(spec, expected(spec)):
        hidden = [key for key in group if key in data and data[key]["hidden"]]
        assert len(hidden) != 1, f"{hidden[0]} can be found from the rest of {group}"


def _small_spec(authors_without: int) -> Spec:
    """Six articles; all but `authors_without` have an author with lived experience."""
    people = [Person(f"p{i}", True, True) for i in range(4)] + [Person("s1", False, True)]
    pieces = [
        Piece(
            f"a{k}",
            "co-production",
            ("co-planning",),
            ("s1",) if k < authors_without else (f"p{k % 4}",),
        )
        for k in range(6)
    ]
    return Spec(people, [("2019-03", [], pieces)])


def test_a_small_count_that_subtraction_would_reveal_hides_its_complement_too(tmp_path) -> None:
    # Six articles (always shown); five have an author with lived experience. "1 without"
    # is hidden as small; showing "5 with" would give it away (6 - 5), so it is hidden too.
    root = write_spec(tmp_path, _small_spec(authors_without=1))
    data = from_json(run("report", "--root", str(root), "--format", "json").stdout)
    with_ = data["lived-experience", "Among the authors", "At least one with lived experience"]
    without = data["lived-experience", "Among the authors", "None with lived experience"]
    assert without["note"] == "fewer than 3"
    assert (with_["count"], with_["note"]) == (None, "not shown")
    # The same article count per issue would give it away again: hidden there too.
    trend = data["trends", "Issue 1: Issue number 1", "An author with lived experience"]
    assert trend["count"] is None
    assert run("build", "--root", str(root)).exit_code == 0
    page = (root / "site" / "co-production" / "report" / "index.html").read_text("utf-8")
    cells = page_tables(page)
    assert (
        cells["lived-experience", "Among the authors", "At least one with lived experience"]
        == "not shown"
    )
    issue_page = (root / "site" / "issues" / "2019-03" / "index.html").read_text("utf-8")
    made = issue_page[issue_page.index('id="how-made"') :]
    assert "An author with lived experience</dt>\n  <dd>not shown</dd>" in made
    assert "5 (83%)" not in made


def test_big_enough_counts_are_shown_with_their_share(tmp_path) -> None:
    root = write_spec(tmp_path, _small_spec(authors_without=3))
    result = run("report", "--root", str(root))
    assert result.exit_code == 0
    assert "Among the authors" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "Among the authors" in x)
    assert "At least one with lived experience: 3 (50%)" in line
    assert "None with lived experience: 3 (50%)" in line


def test_the_threshold_is_set_in_site_config(tmp_path) -> None:
    spec = _small_spec(authors_without=1)
    spec.threshold = 2
    root = write_spec(tmp_path, spec)
    data = from_json(run("report", "--root", str(root), "--format", "json").stdout)
    assert (
        data["lived-experience", "Among the authors", "None with lived experience"]["note"]
        == "fewer than 2"
    )


def test_a_threshold_below_two_is_refused_with_a_diagnostic(tmp_path) -> None:
    spec = _small_spec(authors_without=1)
    spec.threshold = 1
    root = write_spec(tmp_path, spec)
    result = run("report", "--root", str(root))
    assert result.exit_code == 1
    assert re.search(
        r"site_config\.yml:\d+:\d+: error: .*from 2 to 100 \(not 1\) \[bad-threshold\]",
        result.stderr,
    ), result.stderr


def test_a_report_of_one_issue_or_a_date_range_counts_only_those_articles(built, tmp_path) -> None:
    spec = generated(2)
    root = write_spec(tmp_path, spec)
    second = spec.issues[1][2]
    one = from_json(run("report", "--root", str(root), "--issue", "2", "--format", "json").stdout)
    dated = from_json(
        run(
            "report",
            "--root",
            str(root),
            "--from",
            "2019-06-01",
            "--to",
            "2019-06-30",
            "--format",
            "json",
        ).stdout
    )
    for data in (one, dated):
        for rung in LADDER:
            assert data["ladder", rung.capitalize(), "Articles"]["count"] == sum(
                p.level == rung for p in second
            )
        assert {k[1] for k in data if k[0] == "trends"} == {"Issue 2: Issue number 2"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--issue", "9"], "flagpress: error: there is no issue '9'; the issues are: "),
        (
            ["--from", "2019-09-01", "--to", "2019-01-01"],
            "flagpress: error: --from 2019-09-01 is after --to 2019-01-01; swap them",
        ),
    ],
)
def test_usage_errors_exit_2_with_what_to_do(tmp_path, args: list[str], message: str) -> None:
    root = write_spec(tmp_path, _small_spec(1))
    result = run("report", "--root", str(root), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_the_report_page_names_nobody_and_is_linked_from_the_explainer_and_footer(built) -> None:
    spec, _, _, page = built[1]
    main = page[page.index("<h1") : page.index("</article>")]
    for person in spec.people:
        assert f"Person {person.id.upper()}" not in main
    assert main.count('role="img"') == 7  # a chart for each table
    assert main.count("<title id=") == 7 and main.count("<desc id=") == 7
    assert "<script" not in main
    assert "http" not in re.sub(r'xmlns="http://www.w3.org/2000/svg"', "", main)
    assert 'href="../../co-production/report/"' in page or 'href="./"' in page


def test_the_report_pdf_has_a_page_for_each_section(tmp_path) -> None:
    from pypdf import PdfReader

    root = write_spec(tmp_path, _small_spec(authors_without=3))
    output = tmp_path / "funders" / "report.pdf"
    output.parent.mkdir()
    result = run("report", "--root", str(root), "--pdf", str(output))
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {output}" in result.stderr
    pages = [p.extract_text() for p in PdfReader(output).pages]
    assert len(pages) == 8  # a first page, then one for each of the seven tables
    assert "Lived experience" in pages[4] and "3 (50%)" in pages[4]
    assert not list(output.parent.glob("*.partial"))


def test_the_website_and_print_code_never_import_the_report() -> None:
    from test_architecture import _imports

    wrong = [
        f"{a} imports {b}"
        for a, targets in _imports().items()
        for b in targets
        if a.startswith(("flagpress.render.web", "flagpress.render.press"))
        and b.startswith("flagpress.render.report")
    ]
    assert wrong == []
