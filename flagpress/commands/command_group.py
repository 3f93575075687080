"""The `flagpress` command group: how anything a command raises becomes an exit code.

Exit codes (FORMAT.md): 0 fine (warnings allowed), 1 problems in the content, 2 usage
error, 70 a flagpress bug. Every usage error is a `UsageError` (or click's), caught
once, here; content that cannot be read is shown as diagnostics; anything unexpected
is one plain line, with a traceback only with --debug (commands/console.py).
"""

from __future__ import annotations

from typing import Any, NoReturn

import click

from flagpress.commands import console
from flagpress.commands.arguments import own_words
from flagpress.diagnostics import ContentError, UsageError


class Commands(click.Group):
    """Runs a command; a usage error is exit 2, content that cannot be read is exit 1,
    and anything unexpected (a bug) is exit 70, as one plain line unless --debug.

    Every command gets --debug, those added later included. Mistakes on the command
    line that click finds (an unknown option, a missing argument, a bad date) are told
    in flagpress's words too (commands/arguments.py).
    """

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(param.name == "debug" for param in cmd.params):
            cmd.params.append(console.debug_option())
        super().add_command(cmd, name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise  # plain `flagpress`: click shows the list of commands
        except click.UsageError as err:
            usage_error(own_words(err))

    def invoke(self, ctx: click.Context) -> Any:
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]  # taken by invoke
        try:
            return super().invoke(ctx)
        except UsageError as err:
            usage_error(str(err))
        except click.UsageError as err:
            usage_error(own_words(err, " ".join(["flagpress", *words[:1]])))
        except ContentError as err:
            console.unreadable(ctx, err.problems)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:  # a bug: never a traceback for editors unless asked
            console.bug(ctx, err)


def usage_error(message: str) -> NoReturn:
    """Say what was wrong on the command line, in flagpress's words; exit 2."""
    console.echo(f"flagpress: error: {message}", err=True)
    raise SystemExit(2) from None
