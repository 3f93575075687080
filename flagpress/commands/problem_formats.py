"""Problems for machines: one JSON document, or GitHub Actions annotations.

`--format json` is for dashboards and editors' plug-ins: one document on stdout with
every problem and the summary, nothing else there. `--format github` (the default
when `GITHUB_ACTIONS=true`) writes workflow commands that GitHub turns into
annotations on the pull request's changed lines, escaped by GitHub's rules so that a
`%`, `:`, `,` or line break in a file name or message can never end a property or
start another command.

Both carry only what the text shows: the problems were redacted by the pipeline,
so no private value is in them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from flagpress.commands.problem_text import by_file, counts, summary_line
from flagpress.diagnostics import Problem, printable

JSON_VERSION = 1  # raised when a field changes meaning or goes; new fields keep it


def json_document(
    command: str,
    problems: Sequence[Problem],
    checked: int | None = None,
    result: Mapping[str, Any] | None = None,
) -> str:
    """The whole JSON document: the command, every problem, the summary, and what the
    command did (`result`, e.g. whether a build changed the live site).

    ASCII only: every other character, control characters included, is a `\\u` escape,
    so the document is safe on a terminal and in any encoding.
    """
    errors, warnings, files = counts(problems)
    document: dict[str, Any] = {
        "version": JSON_VERSION,
        "command": command,
        "problems": [_problem(p) for _, in_file in by_file(problems) for p in in_file],
        "summary": {
            "errors": errors,
            "warnings": warnings,
            "files_with_problems": files,
            "files_checked": checked,
            "text": summary_line(problems, checked),
        },
    }
    if result is not None:
        document["result"] = dict(result)
    return json.dumps(document, indent=2, ensure_ascii=True)


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.path,
        "line": problem.line,
        "column": problem.col,
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
    }


def github_annotations(
    problems: Sequence[Problem], root: Path, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """One `::error file=…,line=…,col=…,title=…::message` line per problem, in file order.

    GitHub resolves `file` from the repository's top folder (GITHUB_WORKSPACE); the
    publication may be a folder inside it, so paths are given from there when they can be.
    """
    workspace = environ.get("GITHUB_WORKSPACE", "")
    lines = []
    for path, in_file in by_file(problems):
        shown = _from_workspace(root, path, workspace)
        for p in in_file:
            properties = {"file": shown, "line": str(p.line), "col": str(p.col), "title": p.code}
            listed = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
            lines.append(f"::{p.severity.value} {listed}::{escape_data(p.message)}")
    return lines


def _from_workspace(root: Path, path: str, workspace: str) -> str:
    if not workspace:
        return path
    full, top = (root / path).resolve(), Path(workspace).resolve()
    return full.relative_to(top).as_posix() if full.is_relative_to(top) else path


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped (GitHub's toolkit rules);
    any other control character shown as an escape, so none reaches the log."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(text: str) -> str:
    """A property value: as a message, and `:` and `,` too, which would end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
