"""`flagpress where ID`: every place a person appears, for data-protection requests."""

from __future__ import annotations

from conftest import FOREWORD, run

PRIVATE = "neil-j: {real_name: Neil Jones, email: nj@example.net}\n"


def test_where_lists_registry_credits_images_and_mentions(publication) -> None:
    foreword = FOREWORD.replace("Welcome.", "Welcome. Neil J and NEIL JONES helped.")
    root = publication(
        {
            "content/issues/2019-03/foreword.md": foreword,
            "content/contributors.private.yml": PRIVATE,
        }
    )
    result = run("where", "neil-j", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/contributors.private.yml:1:1: private details held: email, real_name",
        "content/contributors.yml:1:3: registry entry: shown as full; web: named, print: named",
        "content/issues/2019-03/foreword.md:7:11: author of 'Foreword' (published, issue 1)",
        "content/issues/2019-03/foreword.md:10:10: mentions their name",
        "content/issues/2019-03/foreword.md:10:21: mentions their private real_name",
        "5 places for 'neil-j'.",
    ]
    assert "Neil Jones" not in result.stdout and "nj@example.net" not in result.stdout


def test_where_lists_editors_and_other_credits(publication) -> None:
    result = run("where", "staff-a", "--root", str(publication()))
    assert result.stdout.splitlines() == [
        "content/contributors.yml:6:3: registry entry: shown as first-name; web: named, "
        "print: named",
        "content/issues/2019-03/issue.yml:4:11: editor of issue 1",
        "content/issues/2019-03/second.md:7:11: author of 'Second piece' (published, issue 1)",
        "3 places for 'staff-a'.",
    ]


def test_where_with_an_unknown_id_is_a_usage_error(publication) -> None:
    result = run("where", "neil", "--root", str(publication()))
    assert result.exit_code == 2
    assert result.stderr == (
        "flagpress: error: no contributor 'neil' in content/contributors.yml "
        "(did you mean 'neil-j'?)\n"
    )


def test_where_reports_every_field_by_position_and_never_prints_a_value(publication) -> None:
    private = "neil-j: {real_name: Marianne Okonkwo}\n"
    foreword = (
        FOREWORD.replace("title: Foreword", "title: Notes from M. Okonkwo")
        .replace("tags: [housing]", "tags: [housing, marianne-okonkwo]")
        .replace("Welcome.", "Welcome. Thanks to Marianne\nOkonkwo.")
    )
    root = publication(
        {
            "content/issues/2019-03/foreword.md": foreword,
            "content/articles/okonkwo-marianne.md": FOREWORD.replace(
                "authors: [neil-j]", "authors: [staff-a]"
            ),
            "content/contributors.private.yml": private,
        }
    )
    result = run("where", "neil-j", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/articles/[name withheld]:1:1: its file or folder name mentions their private "
        "real_name",
        "content/articles/[name withheld]:1:1: its file or folder name mentions their private "
        "surname",
        "content/contributors.private.yml:1:1: private details held: real_name",
        "content/contributors.yml:1:3: registry entry: shown as full; web: named, print: named",
        "content/issues/2019-03/foreword.md:2:1: its title mentions their private surname",
        "content/issues/2019-03/foreword.md:7:11: author of (title withheld: it holds private "
        "details) (published, issue 1)",
        "content/issues/2019-03/foreword.md:8:1: its tags mention their private real_name",
        "content/issues/2019-03/foreword.md:8:1: its tags mention their private surname",
        "content/issues/2019-03/foreword.md:10:20: mentions their private real_name",
        "content/issues/2019-03/foreword.md:11:1: mentions their private surname",
        "10 places for 'neil-j'.",
    ]
    assert "okonkwo" not in result.stdout.lower() and "marianne" not in result.stdout.lower()
