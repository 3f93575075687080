"""Pages described by the last build, reused when nothing they are made from changed.

Describing a page (its main content through flagpress's templates: body, cards,
bylines) is most of a rebuild after a one-word edit: 1,000 article pages, topic and
people pages listing hundreds of cards each. A page's description is a pure function
of what its template is given (the page's own context: the article, its issue, the
articles around it and related to it...) and of what every page is given (the
settings, everyone's naming and consent as of today, the pages that exist, the
templates, the pictures, flagpress itself). Both are fingerprinted; a page whose
fingerprints match the last build's is taken from `.flagpress-cache/web/described/`
instead of being described again, and the files it published (pictures, documents)
are published again through the gate, so the gate still checks each one.

A template that reads the whole Edition (the home page, the lists of issues and
topics), and every page when the publication overrides flagpress's templates,
fingerprints the whole Edition: any change describes those pages again. A context
value this module cannot fingerprint means the page is always described again.
Nothing private is stored: the keys are digests, the values are the public pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from flagpress.diagnostics import Location
from flagpress.every_core import in_order
from flagpress.load.cache import DiskCache, made_by
from flagpress.model import Body, Heading
from flagpress.render.edition import Edition
from flagpress.render.folder import Folder
from flagpress.render.web.context import Asset, PageSpec, Rendered, SiteBuilder, WebPage
from flagpress.render.web.sharing import Sharing

FOLDER = "described"  # in the website's memory (.flagpress-cache/web/)
# Templates that read the Edition as a whole, not only what their pages are given.
WHOLE_EDITION = frozenset({"home.html", "issues.html", "tags.html"})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A data class's field names, looked up once per class (not once per object)."""
    return tuple(f.name for f in dataclasses.fields(kind))


class Unknown(Exception):
    """A value with no fingerprint: the page that holds it is always described again."""


