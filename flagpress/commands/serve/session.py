"""`flagpress serve`: check, build and show the publication, again each time a file changes.

Runs until Ctrl+C (or `stop`): a web server thread (see `server`), a watcher on
`content/`, `templates/` and `site_config.yml` (watchfiles: the system's file events,
so a save is seen at once, without scanning 1,000 files several times a second), and
a thread that brings the remaining pages up to date when nothing else is happening.
A broken file never stops it: its problems are printed and shown on every page, and
the last good website stays on show until the file is fixed. Nothing is published:
everything is built in a private temporary folder, deleted on the way out.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import watchfiles

from flagpress.commands.serve.checks import Checker
from flagpress.commands.serve.live_site import LiveSite
from flagpress.commands.serve.server import PreviewServer
from flagpress.diagnostics import Problem, UsageError, has_errors, summary
from flagpress.publish.redaction import redact
from flagpress.render import ALTERNATES, build_edition

WATCHED = ("content", "templates", "site_config.yml")
# A change to these can change every page and the theme: the website is built again.
WHOLE = ("templates", "site_config.yml")
IDLE_AFTER = 1.0  # seconds without a change before the other pages are brought up to date

Change = tuple[str, str]  # ('added' | 'modified' | 'deleted', path relative to the root)


class PortTaken(UsageError):
    """The port asked for cannot be used."""


class Preview:
    """One publication, shown live. The server asks it for pages (the `Shown` protocol)."""

    def __init__(
        self,
        root: Path,
        echo: Callable[[str], None],
        drafts: bool = False,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.root, self.echo, self.drafts, self.today = root, echo, drafts, today
        self.base = Path(tempfile.mkdtemp(prefix="flagpress-preview-"))
        self.site = LiveSite(self.base, self._found)
        self.checker = Checker(root)
        self.stopping = threading.Event()
        # The first build is done, the server listens and the watcher watches.
        self.ready = threading.Event()
        self.server: PreviewServer | None = None
        self._problems: list[Problem] = []
        self._version = 0
        self._changed = threading.Condition()
        self._last_change = 0.0
        self._redact: Callable[[list[Problem]], list[Problem]] = lambda found: found

    # What the server asks (see server.Shown).
    def folder(self) -> Path | None:
        return self.site.folder

    def file(self, address: str) -> bytes | None:
        return self.site.file(address)

    def problems(self) -> list[Problem]:
        """The last check's problems, and those found since while rendering pages."""
        return sorted(set(self._problems) | set(self._redact(self.site.problems())))

    def version(self) -> int:
        return self._version

    def wait_for_change(self, seen: int, timeout: float) -> int | None:
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen or self.stopping.is_set(), timeout)
        return None if self.stopping.is_set() else self._version

    def refresh(self, changes: Iterable[Change] | None = None) -> float:
        """Check and show the publication again after `changes` (None: from scratch).

        Returns the seconds it took; prints what it found.
        """
        start = time.perf_counter()
        self._last_change = time.monotonic()  # the idle renderer stands back from now
        changed = [] if changes is None else list(changes)
        whole = changes is None or any(_under(path, WHOLE) for _, path in changed)
        replaced = whole or any(
            kind != "modified" or not path.endswith((".md", ".yml")) for kind, path in changed
        )
        today = self.today()
        checked = self.checker.check(today, files_changed=replaced)
        problems, pub = checked.problems, checked.publication
        if pub is not None and not has_errors(problems):
            private = checked.private
            self._redact = lambda found: redact(found, pub, private)
            edition = build_edition(pub, self.root, today, ALTERNATES, drafts=self.drafts)
            problems = sorted(set(problems + self._redact(self.site.update(edition, whole))))
        took = time.perf_counter() - start
        with self._changed:
            self._problems = problems
            self._version += 1
            self._last_change = time.monotonic()
            self._changed.notify_all()
        self._report(problems, took)
        return took

    def _found(self, problems: list[Problem]) -> None:
        """Problems found while rendering a page, printed as the check's are."""
        for problem in self._redact(problems):
            self.echo(problem.format())

    def _report(self, problems: list[Problem], took: float) -> None:
        for problem in problems:
            self.echo(problem.format())
        if problems:
            self.echo(summary(problems))
        if has_errors(problems) and self.site.folder is not None:
            self.echo("The preview shows the website as it was before these errors.")
        self.echo(f"Updated in {took:.2f} s.")

    def serve(self, port: int) -> None:
        """Build, serve on 127.0.0.1:`port` (0: any free port) and watch, until stopped."""
        try:
            self.server = PreviewServer(self, port)
        except OSError as err:
            self.close()
            raise PortTaken(
                f"cannot serve on port {port} ({err.strerror}); another program may be using "
                "it: try another with --port, or --port 0 for any free port"
            ) from None
        try:
            with _interrupted_by_sigterm():
                self.echo(f"Building a preview of {self.root} ...")
                self.refresh()
                for thread in (self.server.serve_forever, self._bring_up_to_date):
                    threading.Thread(target=thread, daemon=True).start()
                address = self.server.address
                self.echo(f"Preview at {address} (only on this computer; Ctrl+C stops it)")
                self._watch()
        except KeyboardInterrupt:
            pass
        finally:
            self.close()
        self.echo("Preview stopped; its temporary files are deleted.")

    def stop(self) -> None:
        """Stop serving (from another thread); `serve` returns."""
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()

    def close(self) -> None:
        self.stop()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        self.site.close()
        shutil.rmtree(self.base, ignore_errors=True)

    def _watch(self) -> None:
        for found in watchfiles.watch(
            self.root.resolve(),
            watch_filter=lambda _change, path: self._watched(path),
            stop_event=self.stopping,
            debounce=400,  # at most: a save that writes several files is one change
            step=20,  # a change is taken once no other follows within 20 ms
            rust_timeout=300,
            yield_on_timeout=True,  # nothing changed: the watcher is listening
        ):
            self.ready.set()
            if self.stopping.is_set():
                return
            if not found:
                continue
            changes = [(change.name, self._relative(path)) for change, path in found]
            self.refresh(changes)

    def _watched(self, path: str) -> bool:
        relative = self._relative(path)
        return _under(relative, WATCHED) and not relative.endswith((".partial", "~"))

    def _relative(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def _bring_up_to_date(self) -> None:
        """Render the pages nobody asked for yet, once changes have stopped for a moment."""
        while not self.stopping.is_set():
            if time.monotonic() - self._last_change < IDLE_AFTER or not self.site.refresh_one():
                self.stopping.wait(0.2)


def _under(path: str, tops: Iterable[str]) -> bool:
    return any(path == top or path.startswith(top + "/") for top in tops)


@contextmanager
def _interrupted_by_sigterm() -> Iterator[None]:
    """`kill` stops the preview as Ctrl+C does (its temporary files deleted)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
