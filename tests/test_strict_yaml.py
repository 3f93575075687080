"""The strict YAML reader and the source-file decoder, and what editors see from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTRIBUTORS, FOREWORD, ISSUE, SITE_CONFIG, check, flat

from flagpress.diagnostics import ContentError
from flagpress.load import load_publication, strict_yaml
from flagpress.load.source_files import decode, read_text
from flagpress.load.strict_yaml import YList, YMap, YStr, parse_yaml

FOREWORD_PATH = "content/issues/2019-03/foreword.md"


def problems_of(text: str, path: str = "x.yml", first_line: int = 1) -> list[str]:
    """The formatted problems parse_yaml raises for `text`."""
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, path, first_line)
    return [p.format() for p in caught.value.problems]


# --- refused YAML features ------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_with_the_first_line() -> None:
    assert problems_of("title: One\ndate: 2019-03-01\ntitle: Two\n") == [
        "x.yml:3:1: error: key 'title' appears twice (first on line 1); keep only one "
        "[duplicate-key]"
    ]


def test_duplicate_key_inside_a_nested_mapping() -> None:
    assert problems_of("consent:\n  web: true\n  web: false\n") == [
        "x.yml:3:3: error: key 'web' appears twice (first on line 2); keep only one [duplicate-key]"
    ]


REFUSED = {
    "alias": (
        "a: 1\nb: *x\n",
        "x.yml:2:4: error: '*x' (a reference to another value) is not allowed; write the value "
        "out in full [yaml-alias]",
    ),
    "anchor without alias": (
        "roles: &everyone [volunteer]\n",
        "x.yml:1:8: error: '&everyone' (a label for reusing a value) is not allowed; write each "
        "value out in full [yaml-anchor]",
    ),
    "alias bomb": (
        'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\n',
        "x.yml:1:4: error: '&a' (a label for reusing a value) is not allowed; write each value "
        "out in full [yaml-anchor]",
    ),
    "python object tag, shown as written": (
        "title: !!python/object/apply:os.system [ls]\n",
        "x.yml:1:8: error: '!!python/object/apply:os.system' (a type marker) is not allowed; "
        "remove it and write a plain value [yaml-tag]",
    ),
    "local tag": (
        "number: !int 7\n",
        "x.yml:1:9: error: '!int' (a type marker) is not allowed; remove it and write a plain "
        "value [yaml-tag]",
    ),
}


@pytest.mark.parametrize(("text", "problem"), REFUSED.values(), ids=REFUSED.keys())
def test_aliases_anchors_and_tags_are_refused(text: str, problem: str) -> None:
    assert problems_of(text) == [problem]


def test_tabs_are_reported_at_their_exact_line_and_column() -> None:
    assert problems_of("title: x\nconsent:\n\tweb: true\nbio: a\tb\n") == [
        "x.yml:3:1: error: this line is indented with a tab; use spaces instead [yaml-tab]",
        "x.yml:4:7: error: this line contains a tab; use a space instead [yaml-tab]",
    ]


def test_hidden_line_break_is_refused_where_it_is() -> None:
    """YAML would count U+2028 as a new line and every later line number would be off."""
    assert problems_of("title: one\u2028two\nbio: x\n") == [
        "x.yml:1:11: error: this line contains an invisible line break (U+2028); delete it "
        "(it often comes in when text is copied and pasted) [bad-character]"
    ]


def test_control_character_is_reported_not_raised() -> None:
    assert problems_of("title: x\nbio: bell\x07\n") == [
        "x.yml:2:10: error: this line contains an invisible character (U+0007) that is not "
        "allowed; delete it (it often comes in when text is copied and pasted) [bad-character]"
    ]


# --- malformed YAML: the line to fix ---------------------------------------------


MALFORMED = {
    "colon inside an unquoted value": (
        "title: x\nsummary: Why: we did it\n",
        "x.yml:2:13: error: a ':' here was not expected; put quotes around a value that "
        "contains ': ', and check that the line above has its ':' and that this line is "
        "indented like the others [yaml-syntax]",
    ),
    "unclosed quote: where it opens, not the end of the file": (
        'title: x\nsummary: "Why we\ndate: 2019-03-01\nstatus: draft\n',
        "x.yml:2:10: error: the quoted text that starts here is never closed; add the "
        "closing quote [yaml-syntax]",
    ),
    "unclosed bracket at the end: at the bracket": (
        "title: x\nauthors: [neil-j, staff-a\n",
        "x.yml:2:10: error: the '[' here is never closed; add ']' after the last item "
        "[yaml-syntax]",
    ),
    "unclosed bracket before more keys: names its line": (
        "editors: [staff-a\narticles: [foreword.md]\n",
        "x.yml:2:9: error: expected ',' or ']' here: close the '[' opened on line 1 with ']', "
        "or put quotes around a value that contains ': ' [yaml-syntax]",
    ),
    "key without colon: at that key, not the next line": (
        "title: x\nnumber 7\ndate: 2019-03-01\n",
        "x.yml:2:1: error: this line has no ':' after its key; write it as 'key: value' "
        "[yaml-syntax]",
    ),
    "badly indented key": (
        "consent:\n  web: true\n print: true\n",
        "x.yml:3:2: error: this line is not indented like the lines around it; line it up "
        "with the other keys at its level [yaml-syntax]",
    ),
    "text after a closing quote": (
        'title: "Foreword" part one\n',
        "x.yml:1:19: error: there is more text after a quoted value or a closing bracket; put "
        "the whole value inside the quotes or brackets [yaml-syntax]",
    ),
    "second document": (
        "title: x\n---\ntitle: y\n",
        "x.yml:2:1: error: a '---' line starts a second document, but a file holds only one; "
        "remove that line [yaml-syntax]",
    ),
}


@pytest.mark.parametrize(("text", "problem"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_yaml_points_at_the_line_to_fix(text: str, problem: str) -> None:
    assert problems_of(text) == [problem]


# --- every scalar stays text, with its place ---------------------------------------


def test_scalars_stay_text_that_safe_load_would_convert() -> None:
    value = parse_yaml("a: no\nb: 01234\nc: 12:30\nd: 2019-03-01\ne: 1e3\nf: ~\n", "x.yml")
    assert isinstance(value, YMap)
    assert value == {
        "a": "no",
        "b": "01234",
        "c": "12:30",
        "d": "2019-03-01",
        "e": "1e3",
        "f": "~",
    }
    assert all(type(v) is YStr and v.plain for v in value.values())


def test_quoted_scalars_are_marked_as_not_plain() -> None:
    value = parse_yaml("a: 'true'\nb: \"null\"\nc: true\n", "x.yml")
    assert isinstance(value, YMap)
    assert [value[k].plain for k in "abc"] == [False, False, True]


def test_values_and_keys_carry_file_line_and_column_with_offset() -> None:
    value = parse_yaml("title: Foreword\nauthors:\n  - neil-j\n  - staff-a\n", "f.md", 2)
    assert isinstance(value, YMap)
    assert (value.key_locs["authors"].line, value.key_locs["authors"].col) == (3, 1)
    authors = value["authors"]
    assert isinstance(authors, YList)
    assert [(a.loc.path, a.loc.line, a.loc.col) for a in authors] == [
        ("f.md", 4, 5),
        ("f.md", 5, 5),
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_document_is_none(text: str) -> None:
    assert parse_yaml(text, "x.yml") is None


# --- what the schema makes of the text ---------------------------------------------


def test_phone_number_with_leading_zero_stays_text(publication) -> None:
    config = SITE_CONFIG.replace('phone: "01273 000000"', "phone: 01234 567890")
    root = publication({"site_config.yml": config})
    assert check(root).exit_code == 0
    pub, _ = load_publication(root)
    assert pub is not None
    assert pub.config.contact.phone == "01234 567890"


def test_title_that_looks_like_a_time_stays_text(publication) -> None:
    root = publication({FOREWORD_PATH: FOREWORD.replace("title: Foreword", "title: 12:30")})
    assert check(root).exit_code == 0
    pub, _ = load_publication(root)
    assert pub is not None
    assert [a.title for a in pub.all_articles()] == ["12:30", "Second piece"]


def test_no_where_a_boolean_is_needed_says_write_true_or_false(publication) -> None:
    people = CONTRIBUTORS.replace("{web: true, print: true", "{web: no, print: true", 1)
    result = check(publication({"content/contributors.yml": people}))
    assert result.exit_code == 1
    assert flat(result) == (
        "content/contributors.yml:5:18: error: 'web': write true or false (not 'no') "
        "[not-a-boolean]\n"
    )


def test_quoted_true_where_a_boolean_is_needed_says_remove_the_quotes(publication) -> None:
    people = CONTRIBUTORS.replace("print: true", 'print: "true"', 1)
    result = check(publication({"content/contributors.yml": people}))
    assert result.exit_code == 1
    assert flat(result) == (
        "content/contributors.yml:5:31: error: 'print': write true without quotes [not-a-boolean]\n"
    )


def test_issue_number_must_be_a_whole_number(publication) -> None:
    result = check(
        publication({"content/issues/2019-03/issue.yml": ISSUE.replace("number: 1", "number: one")})
    )
    assert result.exit_code == 1
    assert flat(result) == (
        "content/issues/2019-03/issue.yml:2:9: error: 'number': write a whole number such as 7 "
        "(not 'one') [not-a-number]\n"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2019-02-30", "'date': '2019-02-30' is not a real date; check the month and day"),
        ("01/03/2019", "'date': write the date as YYYY-MM-DD, e.g. 2019-03-01 (not '01/03/2019')"),
        ("2019-3-1", "'date': write the date as YYYY-MM-DD, e.g. 2019-03-01 (not '2019-3-1')"),
    ],
)
def test_dates_must_be_real_and_iso(publication, written: str, message: str) -> None:
    article = FOREWORD.replace("date: 2019-03-01", f"date: {written}")
    result = check(publication({FOREWORD_PATH: article}))
    assert result.exit_code == 1
    expected = f"{FOREWORD_PATH}:5:7: error: {message} [bad-date]\n"
    assert flat(result) == expected


def test_empty_date_says_it_is_missing(publication) -> None:
    result = check(publication({FOREWORD_PATH: FOREWORD.replace("date: 2019-03-01", "date:")}))
    assert result.exit_code == 1
    assert flat(result) == (
        f"{FOREWORD_PATH}:5:6: error: 'date': the date is missing; write it as YYYY-MM-DD, "
        "e.g. 2019-03-01 [bad-date]\n"
    )


def test_bad_role_ids_in_site_config_are_each_reported_at_their_own_line(publication) -> None:
    roles = "roles: {volunteer: Volunteer, editor: Editor, interviewer: Interviewer}"
    config = SITE_CONFIG.replace(roles, "roles:\n  Volunteer: Volunteer\n  editor: [Editor]")
    result = check(publication({"site_config.yml": config}))
    assert result.exit_code == 1
    assert flat(result) == (
        "site_config.yml:7:3: error: 'Volunteer' is not a valid id; use lowercase letters, "
        "digits and hyphens [bad-id]\n"
        "site_config.yml:8:11: error: 'editor': expected a single value here, not a list or a "
        "mapping [wrong-type]\n"
    )


# --- decoding editors' files --------------------------------------------------------


def test_bom_is_removed() -> None:
    assert decode("\ufefftitle: x\n".encode(), "x.yml") == "title: x\n"


def test_crlf_and_lone_cr_become_newlines() -> None:
    assert decode(b"a: 1\r\nb: 2\r\n", "x.yml") == "a: 1\nb: 2\n"
    assert decode(b"a: 1\rb: 2\r", "x.yml") == "a: 1\nb: 2\n"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"title: x\nsummary: Caf\xe9\n", "2:13"),
        ("title: caf\u00e9 \u00e0 ".encode() + b"\xe9\n", "1:15"),  # columns count characters
        (b"title: x\rsummary: \xe9\r", "2:10"),  # lone CR still starts a new line
        ("\ufeffa\r\nb".encode() + b"\xe9", "2:2"),
    ],
)
def test_latin1_bytes_are_refused_naming_file_line_and_column(data: bytes, where: str) -> None:
    with pytest.raises(ContentError) as caught:
        decode(data, "content/x.md")
    assert [p.format() for p in caught.value.problems] == [
        f"content/x.md:{where}: error: this file is not UTF-8 text (byte 0xE9 cannot be read); "
        "open it in your editor and save it with the encoding 'UTF-8' [not-utf8]"
    ]


def test_read_text_reports_the_path_as_editors_see_it(tmp_path: Path) -> None:
    (tmp_path / "notes.yml").write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(ContentError) as caught:
        read_text(tmp_path / "notes.yml", "content/notes.yml")
    problem = caught.value.problems[0].format()
    assert problem.startswith("content/notes.yml:2:4: error: this file is not UTF-8 text")


def test_read_text_of_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        read_text(tmp_path / "gone.yml", "content/gone.yml")
    assert caught.value.problems[0].format() == (
        "content/gone.yml:1:1: error: cannot read this file: No such file or directory "
        "[unreadable-file]"
    )


def test_windows_file_with_bom_and_crlf_keeps_line_numbers(publication) -> None:
    article = "\ufeff" + FOREWORD.replace("authors: [neil-j]", "authors: [neil-jj]")
    root = publication({FOREWORD_PATH: article.replace("\n", "\r\n").encode()})
    result = check(root)
    assert result.exit_code == 1
    assert flat(result) == (
        f"{FOREWORD_PATH}:7:11: error: no contributor 'neil-jj' in content/contributors.yml "
        "(did you mean 'neil-j'?) [unknown-contributor]\n"
    )


def test_old_mac_file_with_lone_cr_is_read(publication) -> None:
    root = publication({FOREWORD_PATH: FOREWORD.replace("\n", "\r").encode()})
    result = check(root)
    assert (result.exit_code, result.stderr) == (0, "")


def test_latin1_file_fails_the_check_naming_file_and_line(publication) -> None:
    article = FOREWORD.replace("Why we made", "Caf\xe9: why we made").encode("latin-1")
    result = check(publication({FOREWORD_PATH: article}))
    assert result.exit_code == 1
    assert flat(result) == (
        f"{FOREWORD_PATH}:4:13: error: this file is not UTF-8 text (byte 0xE9 cannot be read); "
        "open it in your editor and save it with the encoding 'UTF-8' [not-utf8]\n"
    )


QUICK_AND_SLOW = [
    "title: Plain\nsummary: 'single'\nbody: \"double\"\n",
    "authors: [wren, priya-m]\ncredits:\n  - {id: sam, role: editor}\n"
    "  - id: jo\n    role: volunteer\n",
    "title: Café — “curly” and 日本\nnote: |\n  Two\n  lines\nfolded: >\n  a\n  b\n",
    "date: 2019-03-01\nnumber: 7\nempty:\nflag: yes\n",
    "nested:\n  deeper:\n    - one\n    -   two\n  other: x  # a comment\n",
]


def _shape(value: object) -> object:
    """A value with every location, key location and plain-ness, for comparison."""
    if isinstance(value, dict):
        return (
            {str(k): _shape(v) for k, v in value.items()},
            sorted((str(k), v) for k, v in value.key_locs.items()),
            value.loc,
        )
    if isinstance(value, list):
        return ([_shape(v) for v in value], value.loc)
    return (str(value), type(value).__name__, value.loc, getattr(value, "plain", None))


@pytest.mark.parametrize("text", QUICK_AND_SLOW)
def test_libyaml_and_python_read_details_identically(text: str, monkeypatch) -> None:
    """The C parser is only a speed-up: same values, places and quoting as PyYAML's own."""
    quick = _shape(strict_yaml.parse_yaml(text, "a.md", 2))
    monkeypatch.setattr(strict_yaml, "CParser", None)
    assert _shape(strict_yaml.parse_yaml(text, "a.md", 2)) == quick
