"""The publishing gate: the only way a file gets into the folder a build publishes.

Outputs never get a path to write into. They get a `Gate` (typed in `render/` as
`Folder`, so render never imports publish) and can only hand it bytes flagpress made
(`write`, `place`) or ask it to publish a content file (`content`). A content file is
never copied as it is: images are drawn again without metadata, drawings (SVG) are
rebuilt from an allowlist, other types need `downloads:` in site_config.yml (PDFs are
checked too), and sources, web pages and scripts are refused. Every address has one
owner, so a content file can never replace a theme file or a generated page.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flagpress.diagnostics import Location, Problem
from flagpress.publish.cleaned_pictures import CleanedPictures
from flagpress.publish.downloads import check_pdf, never
from flagpress.publish.folders_ahead import FoldersAhead
from flagpress.publish.pictures_ahead import Photo, clean_ahead, photos
from flagpress.publish.release import MARKER, SCRATCH_PREFIX, remove
from flagpress.render import urls
from flagpress.render.images import FORMATS, Refused, clean_image
from flagpress.render.svg import clean_svg

GENERATED = ""  # the owner of an address flagpress itself wrote


@dataclass(frozen=True)
class _Verdict:
    address: str
    code: str = ""  # "" when the file was published
    message: str = ""


class Gate:
    """The staging folder as outputs see it (the `render.Folder` protocol)."""

    def __init__(
        self,
        root: Path,
        staging: Path,
        downloads: tuple[str, ...],
        live: Path | None = None,
        memory: Path | None = None,
        ahead: FoldersAhead | None = None,
    ) -> None:
        """`live` is the release this build will replace (its files may be published
        again, as hard links); `memory` the cache where outputs remember what they made;
        `ahead` the helper making the live release's folders in `staging` meanwhile."""
        self.root, self.staging = root, staging
        self.live, self._memory = live, memory
        self.downloads = {f".{kind.lower()}" for kind in downloads}
        self.problems: list[Problem] = []
        self._owners: dict[str, str] = {}  # address (case-folded) -> content path or GENERATED
        self._verdicts: dict[str, _Verdict] = {}
        self._first: dict[str, Location] = {}  # content path -> where it was first referenced
        self._scratches: list[Path] = []
        self._folders: set[str] = set()  # folders holding published files, and their parents
        self._folder_keys: set[str] = set()  # the same, case-folded
        self._ahead_folders = ahead or FoldersAhead(staging, None)
        # Pictures cleaned before are published again as the live release's file.
        self.pictures = CleanedPictures(memory)
        self._photos_ahead: Path | None = None  # cleaned ahead (publish/pictures_ahead.py)
        self._looked_ahead = memory is None  # only for builds, which remember

    def write(self, address: str, data: bytes) -> None:
        """Publish bytes flagpress generated at `address`."""
        target = self._claim(address, GENERATED)
        if target is not None:
            target.write_bytes(data)

    def place(self, address: str, made: Path) -> None:
        """Publish a file flagpress generated (a PDF, a page MkDocs wrote) at `address`."""
        target = self._claim(address, GENERATED)
        if target is None:
            return
        _link(made, target)

    def previous(self, address: str) -> Path | None:
        """The live release's regular file at `address`, if there is one (never a link out)."""
        normal = posixpath.normpath(address)
        if self.live is None or normal.startswith(("/", "../")) or normal in (".", "..", MARKER):
            return None
        path = self.live / normal
        try:
            return path if stat.S_ISREG(path.lstat().st_mode) else None
        except OSError:
            return None

    def memory(self) -> Path | None:
        return self._memory

    def size(self, address: str) -> int | None:
        """The size in bytes of a file already published at `address`, or None."""
        path = self.staging / address
        return path.stat().st_size if path.is_file() else None

    def scratch(self) -> Path:
        """An empty folder to work in, beside (never inside) the published one.

        It sits in a marked folder of its own, so that a build killed before `close`
        leaves nothing the next build will not clean up (release.prune).
        """
        holder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=self.staging.parent))
        (holder / MARKER).write_text("scratch\n", encoding="utf-8")
        self._scratches.append(holder)
        work = holder / "work"
        work.mkdir()
        return work

    def close(self) -> None:
        """Remove every scratch folder (whether or not the build succeeded), and keep
        what was learnt about the pictures cleaned."""
        for folder in self._scratches:
            remove(folder)
        self.pictures.save()

    def content(self, path: str, at: Location) -> str:
        """Publish the content file `path` (linked at `at`) through its gate; its address."""
        verdict = self._verdicts.get(path)
        if verdict is None:
            if not self._looked_ahead:
                self._clean_ahead()
            self._first[path] = at
            verdict = self._verdicts[path] = self._publish(path)
        if verdict.code:
            self.problems.append(at.error(verdict.code, verdict.message))
        return verdict.address

    def _publish(self, path: str) -> _Verdict:
        address = urls.asset(path)
        try:
            made = self._cleaned(path, address)
        except Refused as err:
            return _Verdict(address, _code(path), f"{path} is not published: {err}")
        target = self._claim(address, path)
        if target is None:
            return _Verdict(address)
        if isinstance(made, Path):
            _link(made, target)
        else:
            target.write_bytes(made)
        return _Verdict(address)

    def _cleaned(self, path: str, address: str) -> bytes | Path:
        """The bytes to publish for the content file `path` at `address`, or the live
        release's file there when it holds exactly those bytes; raises Refused."""
        source = self.root / path
        real = source.resolve()
        brand_drawing = path.startswith("templates/") and real.suffix.lower() == ".svg"
        allowed = [(self.root / "content").resolve()]
        if brand_drawing:  # the brand's masthead: drawings only, never a template
            allowed.append((self.root / "templates").resolve())
        if not any(real.is_relative_to(folder) for folder in allowed):
            raise Refused("it is a shortcut (symlink) to a file outside content/; copy the file in")
        if not real.is_file():
            raise Refused("the file is missing; check the link")
        for name in {Path(path).name, real.name}:
            _refuse_type(name, real)
        extension = Path(path).suffix.lower()
        data = real.read_bytes()
        if extension in FORMATS or extension == ".svg":
            return self._picture(data, extension, address)
        if extension not in self.downloads:
            kind = extension.lstrip(".") or "such"
            raise Refused(
                f"{kind} files are not offered for download; if readers should download "
                f"them, add {kind} to downloads: in site_config.yml, or remove the link"
            )
        if extension == ".pdf":
            check_pdf(data)
        return data

    def _clean_ahead(self) -> None:
        """Have every photo the live release does not hold cleaned on every core."""
        self._looked_ahead = True
        todo: list[Photo] = []
        for path, kind in photos(self.root / "content"):
            try:
                key = self.pictures.key(path.read_bytes(), kind)
            except OSError:
                continue  # the gate says why, if a page links it
            address = urls.asset(path.relative_to(self.root).as_posix())
            if not (self.pictures.knows(key) and self.previous(address) is not None):
                todo.append((path, kind))
        if todo:
            self._photos_ahead = self.scratch()
            clean_ahead(todo, self.pictures, self._photos_ahead)

    def _picture(self, data: bytes, extension: str, address: str) -> bytes | Path:
        """The picture cleaned (metadata and scripts gone), or the live file at `address`
        when it is what cleaning these bytes publishes (publish/cleaned_pictures.py)."""
        key = self.pictures.key(data, extension)
        live = self.previous(address)
        if live is not None and self.pictures.published(key, live):
            return live
        ahead = self._photos_ahead / key if self._photos_ahead is not None else None
        if ahead is not None and ahead.is_file():  # cleaned by a worker from these bytes
            self.pictures.remember(key, ahead.read_bytes())
            return ahead
        made = clean_image(data, extension) if extension in FORMATS else clean_svg(data)
        self.pictures.remember(key, made)
        return made

    def _claim(self, address: str, owner: str) -> Path | None:
        """Make `owner` the only writer of `address`; the target path, or None on a clash."""
        normal = posixpath.normpath(address)
        if normal.startswith(("/", "../")) or normal in (".", ".."):
            raise ValueError(f"not an address inside the website: {address!r}")
        key = normal.casefold()
        previous = self._owners.get(key)
        if previous is None and not self._parents_free(normal):
            previous = GENERATED
        if previous is not None:
            self._clash(normal, owner, previous)
            return None
        self._owners[key] = owner
        target = self.staging / normal
        made_ahead = self._ahead_folders.made()  # waits for them: none is made twice
        if normal in made_ahead:  # an empty folder where this build publishes a file
            _remove_folders(target)
        folder = posixpath.dirname(normal)
        if folder not in self._folders:  # made once: thousands of files share them
            if folder not in made_ahead:
                target.parent.mkdir(parents=True, exist_ok=True)
            while folder not in self._folders:
                self._folders.add(folder)
                self._folder_keys.add(folder.casefold())
                folder = posixpath.dirname(folder)
        return target

    def remove_unused_folders(self) -> None:
        """Remove the folders made ahead that hold nothing published (before the scan)."""
        self._ahead_folders.remove_unused(self._folders)

    def _parents_free(self, address: str) -> bool:
        """No file is published where `address` needs a folder, nor a folder at it."""
        parts, key = address.split("/"), address.casefold()
        folders = ("/".join(parts[:i]).casefold() for i in range(1, len(parts)))
        return not any(f in self._owners for f in folders) and key not in self._folder_keys

    def _clash(self, address: str, owner: str, previous: str) -> None:
        content = owner or previous
        if not content:  # two outputs: flagpress's own mistake, said at the address
            self.problems.append(
                Location(address).error(
                    "output-clash", "two outputs would write this file; please report this"
                )
            )
            return
        self.problems.append(
            self._first.get(content, Location(content)).error(
                "publish-clash",
                f"{content} would be published at {address}, where the website keeps a file "
                "of its own; move it into another folder (for example next to the article) "
                "and change the link",
            )
        )


def _remove_folders(folder: Path) -> None:
    """Remove `folder` and the folders in it, all empty (made ahead, never published in)."""
    for base, folders, _ in os.walk(folder, topdown=False):
        for name in folders:
            os.rmdir(os.path.join(base, name))
    os.rmdir(folder)


def _link(made: Path, target: Path) -> None:
    """Publish `made` at `target` as a hard link (no byte written), or else a copy."""
    try:
        os.link(made, target)
    except OSError:
        shutil.copyfile(made, target)


def _refuse_type(name: str, real: Path) -> None:
    """Raise Refused for sources, web pages, scripts, programs and hidden files."""
    if name.startswith("."):
        raise Refused("it is a hidden file; flagpress never publishes those")
    executable = bool(real.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH))
    why = never(Path(name).suffix.lower(), executable)
    if why:
        raise Refused(f"it is {why}, which flagpress never publishes; remove the link")


def _code(path: str) -> str:
    extension = Path(path).suffix.lower()
    if extension in FORMATS:
        return "unsafe-image"
    if extension == ".svg":
        return "unsafe-svg"
    return "not-published"
