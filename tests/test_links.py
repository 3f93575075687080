"""flagpress.links.resolve: what each link or image an editor writes points at."""

from __future__ import annotations

import pytest

from flagpress.links import Kind, Target, resolve

ARTICLE = "content/issues/2019-03/foreword.md"
PAGE = "content/pages/about.md"


@pytest.mark.parametrize(
    "written",
    [
        "https://example.org/report.pdf",
        "http://example.org/",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:flag@example.org",
        "tel:+441273000000",
    ],
)
def test_web_addresses_email_and_phone_are_external(written: str) -> None:
    assert resolve(ARTICLE, written) == Target(Kind.EXTERNAL)


@pytest.mark.parametrize(
    "written",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
    ],
)
def test_other_schemes_are_unsafe(written: str) -> None:
    assert resolve(ARTICLE, written) == Target(Kind.UNSAFE)


def test_fragment_alone_is_an_anchor_on_the_same_page() -> None:
    assert resolve(ARTICLE, "#further-reading") == Target(Kind.ANCHOR, fragment="further-reading")


@pytest.mark.parametrize(
    ("source", "written", "path", "fragment"),
    [
        (ARTICLE, "second.md", "content/issues/2019-03/second.md", ""),
        (ARTICLE, "./second.md#part-2", "content/issues/2019-03/second.md", "part-2"),
        (ARTICLE, "images/ladder.svg", "content/issues/2019-03/images/ladder.svg", ""),
        (ARTICLE, "../../pages/about.md", "content/pages/about.md", ""),
        (PAGE, "../articles/case%20study.md", "content/articles/case study.md", ""),
        (PAGE, "../issues/2019-03/images/../foreword.md", ARTICLE, ""),
        # Browsers treat '\' as '/', so an editor on Windows gets what they meant.
        (ARTICLE, "images\\ladder.svg", "content/issues/2019-03/images/ladder.svg", ""),
    ],
)
def test_relative_paths_resolve_to_content_files(
    source: str, written: str, path: str, fragment: str
) -> None:
    assert resolve(source, written) == Target(Kind.CONTENT, path, fragment)


@pytest.mark.parametrize(
    "written",
    [
        "../../../secret.png",
        "../../../site_config.yml",
        "../../../../etc/passwd",
        "..%2F..%2F..%2Fsecret.png",
        "..\\..\\..\\secret.png",
        "images/../../../../secret.png",
    ],
)
def test_paths_climbing_out_of_content_are_outside(written: str) -> None:
    assert resolve(ARTICLE, written) == Target(Kind.OUTSIDE)


def test_containment_is_decided_on_path_parts_not_string_prefixes() -> None:
    """'content-old/' starts with 'content' as a string, but is not inside content/."""
    assert resolve(ARTICLE, "../../../content-old/x.png") == Target(Kind.OUTSIDE)


@pytest.mark.parametrize(
    "written",
    ["/pages/about.md", "\\pages\\about.md", "C:\\Users\\me\\photo.jpg", "c:/photo.jpg"],
)
def test_paths_from_the_top_of_a_disk_or_site_are_absolute(written: str) -> None:
    assert resolve(ARTICLE, written) == Target(Kind.ABSOLUTE)


def test_protocol_relative_address_is_absolute_not_content() -> None:
    assert resolve(ARTICLE, "//tracker.example.com/pixel.png") == Target(Kind.ABSOLUTE)


def test_unreadable_address_is_invalid_rather_than_a_crash() -> None:
    assert resolve(ARTICLE, "http://[oops") == Target(Kind.INVALID)
