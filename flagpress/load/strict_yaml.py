"""A strict YAML reader that keeps where every value came from.

PyYAML's safe_load quietly keeps the last of two duplicate keys, expands alias
bombs, and turns `no` into False, `01234` into 668 and `12:30` into 750. Editors
never mean any of that. Here every scalar stays a string (the schema decides what
it means), anchors, aliases and explicit tags are refused, duplicate keys are
reported, and every value carries its file, line and column for diagnostics.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.load.word_artefacts import word_artefacts

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # libyaml, in PyYAML wheels
except ImportError:  # pragma: no cover - a PyYAML built without it
    CParser = None  # type: ignore[assignment,misc]
_LIBYAML = (CParser,) if CParser is not None else ()


class YStr(str):
    """A YAML scalar as text, with its location and whether it was written unquoted."""

    loc: Location
    plain: bool

    def __new__(cls, value: str, loc: Location, plain: bool) -> YStr:
        obj = super().__new__(cls, value)
        obj.loc = loc
        obj.plain = plain
        return obj


class YList(list):
    """A YAML sequence with its location."""

    loc: Location


class YMap(dict):
    """A YAML mapping with its location and the location of each key."""

    loc: Location
    key_locs: dict[str, Location]


YValue = YStr | YList | YMap


class _Refused(Exception):
    def __init__(self, mark: Any, code: str, message: str) -> None:  # a yaml Mark, or None
        self.mark, self.code, self.message = mark, code, message


# No setting in FORMAT.md is nested more than five levels deep. Nesting hundreds deep
# ('[[[[...') would exhaust Python's recursion here or in the checks that read it.
MAX_DEPTH = 20


class _Strict(yaml.composer.Composer):
    """Composes the node tree only, refusing features editors never need."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        event = self.peek_event()  # type: ignore[attr-defined]
        if self.depth >= MAX_DEPTH and not isinstance(event, yaml.ScalarEvent):
            raise _Refused(
                event.start_mark,
                "yaml-too-deep",
                f"lists or mappings are nested more than {MAX_DEPTH} levels deep here; no "
                "setting needs that many: check the brackets and the indentation",
            )
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                "yaml-alias",
                f"'*{event.anchor}' (a reference to another value) is not allowed; write the value "
                "out in full",
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "yaml-anchor",
                f"'&{event.anchor}' (a label for reusing a value) is not allowed; write each value "
                "out in full",
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(
                event.start_mark,
                "yaml-tag",
                f"'{_as_written(tag)}' (a type marker) is not allowed; remove it and write a "
                "plain value",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _StrictComposer(_Strict, yaml.SafeLoader):
    """PyYAML in Python: slower, and the source of every message editors are shown."""


class _QuickComposer(_Strict, *_LIBYAML, yaml.resolver.Resolver):  # type: ignore[misc]
    """The same strict composer over libyaml's parser (in C), when PyYAML has it.

    Scanning and parsing in Python was a tenth of a whole build (1,000 files of
    details). Only a document that composes cleanly is taken from here: for anything
    refused, the Python parser reads the text again, so messages and their places are
    always PyYAML's own, whichever parser is installed.
    """

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)


_STANDARD_TAGS = "tag:yaml.org,2002:"


def _as_written(tag: str) -> str:
    """'!!python/object', as the editor wrote it, rather than PyYAML's expanded form."""
    return "!!" + tag.removeprefix(_STANDARD_TAGS) if tag.startswith(_STANDARD_TAGS) else tag


def parse_yaml(text: str, path: str, first_line: int = 1) -> YValue | None:
    """Parse one YAML document into YStr/YList/YMap values.

    `first_line` is the file line on which `text` starts (2 for front matter).
    Returns None for an empty document. Raises ContentError listing every problem.
    """
    offset = first_line - 1
    characters = _character_problems(text, path, offset) or word_artefacts(text, path, offset)
    if characters:
        raise ContentError(characters)
    node = _compose(text, path, offset)
    if node is None:
        return None
    problems: list[Problem] = []
    value = _convert(node, path, offset, problems)
    if problems:
        raise ContentError(problems)
    return value


