"""Finding content: misplaced files are pointed out, not silently skipped."""

from __future__ import annotations

from conftest import check, expected, problem_lines, shown


def test_a_misplaced_article_is_a_warning_naming_the_file(publication) -> None:
    root = publication({"content/my-article.md": "---\ntitle: Lost\n---\nText\n"})
    result = check(root)
    assert result.exit_code == 0
    assert shown(result) == expected(
        "content/my-article.md:1:1: warning: flagpress does not read this file; articles go "
        "in content/issues/<issue>/ or content/articles/, standing pages in content/pages/ "
        "[ignored-file]",
        warnings=1,
    )
    assert check(root, "--strict").exit_code == 1


def test_a_markdown_file_with_a_long_suffix_is_told_to_rename(publication) -> None:
    root = publication({"content/articles/news.markdown": "---\ntitle: News\n---\n"})
    result = check(root)
    assert problem_lines(result.stderr)[0] == (
        "content/articles/news.markdown:1:1: warning: flagpress does not read this file; "
        "rename it to end in .md [ignored-file]"
    )


def test_images_and_the_private_registry_are_not_flagged(publication) -> None:
    root = publication(
        {
            "content/contributors.private.yml": "neil-j: {real_name: Neil Jones}\n",
            "content/issues/2019-03/images/a.png": b"\x89PNG",
        }
    )
    result = check(root)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_an_unreadable_registry_is_reported_once_not_for_every_credit(publication) -> None:
    root = publication({"content/contributors.yml": "- id: [broken\n"})
    result = check(root)
    assert result.exit_code == 1
    assert "unknown-contributor" not in result.stderr
    assert result.stderr.count("content/contributors.yml:") == 1


def test_two_issues_with_one_number_are_an_error(publication) -> None:
    root = publication(
        {
            "content/issues/2019-04/issue.yml": (
                "title: Again\nnumber: 1\ndate: 2019-04-01\narticles: [a.md]\n"
            ),
            "content/issues/2019-04/a.md": (
                "---\ntitle: A\ntype: news\nsummary: S.\ndate: 2019-04-01\nstatus: draft\n"
                "authors: [neil-j]\n---\nText\n"
            ),
        }
    )
    result = check(root)
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "content/issues/2019-04/issue.yml:2:1: error: issue number 1 is already used by "
        "content/issues/2019-03/issue.yml; give each issue its own number "
        "[duplicate-issue-number]"
    )
