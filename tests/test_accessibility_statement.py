"""The accessibility statement follows the UK public sector model statement.

GOV.UK's "Sample accessibility statement" asks for: who runs the website and what
readers can do, how accessible it is, feedback and contact, the enforcement procedure,
technical information with the compliance status, non-accessible content mapped to
WCAG criteria (non-compliance, disproportionate burden, not in scope), and how and when
the statement was prepared. Asserted as readers see the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import (
    REPO,
    SITE_CONFIG,
    build,
    check,
    copy_sample,
    page_html,
    problem_lines,
    visible_text,
)

from flagpress.render.press.variants import VARIANTS
from flagpress.wcag import CRITERIA

MODEL_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Content that is not within the scope of the accessibility regulations",
    "Preparation of this accessibility statement",
]

FULL = """\
accessibility:
  compliance: partially
  limitations:
    - The search box's result count is not announced.
    - text: Some older photos have no description.
      criterion: 1.1.1
      fix_by: 2025-06-01
    - {text: Footnote links all read the same., criterion: 2.4.4}
  burden:
    - Rebuilding the 2010 archive as web pages would cost more than the project's budget.
  out_of_scope:
    - PDFs of issues published before 23 September 2018.
  prepared: 2019-01-15
  reviewed: 2024-05-01
  tested: 2024-04-20
  tested_by: volunteers from the Brighton Action Group
  method: We tested ten pages with a screen reader and a keyboard.
