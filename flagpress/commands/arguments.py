"""What the command line says when it is typed wrongly: flagpress's words, not click's.

Click's own messages ("Invalid value for '--on': '1/6/2019' does not match the format
'%Y-%m-%d'.", "Usage: ... Try 'flagpress sign-off --help'") are written for
programmers. Every mistake on the command line is told here instead, in one line, as
`flagpress: error: ...` with exit code 2, with what to type.
"""

from __future__ import annotations

import datetime as dt
import re

import click

from flagpress.diagnostics import did_you_mean

_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # 1/6/2019: 1 June (UK order)
_EXAMPLE = "2019-03-01"
# What each command's arguments are, in plain words, for "flagpress pdf needs ...".
_ARGUMENTS = {
    "issue": "an issue: its folder name or its number, e.g. 2019-03 or 7",
    "article": "the article's file, e.g. content/issues/2019-03/foreword.md",
    "person": "a contributor's id from content/contributors.yml, e.g. neil-j",
}


def read_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; anything else raises ValueError saying how to write it.

    A date written the British way (1/6/2019) is shown back as it must be written
    (2019-06-01), never silently guessed.
    """
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date; check the month and day") from None
    slashed = _SLASHED.match(text.strip())
    if slashed:
        day, month, year = (int(part) for part in slashed.groups())
        try:
            meant = dt.date(year, month, day).isoformat()
        except ValueError:
            meant = _EXAMPLE
        raise ValueError(f"write the date as {meant} (year-month-day), not '{text}'")
    raise ValueError(f"write the date as year-month-day, e.g. {_EXAMPLE} (not '{text}')")


class Date(click.ParamType):
    """A YYYY-MM-DD date on the command line (a datetime at midnight, as click's was)."""

    name = "date"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            day = read_date(str(value))
        except ValueError as err:
            self.fail(str(err), param, ctx)
        return dt.datetime(day.year, day.month, day.day)


def own_words(err: click.UsageError, command: str = "flagpress") -> str:
    """The message for a mistake click found on the command line, in flagpress's words.

    `command` is what was being run (e.g. 'flagpress pdf'), for when click does not say.
    """
    command = _command_path(err.ctx) if err.ctx is not None else command
    more = f"; run '{command} --help' to see what it takes"
    if isinstance(err, click.NoSuchOption):
        hint = did_you_mean(err.option_name, err.possibilities or ()).strip(" ()")
        return f"{command} has no option {err.option_name}" + (f"; {hint}" if hint else more)
    if isinstance(err, click.exceptions.NoSuchCommand):
        hint = did_you_mean(err.command_name, err.possibilities or ()).strip(" ()")
        fix = f"; {hint}" if hint else "; run 'flagpress --help' to see the commands"
        return f"there is no command '{err.command_name}'{fix}"
    if isinstance(err, click.MissingParameter) and err.param is not None:
        return f"{command} needs {_wanted(err.param)}{more}"
    if isinstance(err, click.BadOptionUsage):
        return f"{err.option_name} needs a value after it{more}"
    if isinstance(err, click.BadParameter) and err.param is not None:
        return f"{_named(err.param)}: {_bad_value(err)}"
    if "extra argument" in err.message:
        return f"{command} was given more than it takes{more}"
    return f"{command} cannot be run as typed{more}"


def _command_path(ctx: click.Context) -> str:
    """'flagpress pdf', whatever name the program was started by (tests call it 'main')."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["flagpress", *reversed(names)])


def _named(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return (param.name or "argument").upper()


def _wanted(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        said = re.sub(r"\s*\[default:[^]]*\]", "", param.help or "a value").rstrip(".")
        return f"{_named(param)}, {said[:1].lower()}{said[1:]}"
    return f"{_named(param)}, {_ARGUMENTS.get(param.name or '', 'a value')}"


def _bad_value(err: click.BadParameter) -> str:
    """Click's built-in types say what went wrong in programmers' terms; say it plainly."""
    kind = err.param.type if err.param is not None else None
    if isinstance(kind, click.Choice):
        return f"write one of: {', '.join(str(c) for c in kind.choices)}"
    if isinstance(kind, click.DateTime):
        return f"write the date as year-month-day, e.g. {_EXAMPLE}"
    if isinstance(kind, click.types.IntParamType):
        return "write a whole number, e.g. 7"
    if isinstance(kind, click.Path) and not kind.file_okay:
        return "this is a file; give a folder"
    if isinstance(kind, click.Path) and not kind.dir_okay:
        return "this is a folder; give a file name"
    return err.message  # flagpress's own types (Date) already say what to write
