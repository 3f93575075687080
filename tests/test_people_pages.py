"""Co-production credits and contributor pages, on the website."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    FOREWORD,
    FOREWORD_PATH,
    build,
    files_containing,
    visible_text,
    write_publication,
)

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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publication with profiles and credits, built once: every test only reads it."""
    root = tmp_path_factory.mktemp("people") / "pub"
    root.mkdir()
    changes = {"content/contributors.yml": REGISTRY, FOREWORD_PATH: FOREWORD_CREDITS}
    return build(write_publication(root, changes))


def test_only_people_with_a_profile_who_may_be_named_get_a_page(site: Path) -> None:
    assert (site / "contributors/neil-j/index.html").is_file()
    assert sorted(p.name for p in (site / "contributors").iterdir()) == ["index.html", "neil-j"]
    text = visible_text(site / "contributors/neil-j/index.html")
    assert "Neil J" in text and "Volunteer with the Action Group." in text
    assert "Foreword" in text


def test_ids_of_people_without_a_page_appear_in_no_output(site: Path) -> None:
    people = ("staff-a", "anon-1", "int-b")
    assert files_containing(site, *people, suffixes=(".html", ".json", ".xml")) == []


def test_bylines_link_to_contributor_pages(site: Path) -> None:
    page = (site / "issues/2019-03/foreword/index.html").read_text()
    assert '<p class="fp-byline">By <a href="../../../contributors/neil-j/">Neil J</a></p>' in page


def test_how_this_was_made_box(site: Path) -> None:
    text = visible_text(site / "issues/2019-03/foreword/index.html")
    assert (
        "How this was made Author: Neil J Interviewer: B. K. Stages of co-production: "
        "Co-planning, Co-delivery. On the ladder of participation: Co-design."
    ) in text


def test_issue_credits_page_lists_named_people_by_role_and_counts_the_rest(site: Path) -> None:
    text = visible_text(site / "issues/2019-03/credits/index.html")
    # Who did what, as the printed credits say it (not people's job titles).
    assert "Edited by an editor" in text  # staff-a may not be named on the web
    assert "Written by Neil J, an editor and a volunteer" in text
    assert "Interviewer B. K." in text
    # The two people not named are counted once, in their groups: a "thanks also to
    # 2 people" line after them read as two more people.
    assert "not named here" not in text
    assert "Alex" not in text


def test_the_ladder_explainer_page_is_linked_from_articles(site: Path) -> None:
    page = (site / "issues/2019-03/foreword/index.html").read_text()
    assert 'href="../../../co-production/"' in page
    assert "The ladder of participation" in visible_text(site / "co-production/index.html")
