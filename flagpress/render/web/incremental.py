"""Incremental website builds: only pages whose inputs changed are rendered again.

A whole `mkdocs build` of 1,000 articles takes seconds, and editors rebuild after every
edit. Each build remembers, in `.flagpress-cache/web/`, a digest of what every page
shares (the nav, the site settings, the theme files and the publication's
`templates/theme` overrides, the versions of flagpress, MkDocs and Material), a digest
of each page's own inputs (its WebPage: body, title, description, outline, link
preview, date), and a digest of every file the website wrote.

The next build renders everything when anything shared changed, or when the live
website is not the one the memory describes (a failed build since, a deleted or
edited file). Otherwise it renders only the pages whose inputs changed, plus what
depends on every page (404, sitemap, search index), and publishes every other file as
a hard link to the live website's, after checking its digest: a file that is missing
or different is rendered again. The result is the same, byte for byte, as a clean
build (tests/test_incremental.py); files equal to the live website's are hard links to
them, never rewritten. Nothing ever writes into a published file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from flagpress.cache_file import write_whole
from flagpress.folder_listing import files
from flagpress.render.folder import Folder
from flagpress.render.progress import Progress, quiet
from flagpress.render.web.context import Site, WebPage
from flagpress.render.web.mkdocs_adapter import (
    THEME_DIR,
    PartialBuild,
    SiteSettings,
    destinations,
    render_site,
)
from flagpress.render.web.mkdocs_adapter.site import _config_yaml

FORMAT = 1  # bump when what a page's output depends on changes, to forget every build
MANIFEST = "manifest.json"
SEARCH_INDEX = "search/search_index.json"
# Made from every page: written again by each build (cheap), never reused.
FROM_EVERY_PAGE = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", SEARCH_INDEX})
PACKAGES = ("flagpress", "mkdocs", "mkdocs-material", "jinja2", "markupsafe")


@dataclass
class Memory:
    """What one build made: enough for the next to know which pages it may reuse."""

    shared: str
    pages: dict[str, tuple[str, str, str]]  # src_uri -> (inputs, address, output digest)
    files: dict[str, str]  # every file the website wrote: address -> digest

    @classmethod
    def load(cls, folder: Path) -> Memory | None:
        """The last build's memory; None when there is none or it cannot be read."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            pages = {src: (e[0], e[1], e[2]) for src, e in data["pages"].items()}
            return cls(str(data["shared"]), pages, dict(data["files"]))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # a damaged memory only costs a whole build

    def save(self, folder: Path) -> None:
        """Written aside and moved in, so a killed build never leaves half a memory."""
        data = {"format": FORMAT, "shared": self.shared, "pages": self.pages, "files": self.files}
        write_whole(folder / MANIFEST, json.dumps(data, separators=(",", ":")).encode())


@dataclass
class Plan:
    """Which pages to render and which files to publish again from the live website."""

    render: list[WebPage]
    reuse: dict[str, tuple[Path, str]]  # address -> (live file, its digest)


def render_website(
    site: Site,
    settings: SiteSettings,
    folders: tuple[Folder, Path],
    search: list[dict[str, str]],
    progress: Progress = quiet,
) -> int:
    """Publish the website of `site` through the Folder of `folders`, rendering in its work
    folder only what must be; `search` is its search index (render/web/search_index.py),
    written whole every time; `progress` hears of each page rendered.

    Returns how many pages were rendered. Raises RendererError as `render_site` does.
    """
    folder, work = folders
    memory = folder.memory()
    store = memory / "web" if memory is not None else None
    shared = shared_digest(site, settings)
    inputs = {p.src_uri: page_digest(p) for p in site.pages}
    old = Memory.load(store) if store is not None else None
    plan = _plan(site, (shared, inputs), old, folder) if old is not None else None
    if plan is None:
        render_site(site, settings, work, search, progress)
        plan = Plan(list(site.pages), {})
    else:
        _render_some(site, settings, (plan.render, search), work, progress)
    files = _publish(work, folder, plan.reuse)
    if store is not None:
        where = destinations([p.src_uri for p in site.pages])
        pages = {
            src: (digest, where[src], files.get(where[src], "")) for src, digest in inputs.items()
        }
        Memory(shared, pages, files).save(store)
    return len(plan.render)


