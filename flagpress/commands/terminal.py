"""What a terminal gets that a pipe never does: colour, and a line showing progress.

A person at a terminal waiting 17 seconds for a build wants to see it moving; a CI
log, a file or a script wants plain lines. So colour is used only on a terminal and
only if the person has not asked for none (`NO_COLOR`, https://no-color.org, which
wins: some readers set it for accessibility); `FORCE_COLOR` asks for colour where
there is no terminal (CI logs that show it). The progress line never uses an escape
sequence: it is rewritten with a carriage return and spaces, on stderr, and cleared
when the work ends, whatever way it ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TextIO

_THROTTLE_SECONDS = 0.1  # redraw at most ten times a second: a 1,000-page build stays calm


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (a closed or fake stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def wants_colour(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Colour for `stream`: never with NO_COLOR set, always with FORCE_COLOR set (and not
    '0'), else only on a terminal that is not TERM=dumb."""
    if environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return environ.get("TERM", "") != "dumb" and is_terminal(stream)


def describe(stage: str, done: int, total: int) -> str:
    """'Rendering pages: 12 of 40', or 'Checking the content...' for work without a count.

    ASCII only: a terminal set to another encoding must not fail the build.
    """
    said = f"{stage[:1].upper()}{stage[1:]}"
    return f"{said}: {done} of {total}" if total > 0 else f"{said}..."


class ProgressLine:
    """A `Progress` (see render/progress.py) that shows one updating line on a terminal.

    Used as a context manager, it clears its line at the end, so what is printed next
    (the problems, "Built 58 pages") starts on a clean line. Off a terminal it is quiet.
    Counts are shown at most ten times a second; a new step is always shown at once.
    """

    def __init__(
        self,
        stream: TextIO,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.enabled = is_terminal(stream) if enabled is None else enabled
        self.clock = clock
        self.shown = ""
        self.stage = ""
        self.last = float("-inf")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        news = stage != self.stage or 0 < total <= done  # a new step, or the last of one
        if now - self.last < _THROTTLE_SECONDS and not news:
            return
        self.stage, self.last = stage, now
        self._draw(describe(stage, done, total))

    def clear(self) -> None:
        """Remove the line, leaving the cursor at the start of an empty line."""
        if self.shown:
            self._draw("")

    def _draw(self, text: str) -> None:
        # Pad over what was there before: no escape sequence, so even TERM=dumb is fine.
        padding = " " * max(0, len(self.shown) - len(text))
        self.stream.write(f"\r{text}{padding}" + ("\r" if not text else ""))
        self.stream.flush()
        self.shown = text

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.clear()


MAINTAINER = "the person who looks after flagpress for your publication"


def unexpected(error: BaseException) -> str:
    """The one line shown for a bug, without --debug: the exception's type only, since
    its message may quote a private value (a name read from a file)."""
    return (
        f"flagpress hit a problem it did not expect: {type(error).__name__}. Run the same "
        f"command again with --debug and send what it prints to {MAINTAINER} (read it "
        "first: it may show private details)."
    )
