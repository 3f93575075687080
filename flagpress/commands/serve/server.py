"""The preview's web server: this computer only (127.0.0.1), the preview's folder only.

The standard library's `http.server`, one thread a request, serving the preview's
current folder. A path is decoded first and refused (403) if any part of it is '..',
'.', empty inside the path, or holds a backslash or NUL, and again if it resolves
outside the folder; the page being looked at is made again first if it is out of
date. HTML pages get the problems banner and the reload script (see `injected`).
"""

from __future__ import annotations

import mimetypes
import posixpath
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from flagpress.commands.serve.injected import EVENTS, LIVE_JS, SCRIPT, inject
from flagpress.diagnostics import Problem

HOST = "127.0.0.1"  # never 0.0.0.0: drafts and unchecked text stay on this computer
_NOT_FOUND = b"<!doctype html><html lang=en><title>Not found</title><body><h1>Not found</h1></body>"
_NOT_BUILT = (
    b"<!doctype html><html lang=en><title>Preview not built</title><body>"
    b"<h1>The preview could not be built yet</h1></body>"
)


class Shown(Protocol):
    """What the server asks of the preview."""

    def folder(self) -> Path | None: ...

    def file(self, address: str) -> bytes | None:
        """The current bytes at `address` in the website, or None if there are none."""
        ...

    def problems(self) -> list[Problem]: ...

    def version(self) -> int: ...

    def wait_for_change(self, seen: int, timeout: float) -> int | None:
        """The new version once it differs from `seen`; None when the preview stops."""
        ...


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, shown: Shown, port: int) -> None:
        self.shown = shown
        super().__init__((HOST, port), _Handler)

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def address_of(path: str) -> str | None:
    """The file address inside the website for a request path, or None to refuse it.

    '/articles/x/' -> 'articles/x/index.html'; '/../x', '/%2e%2e/x', '/a\\b' -> None.
    """
    decoded = unquote(_without_query(path))
    if not decoded.startswith("/") or "\\" in decoded or "\0" in decoded:
        return None
    parts = decoded[1:].split("/")
    inner = parts[:-1]
    if any(p in ("", ".", "..") for p in inner) or parts[-1] in (".", ".."):
        return None
    address = "/".join(parts)
    if address == "" or address.endswith("/"):
        address += "index.html"
    return posixpath.normpath(address)


def _without_query(target: str) -> str:
    """The path of a request target, as sent ('//x' stays a path, not a host name)."""
    return target.split("?", 1)[0].split("#", 1)[0]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the terminal is for the editor's problems, not each request."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = _without_query(self.path)
        if path == EVENTS:
            self._events()
        elif path == SCRIPT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", LIVE_JS)
        else:
            self._file(path)

    def _file(self, path: str) -> None:
        shown = self.server.shown
        address, folder = address_of(path), shown.folder()
        if address is None:
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"Not allowed.\n")
            return
        if folder is None:  # not built yet: the banner says why
            self._page(HTTPStatus.SERVICE_UNAVAILABLE, _NOT_BUILT)
            return
        target = folder / address
        if not target.resolve().is_relative_to(folder.resolve()):
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"Not allowed.\n")
            return
        if target.is_dir():
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = shown.file(address)
        if data is None:
            self._missing(shown.file("404.html"))
            return
        kind = mimetypes.guess_type(address)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject(data, shown.problems(), shown.version())
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, kind, data)

    def _missing(self, page: bytes | None) -> None:
        self._page(HTTPStatus.NOT_FOUND, page if page is not None else _NOT_FOUND)

    def _page(self, status: HTTPStatus, page: bytes) -> None:
        shown = self.server.shown
        data = inject(page, shown.problems(), shown.version())
        self._send(status, "text/html; charset=utf-8", data)

    def _send(self, status: HTTPStatus, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # always the latest preview
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        """Server-Sent Events: the preview's version now, then each time it changes."""
        shown = self.server.shown
        self.close_connection = True  # the stream has no length: it ends the connection
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: int | None = shown.version()
        try:
            self._event(f"data: {seen}\n\n")
            while seen is not None:
                changed = shown.wait_for_change(seen, timeout=15)
                if changed is None:
                    return
                self._event(f"data: {changed}\n\n" if changed != seen else ": still here\n\n")
                seen = changed
        except (BrokenPipeError, ConnectionResetError):
            return  # the reader closed the page

    def _event(self, text: str) -> None:
        self.wfile.write(text.encode("ascii"))
        self.wfile.flush()
