"""A strict YAML reader that keeps where every value came from.

PyYAML's safe_load quietly keeps the last of two duplicate keys, expands alias
bombs, and turns `no` into False, `01234` into 668 and `12:30` into 750. Editors
never mean any of that. Here every scalar stays a string (the schema decides what
it means), anchors, aliases and explicit tags are refused, duplicate keys are
reported, and every value carries its file, line and column for diagnostics.
"""

from __future__ import annotations

import yaml

from flagpress.diagnostics import ContentError, Location, Problem


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
    def __init__(self, mark: yaml.Mark, code: str, message: str) -> None:
        self.mark, self.code, self.message = mark, code, message


class _StrictComposer(yaml.SafeLoader):
    """Builds the node tree only, refusing features editors never need."""

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                "yaml-alias",
                f"YAML aliases ('*{event.anchor}') are not allowed; write the value out in full",
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "yaml-anchor",
                f"YAML anchors ('&{event.anchor}') are not allowed; write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(
                event.start_mark,
                "yaml-tag",
                f"YAML tags ('{tag}') are not allowed; remove it and write a plain value",
            )
        return super().compose_node(parent, index)


def parse_yaml(text: str, path: str, first_line: int = 1) -> YValue | None:
    """Parse one YAML document into YStr/YList/YMap values.

    `first_line` is the file line on which `text` starts (2 for front matter).
    Returns None for an empty document. Raises ContentError listing every problem.
    """
    offset = first_line - 1
    tabs = _tab_problems(text, path, offset)
    if tabs:
        raise ContentError(tabs)
    loader = _StrictComposer(text)
    try:
        node = loader.get_single_node()
    except _Refused as refused:
        problem = _at(path, refused.mark, offset).error(refused.code, refused.message)
        raise ContentError([problem]) from None
    except yaml.MarkedYAMLError as err:
        raise ContentError([_syntax_problem(err, path, offset)]) from None
    except yaml.YAMLError as err:
        raise ContentError([Location(path, first_line).error("yaml-syntax", str(err))]) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    problems: list[Problem] = []
    value = _convert(node, path, offset, problems)
    if problems:
        raise ContentError(problems)
    return value


def _tab_problems(text: str, path: str, offset: int) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col >= 0:
            problems.append(
                Location(path, number + offset, col + 1).error(
                    "yaml-tab", "tab character in YAML; use spaces instead of tabs"
                )
            )
    return problems


def _at(path: str, mark: yaml.Mark | None, offset: int) -> Location:
    if mark is None:
        return Location(path, offset + 1)
    return Location(path, mark.line + 1 + offset, mark.column + 1)


def _syntax_problem(err: yaml.MarkedYAMLError, path: str, offset: int) -> Problem:
    mark = err.problem_mark or err.context_mark
    what = err.problem or err.context or "unreadable YAML"
    return _at(path, mark, offset).error(
        "yaml-syntax",
        f"this YAML cannot be read ({what}); check the indentation, and put quotes "
        "around values that contain ': ' or start with a special character",
    )


def _convert(node: yaml.Node, path: str, offset: int, problems: list[Problem]) -> YValue:
    loc = _at(path, node.start_mark, offset)
    if isinstance(node, yaml.ScalarNode):
        return YStr(node.value, loc, plain=node.style is None)
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
