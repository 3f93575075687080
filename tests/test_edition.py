"""The Edition: what every output shows, decided once (public today, order, credits, alt text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FOREWORD, SECOND, SITE_CONFIG, png, run
from pypdf import PdfReader

from flagpress.pipeline import check
from flagpress.render.edition import DECORATIVE_MARK, build_edition

TODAY = dt.date(2026, 1, 1)


def _edition(root: Path):
    pub, problems = check(root, TODAY)
    assert pub is not None and [p for p in problems if p.severity == "error"] == []
    return build_edition(pub, root, TODAY)


def test_only_public_articles_in_running_order_and_issues_without_them_are_left_out(
    publication,
) -> None:
    draft = SECOND.replace("status: published", "status: draft")
    embargoed = FOREWORD.replace(
        "status: published", "status: published\npublish_after: 2030-01-01"
    )
    root = publication(
        {
            "content/issues/2019-03/issue.yml": (
                "title: First issue\nnumber: 1\ndate: 2019-03-01\neditors: [staff-a]\n"
                "articles: [second.md, foreword.md]\n"
            ),
            "content/issues/2019-03/foreword.md": FOREWORD.replace(
                "Read [the second piece](second.md).", ""
            ),
            "content/issues/2020-01/issue.yml": (
                "title: Empty\nnumber: 2\ndate: 2020-01-01\narticles: [a.md]\n"
            ),
            "content/issues/2020-01/a.md": draft,
            "content/articles/later.md": embargoed.replace("type: editorial", "type: news").replace(
                "Read [the second piece](second.md).", ""
            ),
        }
    )
    edition = _edition(root)
    assert [i.slug for i in edition.issues] == ["2019-03"]
    # issue.yml's running order, whatever the article types (no editorial-first reordering)
    assert [a.slug for a in edition.issues[0].articles] == ["second", "foreword"]
    assert edition.web_only == ()


def test_issue_credits_say_who_did_what_each_person_once(publication) -> None:
    foreword = FOREWORD.replace(
        "tags: [housing]", "tags: [housing]\ncredits: [{id: anon-1, role: interviewer}]"
    )
    root = publication({"content/issues/2019-03/foreword.md": foreword})
    issue = _edition(root).issues[0]
    groups = [(g.role, g.people) for g in issue.credits]
    assert groups == [
        ("Edited by", ("staff-a",)),
        ("Written by", ("neil-j", "staff-a", "anon-1")),
        ("Interviewer", ("anon-1",)),
    ]
    assert issue.people == ["staff-a", "neil-j", "anon-1"]


def test_a_decorative_lead_image_is_published_with_empty_alt(publication) -> None:
    foreword = FOREWORD.replace(
        "tags: [housing]", "tags: [housing]\nimage: {src: images/line.png, alt: decorative}"
    )
    root = publication(
        {
            "content/issues/2019-03/foreword.md": foreword,
            "content/issues/2019-03/images/line.png": png(),
        }
    )
    image = _edition(root).issues[0].articles[0].image
    assert image is not None
    assert (image.path, image.alt, image.decorative) == (
        "content/issues/2019-03/images/line.png",
        "",
        True,
    )


DECORATED = FOREWORD.replace(
    "Welcome. Read [the second piece](second.md).",
    "Welcome.\n\n![decorative](images/line.png)\n\n![A blue square on white](images/square.png)\n",
)


def test_decorative_images_are_artifacts_in_the_tagged_pdf_not_alt_text(publication) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n",
            "content/issues/2019-03/foreword.md": DECORATED,
            "content/issues/2019-03/images/line.png": png(40, 4),
            "content/issues/2019-03/images/square.png": png(40, 40),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    pdf = root / "site/issues/2019-03/test-magazine-issue-1-screen.pdf"
    data = pdf.read_bytes()
    reader = PdfReader(pdf)
    alts = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    seen = set()
    while stack:
        obj = stack.pop()
        obj = obj.get_object() if hasattr(obj, "get_object") else obj
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, list):
            stack.extend(obj)
        elif hasattr(obj, "get"):
            if obj.get("/S") == "/Figure":
                alts.append(str(obj.get("/Alt")))
            if "/K" in obj:
                stack.append(obj["/K"])
    assert alts == ["A blue square on white"]  # the decorative image is not a figure at all
    assert b"decorative" not in data.lower()
    assert DECORATIVE_MARK.encode("utf-16-be").hex().encode() not in data.lower()
    # and on the website it has empty alt text, so screen readers skip it there too
    page = (root / "site/issues/2019-03/foreword/index.html").read_text(encoding="utf-8")
    assert 'alt=""' in page and 'alt="A blue square on white"' in page
