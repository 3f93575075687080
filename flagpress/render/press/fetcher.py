"""The only way WeasyPrint may read anything: files inside the publication, nothing else.

WeasyPrint's default fetcher reads any local file (`../` included), fetches http(s)
URLs, follows redirects, and embeds `rel="attachment"` targets in the PDF. This one
answers only `file:` URLs whose *resolved* path (symlinks followed) lies inside one
of the allowed folders, and stops the render at the first refusal, so a PDF can
never carry a file from elsewhere. Every file read is recorded for the cache.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from flagpress.render.images import FORMATS, clean_image
from flagpress.render.images import Refused as ImageRefused
from flagpress.render.svg import clean_svg


class Refused(FatalURLFetchingError):
    """A reference the sandbox will not fetch; stops the render."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url, self.reason = url, reason


class _Served(URLFetcherResponse):
    """A response that is only its bytes.

    WeasyPrint reads a `file:` response's file again from disk to embed a JPEG or PNG
    as it is (`response.path`); that would put the original, with its metadata, in the
    PDF instead of the cleaned bytes served here.
    """

    @property
    def path(self) -> None:
        return None


class SandboxedFetcher(URLFetcher):
    """Serves files inside `allowed` folders; refuses the network, other files and schemes."""

    def __init__(self, allowed: Iterable[Path], clean_svgs: Iterable[str] = ()) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.allowed = tuple(Path(folder).resolve() for folder in allowed)
        self.clean_svgs = frozenset(clean_svgs)
        self.fetched: list[Path] = []
        self.refused: list[Refused] = []  # WeasyPrint swallows some (inside SVGs): kept here

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            path = self.local_path(url)
            if not path.is_file():
                raise Refused(url, "there is no such file")
        except Refused as refused:
            self.refused.append(refused)
            raise
        data = self._cleaned(url, path)
        self.fetched.append(path)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return _Served(path.as_uri(), data, {"Content-Type": mime})

    def _cleaned(self, url: str, path: Path) -> bytes:
        """The file's bytes; a photo or picture drawn again from its pixels alone, so no
        camera position, camera or author's name reaches the PDF; a drawing listed in
        `clean_svgs` rebuilt from the SVG allowlist."""
        data = path.read_bytes()
        extension = path.suffix.lower()
        try:
            if path.as_uri() in self.clean_svgs:
                return clean_svg(data)
            if extension not in FORMATS:
                return data
            return clean_image(data, extension)
        except ImageRefused as err:
            refused = Refused(url, str(err))
            self.refused.append(refused)
            raise refused from None

    def local_path(self, url: str) -> Path:
        """The resolved file `url` names, if it is one the sandbox allows; else Refused."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise Refused(url, "this is not a valid address") from None
        if parts.scheme.lower() in ("http", "https", "ftp"):
            raise Refused(url, "PDFs never fetch anything from the network")
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise Refused(url, "PDFs may only use files inside the publication")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise Refused(url, "it is outside the publication's content/ and templates/ folders")
        return path


class ErrorLog(logging.Handler):
    """Collects what WeasyPrint logs as ERROR: any such message fails the render."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> ErrorLog:
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("weasyprint").removeHandler(self)
