"""What an output may do with the folder a build publishes: the `Folder` protocol.

Like WeasyPrint's url_fetcher, it is a capability handed in: the pipeline passes the
publishing gate (flagpress/publish/gate.py), and this protocol is all render/ knows of
it, so imports keep flowing one way. There is no way to copy a content file as it is:
`content` puts it through the gate for its type and says where readers will find it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from flagpress.diagnostics import Location


class Folder(Protocol):
    def write(self, address: str, data: bytes) -> None:
        """Publish bytes flagpress generated at `address` (e.g. 'feed.xml')."""
        ...

    def place(self, address: str, made: Path) -> None:
        """Publish a file flagpress generated elsewhere (a PDF, a page MkDocs wrote)."""
        ...

    def content(self, path: str, at: Location) -> str:
        """Publish the content file `path`, referenced at `at`; returns its address,
        always `urls.asset(path)` (so a page can be rendered before its files are
        published: render/web/context.py).

        A file the gate refuses is reported at `at` (the build then fails); the address
        is returned all the same, so rendering can go on and find every other problem.
        """
        ...

    def size(self, address: str) -> int | None:
        """How many bytes were published at `address`, or None if nothing was."""
        ...

    def scratch(self) -> Path:
        """An empty working folder outside the published one (the caller removes it)."""
        ...

    def previous(self, address: str) -> Path | None:
        """The file at `address` in the live website this build will replace, to publish
        again when unchanged (read it, never write it); None if there is none."""
        ...

    def memory(self) -> Path | None:
        """A folder where a build remembers what it made, for the next build to reuse
        (None: nothing is remembered, as in the preview)."""
        ...
