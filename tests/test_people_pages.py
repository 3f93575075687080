"""Co-production credits and contributor pages, on the website."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FOREWORD, run

REGISTRY = """\
- id: neil-j
  shown_as: full
  name: Neil J
  roles: [volunteer]
  profile: true
  bio: Volunteer with the Action Group.
  consent: {web: true, print: true, given: 2019-01-10}
- id: staff-a
  shown_as: first-name
  name: Alex
  roles: [editor]
  profile: true
  consent: {web: false, print: true, given: 2019-01-10}
- id: anon-1
  shown_as: anonymous
  roles: [volunteer]
  profile: true
  consent: {web: true, print: true, given: 2019-01-10}
- id: int-b
  shown_as: initials
  name: B. K.
  roles: [interviewer]
  consent: {web: true, print: true, given: 2019-01-10}
"""
FOREWORD_CREDITS = FOREWORD.replace(
    "tags: [housing]",
    "tags: [housing]\ncredits: [{id: int-b, role: interviewer}]\n"
    "coproduction: {level: co-design, stages: [co-planning, co-delivery]}",
)


def _site(publication) -> Path:
    root = publication(
        {
            "content/contributors.yml": REGISTRY,
            "content/issues/2019-03/foreword.md": FOREWORD_CREDITS,
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    return root / "site"


def _text(path: Path) -> str:
    raw = re.sub(r"</?(a|em|strong)\b[^>]*>", "", path.read_text())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw))


def test_only_people_with_a_profile_who_may_be_named_get_a_page(publication) -> None:
    site = _site(publication)
    assert (site / "contributors/neil-j/index.html").is_file()
    assert sorted(p.name for p in (site / "contributors").iterdir()) == ["index.html", "neil-j"]
    text = _text(site / "contributors/neil-j/index.html")
    assert "Neil J" in text and "Volunteer with the Action Group." in text
    assert "Foreword" in text


def test_ids_of_people_without_a_page_appear_in_no_output(publication) -> None:
    site = _site(publication)
    for path in site.resolve().rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            data = path.read_text(encoding="utf-8")
            for person in ("staff-a", "anon-1", "int-b"):
                assert person not in data, (person, path)


def test_bylines_link_to_contributor_pages(publication) -> None:
    page = (_site(publication) / "issues/2019-03/foreword/index.html").read_text()
    assert '<p class="fp-byline">By <a href="../../../contributors/neil-j/">Neil J</a></p>' in page


def test_how_this_was_made_box(publication) -> None:
    text = _text(_site(publication) / "issues/2019-03/foreword/index.html")
    assert (
        "How this was made Author: Neil J Interviewer: B. K. Stages of co-production: "
        "Co-planning, Co-delivery. On the ladder of participation: Co-design."
    ) in text


def test_issue_credits_page_lists_named_people_by_role_and_counts_the_rest(publication) -> None:
    text = _text(_site(publication) / "issues/2019-03/credits/index.html")
    # Who did what, as the printed credits say it (not people's job titles).
    assert "Edited by an editor" in text  # staff-a may not be named on the web
    assert "Written by Neil J, an editor and a volunteer" in text
    assert "Interviewer B. K." in text
    assert "Thanks also to 2 people who are not named here." in text
    assert "Alex" not in text


def test_the_ladder_explainer_page_is_linked_from_articles(publication) -> None:
    site = _site(publication)
    page = (site / "issues/2019-03/foreword/index.html").read_text()
    assert 'href="../../../co-production/"' in page
    assert "The ladder of participation" in _text(site / "co-production/index.html")