def _compose(text: str, path: str, offset: int) -> yaml.Node | None:
    """The node tree, or ContentError for anything PyYAML or the strict rules refuse."""
    # A backslash may be an escape in a quoted value; a message about one quotes it as
    # written, from the text PyYAML keeps and libyaml does not.
    if CParser is not None and "\\" not in text:
        quick = _QuickComposer(text)
        try:
            return quick.get_single_node()
        except (yaml.YAMLError, _Refused):
            pass  # read again below, for PyYAML's own message
        finally:
            quick.dispose()
    try:
        loader = _StrictComposer(text)
    except yaml.reader.ReaderError as err:  # raised while reading the whole text in
        raise ContentError([_unprintable(err, text, path, offset)]) from None
    try:
        return loader.get_single_node()
    except _Refused as refused:
        problem = _at(path, refused.mark, offset).error(refused.code, refused.message)
        raise ContentError([problem]) from None
    except yaml.reader.ReaderError as err:
        raise ContentError([_unprintable(err, text, path, offset)]) from None
    except yaml.MarkedYAMLError as err:
        raise ContentError([_syntax_problem(err, path, offset)]) from None
    except yaml.YAMLError as err:
        problem = Location(path, offset + 1).error("yaml-syntax", _plain(str(err)))
        raise ContentError([problem]) from None
    finally:
        loader.dispose()


def _unprintable(err: yaml.reader.ReaderError, text: str, path: str, offset: int) -> Problem:
    """An invisible character YAML refuses, usually pasted in by accident."""
    at = err.position
    line = text.count("\n", 0, at) + 1 + offset
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(err.character)
    return Location(path, line, col).error(
        "bad-character",
        f"this line contains an invisible character (U+{code:04X}) that is not allowed; "
        "delete it (it often comes in when text is copied and pasted)",
    )


# YAML counts these as line breaks, but editors show none: every line number after
# one would be wrong, so they are refused where they are.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")


def _character_problems(text: str, path: str, offset: int) -> list[Problem]:
    """Tabs and hidden line breaks, at most one of each per line, at their columns."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col >= 0:
            indented = not line[:col].strip()
            problems.append(
                Location(path, number + offset, col + 1).error(
                    "yaml-tab",
                    "this line is indented with a tab; use spaces instead"
                    if indented
                    else "this line contains a tab; use a space instead",
                )
            )
        hidden = _HIDDEN_BREAKS.search(line)
        if hidden:
            problems.append(
                Location(path, number + offset, hidden.start() + 1).error(
                    "bad-character",
                    f"this line contains an invisible line break (U+{ord(hidden.group()):04X}); "
                    "delete it (it often comes in when text is copied and pasted)",
                )
            )
    return problems


def _at(path: str, mark: yaml.Mark | None, offset: int) -> Location:
    if mark is None:
        return Location(path, offset + 1)
    return Location(path, mark.line + 1 + offset, mark.column + 1)


def _syntax_problem(err: yaml.MarkedYAMLError, path: str, offset: int) -> Problem:
    """Point at the place the editor must change, and say what to do there.

    PyYAML marks where it gave up. For an unclosed quote or bracket that is the end
    of the file, and for a key without its ':' it is the line after, so those are
    reported where the quote, bracket or key starts instead.
    """
    problem, context = err.problem or "", err.context or ""
    here = _at(path, err.problem_mark or err.context_mark, offset)
    start = _at(path, err.context_mark or err.problem_mark, offset)
    at_end = "end of stream" in problem or "<stream end>" in problem
    if "quoted scalar" in context:
        return start.error(
            "yaml-syntax", "the quoted text that starts here is never closed; add the closing quote"
        )
    if "simple key" in context:
        return start.error(
            "yaml-syntax", "this line has no ':' after its key; write it as 'key: value'"
        )
    for kind, (opening, closing) in _FLOW.items():
        if kind in context and (at_end or "but got" in problem):
            if at_end:
                return start.error(
                    "yaml-syntax",
                    f"the '{opening}' here is never closed; add '{closing}' after the last item",
                )
            return here.error(
                "yaml-syntax",
                f"expected ',' or '{closing}' here: close the '{opening}' opened on line "
                f"{start.line} with '{closing}', or put quotes around a value that contains ': '",
            )
    if "but found '<scalar>'" in problem and _follows_closing(err.problem_mark):
        return here.error(
            "yaml-syntax",
            "there is more text after a quoted value or a closing bracket; put the whole "
            "value inside the quotes or brackets",
        )
    return here.error("yaml-syntax", _plain(problem or context))


def _follows_closing(mark: yaml.Mark | None) -> bool:
    """True if the text at `mark` comes after a closing quote or bracket on its line."""
    if mark is None or not isinstance(mark.buffer, str):
        return False
    line_start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
    before = mark.buffer[line_start : mark.pointer].rstrip()
    return before.endswith(("'", '"', "]", "}"))


_FLOW = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}

_PLAIN = {
    "mapping values are not allowed": (
        "a ':' here was not expected; put quotes around a value that contains ': ', and "
        "check that the line above has its ':' and that this line is indented like the others"
    ),
    "expected <block end>": (
        "this line is not indented like the lines around it; line it up with the other "
        "keys at its level"
    ),
    "found another document": (
        "a '---' line starts a second document, but a file holds only one; remove that line"
    ),
    "cannot start any token": (
        "a value cannot start with this character; put quotes around the whole value"
    ),
}


def _plain(what: str) -> str:
    """PyYAML's message in plain English where it is a known one, else with advice added."""
    for technical, plain in _PLAIN.items():
        if technical in what:
            return plain
    return (
        f"this line cannot be read ({what or 'unreadable'}); check the indentation, and "
        "put quotes around values that contain ': ' or start with a special character"
    )