def _render_some(
    site: Site,
    settings: SiteSettings,
    wanted: tuple[list[WebPage], list[dict[str, str]]],
    work: Path,
    progress: Progress,
) -> None:
    """The `wanted` pages, and the search index holding its entries, rendered into the
    `work` folder (the theme's files are taken from the live website: see `_plan`)."""
    pages, search = wanted
    partial = PartialBuild(site, settings, work)
    try:
        partial.write_pages(pages, progress)
        partial.finish(search)
    finally:
        partial.close()


def _plan(
    site: Site, digests: tuple[str, dict[str, str]], old: Memory, folder: Folder
) -> Plan | None:
    """What may be reused from the live website; None when everything must be rendered.

    `digests` are those of what every page shares and of each page's inputs, by source.
    """
    shared, inputs = digests
    if old.shared != shared or not _unchanged(folder, SEARCH_INDEX, old.files.get(SEARCH_INDEX)):
        return None  # something every page shows changed, or the live site is not ours
    reuse: dict[str, tuple[Path, str]] = {}
    addresses = {entry[1] for entry in old.pages.values()}
    for address, digest in old.files.items():
        if address in addresses or address in FROM_EVERY_PAGE:
            continue
        live = folder.previous(address)
        if live is None or file_digest(live) != digest:
            return None  # a theme file is missing or was changed: build it all again
        reuse[address] = (live, digest)
    render = []
    for page in site.pages:
        was, address, output = old.pages.get(page.src_uri, ("", "", ""))
        live = folder.previous(address) if was == inputs[page.src_uri] else None
        if live is not None and file_digest(live) == output:
            reuse[address] = (live, output)
        else:
            render.append(page)
    return Plan(render, reuse)


def _unchanged(folder: Folder, address: str, digest: str | None) -> bool:
    live = folder.previous(address)
    return live is not None and digest is not None and file_digest(live) == digest


def _publish(work: Path, folder: Folder, reuse: dict[str, tuple[Path, str]]) -> dict[str, str]:
    """Publish what was rendered and what is reused; the digest of every file, by address.

    A rendered file identical to the live website's is published as that file (a hard
    link to it), so unchanged files are never written again.
    """
    digests = {address: digest for address, (_, digest) in reuse.items()}
    for address in files(work):  # as text: 21,000 files and folders at 5,000 articles
        path = work / address
        digests[address] = digest = file_digest(path)
        live = folder.previous(address)
        if live is not None and live.stat().st_size == path.stat().st_size:
            path = live if file_digest(live) == digest else path
        folder.place(address, path)
    for address, (live, _) in sorted(reuse.items()):
        folder.place(address, live)
    return digests


def shared_digest(site: Site, settings: SiteSettings) -> str:
    """A digest of what every page shows besides its own content."""
    digest = hashlib.sha256(f"{FORMAT}\0{_code()}".encode())
    placeholder = Path("/site")  # where MkDocs writes changes nothing in a page
    digest.update(_config_yaml(site, settings, "docs", placeholder).encode())
    digest.update(repr(dataclasses.replace(settings, overrides=None)).encode())
    digest.update(_tree(THEME_DIR).encode())
    digest.update(_tree(settings.overrides).encode())
    return digest.hexdigest()


def page_digest(page: WebPage) -> str:
    """A digest of one page's own inputs (every field of its WebPage)."""
    return hashlib.sha256(repr(page).encode()).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _code() -> str:
    """The versions of what renders pages, and flagpress's code that hands them over."""
    here = Path(__file__).parent
    parts = [version(name) for name in PACKAGES]
    code = [*sorted((here / "mkdocs_adapter").glob("*.py")), here / "incremental.py"]
    parts += [file_digest(path) for path in code]
    return "\0".join(parts)


def _tree(folder: Path | None) -> str:
    """A digest of every file in `folder` (theme files and overrides), with its path.

    A theme that prints the time of the build (MkDocs's `build_date_utc`) makes every
    page differ at every build: its digest is then never the same twice.
    """
    if folder is None or not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(data).hexdigest().encode() + b"\0")
            if b"build_date_utc" in data:
                digest.update(str(time.time_ns()).encode())
    return digest.hexdigest()