"""
WEB_ONLY = "print: {variants: []}\n"


def statement(site: Path) -> str:
    return visible_text(site / "accessibility" / "index.html")


def headings(site: Path) -> list[str]:
    html = page_html(site, "accessibility")
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]


def test_every_section_of_the_model_statement_in_its_order(publication) -> None:
    site = build(publication({"site_config.yml": SITE_CONFIG + WEB_ONLY + FULL}))
    shown = headings(site)
    assert [h for h in shown if h in MODEL_SECTIONS] == MODEL_SECTIONS
    assert "Disproportionate burden" in shown
    assert shown.index("Disproportionate burden") < shown.index(MODEL_SECTIONS[8])
    text = statement(site)
    for said in (
        "Accessibility statement for Test Magazine This accessibility statement applies to the "
        "Test Magazine website at https://example.org/test/",
        "This website is run by Test Partnership.",
        "This website is partially compliant with the Web Content Accessibility Guidelines "
        "version 2.2 AA standard, due to the non-compliances listed below.",
        "The search box's result count is not announced. Some older photos",
        "Some older photos have no description. This fails WCAG 2.2 success criterion 1.1.1 "
        "(Non-text Content). We plan to fix this by 1 June 2025.",
        "Footnote links all read the same. This fails WCAG 2.2 success criterion 2.4.4 "
        "(Link Purpose (In Context)).",
        "Rebuilding the 2010 archive as web pages would cost more than the project's budget.",
        "PDFs of issues published before 23 September 2018.",
        "This statement was prepared on 15 January 2019. It was last reviewed on 1 May 2024.",
        "This website was last tested on 20 April 2024. The test was carried out by volunteers "
        "from the Brighton Action Group.",
        "We tested ten pages with a screen reader and a keyboard.",
    ):
        assert said in text, said


def test_the_enforcement_procedure_names_who_to_turn_to(publication) -> None:
    text = statement(build(publication({"site_config.yml": SITE_CONFIG + WEB_ONLY})))
    enforcement = text[text.index("Enforcement procedure") : text.index("Technical information")]
    for body in (
        "Equality and Human Rights Commission (EHRC)",
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018",
        "contact the Equality Advisory and Support Service (EASS)",
        "If you are in Northern Ireland",
        "Equality Commission for Northern Ireland (ECNI)",
    ):
        assert body in enforcement, body


@pytest.mark.parametrize(
    ("compliance", "sentence"),
    [
        (
            "fully",
            "This website is fully compliant with the Web Content Accessibility "
            "Guidelines version 2.2 AA standard.",
        ),
        (
            "not",
            "This website is not compliant with the Web Content Accessibility Guidelines "
            "version 2.2 AA standard. The non-compliances are listed below.",
        ),
    ],
)
def test_the_compliance_status_is_the_publications_own(
    publication, compliance: str, sentence: str
) -> None:
    config = SITE_CONFIG + WEB_ONLY + f"accessibility: {{compliance: {compliance}}}\n"
    text = statement(build(publication({"site_config.yml": config})))
    assert sentence in text
    assert "partially compliant" not in text
    known = "We do not know of any part of this website that is not accessible."
    assert (known in text) == (compliance == "fully")  # never beside "not compliant"


def test_partial_compliance_with_nothing_listed_never_claims_there_is_nothing(
    publication,
) -> None:
    text = statement(build(publication({"site_config.yml": SITE_CONFIG + WEB_ONLY})))
    assert "partially compliant" in text  # the default: flagpress cannot check everything
    assert "We have not yet listed the parts of this website that are not fully accessible." in text
    assert "We have not yet listed the content that fails the WCAG 2.2 AA standard." in text
    assert "We do not know of any part" not in text
    assert "We do not know of any content that fails" not in text


def test_a_criterion_that_is_not_a_wcag_2_2_a_or_aa_one_is_refused(publication) -> None:
    # 4.1.1 Parsing was removed from WCAG 2.2; a typing mistake gets a suggestion.
    config = (
        SITE_CONFIG
        + WEB_ONLY
        + "accessibility:\n  limitations:\n    - {text: Hard., criterion: 4.1.1}\n"
    )
    result = check(publication({"site_config.yml": config}))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "site_config.yml:12:32: error: 'criterion': '4.1.1' is not one of the 55 allowed "
        "(1.1.1 to 4.1.3; docs/format.md lists them) (did you mean '4.1.3'?) [unknown-value]"
    )


def test_a_limitation_needs_its_text(publication) -> None:
    config = SITE_CONFIG + WEB_ONLY + "accessibility:\n  limitations:\n    - {criterion: 1.4.3}\n"
    result = check(publication({"site_config.yml": config}))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "site_config.yml:12:7: error: a limitation needs the key 'text': what is not "
        "accessible, in a sentence [missing-key]"
    )


def test_the_pdfs_scope_says_which_editions_are_tagged(publication) -> None:
    config = SITE_CONFIG + "print: {variants: [screen, booklet]}\n"
    text = statement(build(publication({"site_config.yml": config})))
    offered = ["screen", "booklet"]
    tagged = [v for v in offered if VARIANTS[v].tagged]  # what the PDFs really are
    assert tagged == ["screen"]
    assert (
        "Each issue's page offers the magazine as PDFs: the screen edition and booklet. "
        "The screen edition is a tagged PDF (PDF/UA-1)"
    ) in text
    assert (
        "The booklet is made for printing on an office printer, with its pages arranged two to "
        "a sheet, so it is not tagged and is not meant to be read on a screen: please use the "
        "screen edition instead."
    ) in text


def test_the_statements_tagged_editions_are_the_tagged_variants() -> None:
    template = (REPO / "flagpress/templates/web/accessibility.html").read_text(encoding="utf-8")
    claimed = re.search(r'select\("in", \[(.*?)\]\)', template)
    assert claimed is not None
    said = {name.strip().strip('"') for name in claimed.group(1).split(",")}
    assert said == {name for name, v in VARIANTS.items() if v.tagged}


def test_without_pdfs_the_scope_says_nothing_of_them(publication) -> None:
    text = statement(build(publication({"site_config.yml": SITE_CONFIG + WEB_ONLY})))
    assert "PDF/UA" not in text
    assert "We do not know of any content that is outside the scope" in text


def test_the_sample_statement_is_complete_and_builds(tmp_path: Path) -> None:
    site = build(copy_sample(tmp_path / "sample"))
    text = statement(site)
    assert "partially compliant" in text
    assert "This fails WCAG 2.2 success criterion 1.4.5 (Images of Text)." in text
    assert "This statement was prepared on 1 March 2019." in text


def _schema() -> dict:
    return json.loads((REPO / "schemas/site_config.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("limitations", "valid"),
    [
        (["A sentence."], True),
        ([{"text": "A sentence.", "criterion": "1.4.10", "fix_by": "2025-01-31"}], True),
        ([{"criterion": "1.4.3"}], False),
        ([{"text": "A sentence.", "criterion": "4.1.1"}], False),
        ([" "], False),
    ],
)
def test_editors_tools_know_both_ways_of_writing_a_limitation(
    limitations: list, valid: bool
) -> None:
    config = {
        "title": "T",
        "publisher": "P",
        "language": "en-GB",
        "url": "https://example.org/",
        "roles": {"volunteer": "Volunteer"},
        "accessibility": {"limitations": limitations},
    }
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(config))
    assert (errors == []) == valid, errors


def test_criteria_are_the_55_of_levels_a_and_aa() -> None:
    assert len(CRITERIA) == 55
    assert {level for _, level in CRITERIA.values()} == {"A", "AA"}
    assert "4.1.1" not in CRITERIA  # removed in WCAG 2.2