# Only escapes in double quotes ("\\ud800", "\\x07") can make these: the reader refuses
# them typed directly. A lone surrogate cannot even be written to a file, so a title
# with one would crash the build; control characters are invisible and break pages.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SHORT_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
    "N": "\x85", "L": "\u2028", "P": "\u2029",
}  # fmt: skip


def _bad_character(node: yaml.ScalarNode, path: str, offset: int) -> Problem | None:
    """A control character or lone surrogate in a quoted value, at the escape making it."""
    bad = _BAD_CHARACTER.search(node.value)
    if bad is None:
        return None
    code = ord(bad.group())
    mark, written = node.start_mark, ""
    buffer = mark.buffer if mark is not None and mark.buffer is not None else ""
    raw = buffer[mark.pointer : node.end_mark.pointer] if buffer else ""
    for escape in _ESCAPE.finditer(raw):
        if _unescape(escape.group(1)) == bad.group():
            written = escape.group()
            line = mark.line + raw.count("\n", 0, escape.start())
            col = escape.start() - (raw.rfind("\n", 0, escape.start()) + 1)
            col += mark.column if line == mark.line else 0
            mark = yaml.Mark(mark.name, 0, line, col, "", 0)
            break
    shown = f"'{written}'" if written else f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        why = (
            f"{shown}, half of a character code (a lone surrogate) that cannot be published; "
            "type or paste the character itself instead of its code"
        )
    else:
        why = f"{shown}, an invisible control character (U+{code:04X}); delete it"
    return _at(path, mark, offset).error("bad-character", f"this value contains {why}")


def _unescape(escape: str) -> str:
    if escape[0] in "xuU":
        return chr(int(escape[1:], 16))
    return _SHORT_ESCAPES.get(escape, escape)


def _convert(node: yaml.Node, path: str, offset: int, problems: list[Problem]) -> YValue:
    loc = _at(path, node.start_mark, offset)
    if isinstance(node, yaml.ScalarNode):
        bad = _bad_character(node, path, offset) if node.style == '"' else None
        problems += [bad] if bad else []
        return YStr(node.value, loc, plain=not node.style)  # libyaml: "", PyYAML: None
    if isinstance(node, yaml.SequenceNode):
        items = YList(_convert(item, path, offset, problems) for item in node.value)
        items.loc = loc
        return items
    mapping = YMap()
    mapping.loc, mapping.key_locs = loc, {}
    for key_node, value_node in node.value:
        key_loc = _at(path, key_node.start_mark, offset)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(key_loc.error("yaml-complex-key", "a key must be a plain word"))
            continue
        key = key_node.value
        bad = _bad_character(key_node, path, offset) if key_node.style == '"' else None
        if bad:
            problems.append(bad)
            continue
        if key in mapping.key_locs:
            first = mapping.key_locs[key].line
            problems.append(
                key_loc.error(
                    "duplicate-key",
                    f"key '{key}' appears twice (first on line {first}); keep only one",
                )
            )
            continue
        mapping.key_locs[key] = key_loc
        mapping[key] = _convert(value_node, path, offset, problems)
    return mapping
