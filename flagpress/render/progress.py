"""How long rendering tells the person waiting how far it has got, without printing.

Outputs never print: a website served by `flagpress serve`, a test, or a CI log each
want something else. A render is given a `Progress` and calls it with what it is
doing and how many of how many are done ("rendering pages", 12, 40); the command
line decides what a terminal shows (commands/terminal.py), and `quiet` shows nothing.
A total of 0 means work without a count ("checking the content").
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]


def quiet(stage: str, done: int, total: int) -> None:
    """The progress of work nobody is watching: nothing to show."""