class Fingerprints:
    """Digests of values, each data object's computed once per build (by identity)."""

    def __init__(self) -> None:
        self._known: dict[int, bytes] = {}  # id -> the object's digest
        self._alive: list[object] = []  # each object known, so its id stays its own

    def of(self, value: object) -> str:
        """A digest of `value`: equal for equal values, whatever their identity."""
        digest = hashlib.sha256()
        self._feed(digest, value)
        return digest.hexdigest()

    def _feed(self, digest: hashlib._Hash, value: object) -> None:  # noqa: C901 - one type each
        kind = type(value)
        # The commonest first (6,000 pages' contexts at 5,000 articles: half a million
        # strings, most in tuples and data objects), with the bytes of the general case.
        if kind is str:
            digest.update(_text(value))  # type: ignore[arg-type]
        elif kind is tuple or kind is list:
            digest.update(b"[%d" % len(value))  # type: ignore[arg-type]
            for item in value:  # type: ignore[attr-defined]
                if type(item) is str:
                    digest.update(_text(item))
                else:
                    self._feed(digest, item)
            digest.update(b"]")
        elif hasattr(kind, "__dataclass_fields__"):  # an instance (a class's type has none)
            digest.update(self._object(value))
        elif value is None or isinstance(value, bool | int | float | enum.Enum):
            digest.update(f"{type(value).__name__}:{value!r}\0".encode())
        elif isinstance(value, str):  # Markup and YStr too: what is shown is the text
            digest.update(_text(value))
        elif isinstance(value, dt.date | PurePath):
            digest.update(f"{type(value).__name__}:{value}\0".encode())
        elif isinstance(value, list | tuple):
            digest.update(b"[%d" % len(value))
            for item in value:
                self._feed(digest, item)
            digest.update(b"]")
        elif isinstance(value, Mapping):
            digest.update(b"{%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(digest, key)
                self._feed(digest, value[key])
            digest.update(b"}")
        elif isinstance(value, set | frozenset):
            self._feed(digest, sorted(value, key=repr))
        else:
            raise Unknown(type(value).__name__)

    def _object(self, value: object) -> bytes:
        known = self._known.get(id(value))
        if known is not None:
            return known
        digest = hashlib.sha256(type(value).__qualname__.encode())
        if isinstance(value, Body):
            # All of a body (HTML, links, outline) is made from its text where it starts,
            # by flagpress's code (in every page's fingerprint): hundreds of parts fewer.
            self._feed(digest, (value.source, value.first_line))
        elif isinstance(value, Location):
            digest.update(repr(value).encode())
        else:
            for name in _field_names(type(value)):  # type: ignore[arg-type]
                part = getattr(value, name)
                if type(part) is str:
                    digest.update(name.encode() + b"=" + _text(part))
                else:
                    digest.update(name.encode() + b"=")
                    self._feed(digest, part)
        found = digest.digest()
        if _remembered(type(value)):  # type: ignore[arg-type]
            self._known[id(value)] = found
            self._alive.append(value)
        return found


@functools.cache
def _remembered(kind: type) -> bool:
    """Whether objects of this data class are worth remembering: not the small slotted
    values (a place, a heading), tens of thousands of them each met once, whose
    digests, remembered, were a third of the memory describing pages took."""
    return "__slots__" not in vars(kind)


def _text(value: str) -> bytes:
    """How a string is fed: its length, then its text (Markup and YStr alike)."""
    return b"s%d:" % len(value) + value.encode("utf-8", "surrogatepass")


class Vanished(Exception):
    """A stored page could not be read back from the cache while the website was made."""


@dataclass(frozen=True)
class StoredPage(WebPage):
    """A described page whose HTML waits in the cache until the renderer asks for it.

    Holding every page's HTML from describing to the end of MkDocs's build was most of
    a build's memory (190 MB at 5,000 articles); each page is in the cache anyway.
    `html` is a digest of the page's HTML, so the page's repr (the incremental build's
    key for it) still changes whenever its HTML does.
    """

    stored: Callable[[], str] = field(kw_only=True, repr=False, compare=False)

    def content(self) -> str:
        return self.stored()


class DescribedPages:
    """The last builds' described pages, by fingerprint (load/cache.py's DiskCache:
    written whole, read back as plain data only, pruned to what was used).

    Two entries a page: its details (title, outline, link preview, the files it
    publishes and a digest of its HTML) under its fingerprint, and its HTML under a
    key of its own, read only when the page is rendered. A rebuild after a one-word
    edit reuses nearly every page and renders none of them: it reads the details only
    (at 5,000 articles, reading and hashing every page's HTML again was 0.5 s of it).
    """

    def __init__(self, folder: Path | None) -> None:
        self.cache = DiskCache(folder) if folder is not None else None

    def get(self, key: str) -> tuple[StoredPage, list[Asset]] | None:
        """The page remembered under `key` (its HTML left in the cache), and its files."""
        if self.cache is None:
            return None
        entry = self.cache.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            page = _page(entry["page"], self._reader(key, str(entry["page"]["src_uri"])))
            assets = [(path, Location(*where)) for path, where in entry["assets"]]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry only costs describing the page again
        self.cache.keep([_html_key(key)])  # read when rendered; kept for later builds
        return page, assets

    def missing(self, keys: list[str]) -> set[str]:
        """The `keys` no page is remembered under (all of them without a cache)."""
        return self.cache.missing(keys) if self.cache is not None else set(keys)

    def put(self, key: str, page: WebPage, assets: list[Asset]) -> StoredPage | None:
        """Remember the page; the page as remembered, or None when it could not be kept."""
        if self.cache is None or not self.cache.put(_html_key(key), page.html):
            return None
        digest = hashlib.sha256(page.html.encode("utf-8", "surrogatepass")).hexdigest()
        values = {name: getattr(page, name) for name in _field_names(WebPage)}
        values["html"] = f"sha256:{digest}"
        stored = StoredPage(**values, stored=self._reader(key, page.src_uri))
        where = [[path, [at.path, at.line, at.col]] for path, at in assets]
        return stored if self.cache.put(key, {"page": _plain(stored), "assets": where}) else None

    def _reader(self, key: str, src: str) -> Callable[[], str]:
        """What reads back the HTML of the page `src` remembered under `key`."""

        def html() -> str:
            found = self.cache.get(_html_key(key)) if self.cache is not None else None
            if not isinstance(found, str):
                raise Vanished(f"a page kept in .flagpress-cache was deleted ({src})")
            return found

        return html

    def save(self) -> None:
        """Forget the descriptions this build neither used nor made."""
        if self.cache is not None and self.cache.folder.is_dir():
            self.cache.prune()


def _html_key(key: str) -> str:
    """The key of the HTML of the page remembered under `key`."""
    return hashlib.sha256(f"{key} html".encode()).hexdigest()


def _plain(page: WebPage) -> dict:
    return {
        "src_uri": page.src_uri,
        "title": page.title,
        "html": page.html,
        "description": page.description,
        "toc": list(page.toc),
        "share": dataclasses.asdict(page.share),
        "lastmod": page.lastmod.isoformat() if page.lastmod else None,
    }


def _page(entry: dict, stored: Callable[[], str]) -> StoredPage:
    """The page exactly as it was made (its repr is the MkDocs render's key), reading its
    HTML with `stored`."""
    lastmod = entry["lastmod"]
    toc = tuple(entry["toc"])
    if not all(isinstance(heading, Heading) for heading in toc):
        raise TypeError("not a table of contents")
    return StoredPage(
        src_uri=str(entry["src_uri"]),
        title=str(entry["title"]),
        html=str(entry["html"]),
        description=str(entry["description"]),
        toc=toc,
        share=Sharing(**entry["share"]),
        lastmod=dt.date.fromisoformat(lastmod) if lastmod else None,
        stored=stored,
    )


class ReusingBuilder(SiteBuilder):
    """A SiteBuilder that takes each page it can from the last build's descriptions,
    and renders the others on every core (flagpress/every_core.py).

    Pages are kept as they are added and made in `finish`, in order: workers render
    the pages not remembered (rendering publishes nothing: `SiteBuilder.render`), and
    each is placed here, in the site's order, as soon as those before it are, so that
    the gate publishes the same files in the same order, with the same problems, as
    one process making every page in turn. A page no worker rendered is rendered here.
    """

    def __init__(self, edition: Edition, folder: Folder) -> None:
        super().__init__(edition, folder)
        memory = folder.memory()
        self.memory = DescribedPages(memory / "web" / FOLDER if memory is not None else None)
        self.fingerprints = Fingerprints()
        self._kept: list[PageSpec] = []
        overrides = _files(edition.root / "templates" / "web", lambda _path: True)
        self._overridden = bool(overrides)
        self._every_page = self.fingerprints.of(
            [
                made_by(("flagpress",), None),  # its code and templates, every library
                overrides,
                edition.today,
                edition.config,
                edition.contributors,
                edition.alternates,
                self.sources,
                sorted(self.profiled),
                self.masthead,
                self.get_involved,
                _files(edition.root / "content", _not_text),
            ]
        )
        self._edition: str | None = None

    def make(self, spec: PageSpec) -> None:
        self._kept.append(spec)  # made in `finish`

    def finish(self) -> None:
        specs, self._kept = self._kept, []
        keys = [self._key(spec) for spec in specs]
        missing = self.memory.missing([key for key in keys if key])
        todo = [number for number, key in enumerate(keys) if key is None or key in missing]
        # The first is rendered here, before the workers fork: its templates load once.
        in_order(
            len(specs),
            todo[1:],
            lambda number: self.render(specs[number]),
            lambda number, rendered: self._made(specs[number], keys[number], rendered),
        )

    def _made(self, spec: PageSpec, key: str | None, rendered: Rendered | None) -> None:
        """Add the page: remembered under `key`, rendered by a worker, or rendered now."""
        found = self.memory.get(key) if key and rendered is None else None
        if found is not None:
            page, assets = found
            for path, at in assets:
                self.asset(path, at)  # through the gate again, checked again
            self.site.pages.append(page)
            return
        rendered = rendered if rendered is not None else self.render(spec)
        self.place(spec, rendered)
        assets = [*rendered.shown, *rendered.previews]
        kept = self.memory.put(key, self.site.pages[-1], assets) if key else None
        if kept is not None:
            self.site.pages[-1] = kept

    def _key(self, spec: PageSpec) -> str | None:
        """The fingerprint of everything the page is made from; None if there is none."""
        try:
            parts: list[object] = [self._every_page, spec]
            if spec.template in WHOLE_EDITION or self._overridden:
                if self._edition is None:
                    self._edition = self.fingerprints.of(self.edition)
                parts.append(self._edition)
            return self.fingerprints.of(parts)
        except Unknown:
            return None


def _files(folder: Path, wanted: Callable[[Path], bool]) -> list[tuple[str, str]]:
    """The `wanted` files under `folder`, each with a digest of its bytes."""
    found = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file() and wanted(path):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = "unreadable"
            found.append((path.relative_to(folder).as_posix(), digest))
    return found


def _not_text(path: Path) -> bool:
    """Pictures and documents in content/: a page shows a picture's size, links a file."""
    return path.suffix.lower() not in (".md", ".yml", ".yaml")
