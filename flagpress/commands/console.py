"""Printing for the command line: safe lines, problems as this run wants them, bugs.

cli.py parses options and calls these; they hold what every command shares about
printing, so that no command prints a problem, a colour or a traceback its own way.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from flagpress.commands.problem_output import FORMATS, Line, ProblemOutput, chosen_format
from flagpress.commands.terminal import unexpected, wants_colour
from flagpress.diagnostics import Problem, has_errors, printable

FORMAT = click.option(
    "--format",
    "form",
    type=click.Choice(FORMATS),
    default=None,
    help="How to show problems: text, for people; json, one document for tools; github, "
    "annotations for GitHub Actions [default: text, or github when GITHUB_ACTIONS=true].",
)
BUG = 70  # EX_SOFTWARE: flagpress itself went wrong, not the content or the command
_DEBUG, _OUTPUT = "flagpress.debug", "flagpress.problem_output"


def echo(text: str, err: bool = False) -> None:
    """Print one line with every control character escaped (see diagnostics.printable)."""
    click.echo(printable(text), err=err)


def show(lines: Iterable[Line]) -> None:
    """Print lines made safe already; ANSI colour is removed unless the line may have it."""
    for line in lines:
        click.echo(line.text, err=line.err, color=line.colour)


def problem_output(ctx: click.Context, root: Path, form: str | None = None) -> ProblemOutput:
    """How this command prints problems (`form` is its --format, if it has one);
    remembered, so that content found unreadable later is shown the same way."""
    output = ProblemOutput(
        chosen_format(form), root, wants_colour(sys.stdout), wants_colour(sys.stderr)
    )
    ctx.meta[_OUTPUT] = output
    return output


def report(command: str, root: Path, problems: list[Problem], strict: bool) -> None:
    """Print `problems` as this run wants them; exit 1 if they stop the command."""
    show(problem_output(click.get_current_context(), root).lines(command, problems))
    if has_errors(problems, strict):
        raise SystemExit(1)


def unreadable(ctx: click.Context, problems: list[Problem]) -> NoReturn:
    """Content that could not be read at all: its problems, then exit 1."""
    output = ctx.meta.get(_OUTPUT) or problem_output(ctx, Path.cwd())
    show(output.lines(ctx.invoked_subcommand or "", problems))
    raise SystemExit(1)


def debug_option() -> click.Option:
    """`--debug`, for the group and every command (`flagpress build --debug` reads best)."""
    return click.Option(
        ["--debug"],
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_remember_debug,
        help="If flagpress itself goes wrong, show the full details (a traceback).",
    )


def _remember_debug(ctx: click.Context, _param: click.Parameter, given: bool) -> None:
    if given:
        ctx.meta[_DEBUG] = True  # meta is shared by the group's and the command's contexts


def bug(ctx: click.Context, err: Exception) -> NoReturn:
    """A flagpress bug: one plain line naming only the exception's type (its message may
    quote a private value), or the whole traceback with --debug; exit 70."""
    if ctx.meta.get(_DEBUG):
        for line in "".join(traceback.format_exception(err)).splitlines():
            echo(line, err=True)
    echo(unexpected(err), err=True)
    raise SystemExit(BUG)
