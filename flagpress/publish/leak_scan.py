"""The last line of defence against a leaked name: scan every output file.

After rendering, every output file is searched for each private string of
`content/contributors.private.yml` and for the name of anyone who may not be named
in that file's channel: its path (folder and
file names, which are also its web address, nav entry and search result) and every
piece of text it holds (see `output_texts`), folded so that case, accents, invisible
characters, look-alike letters and markup cannot hide a name (see `matching`).

A hit fails the build, naming the person's id and the file, never the string
itself (CI logs are not private); a path segment that holds the string is shown as
"[name withheld]". A file the scan cannot read completely fails the build too.

A file's channel is where it is published. In the website every PDF is offered for
download, so it is `web-pdf` (only people with web and print consent may be named),
and every other file is `web`; the printer's folder is scanned as `print`.

Reading text is the slow part, so every file found clean (of any type) is remembered
in `ROOT/.flagpress-cache/leak-scan/` under a digest of its bytes, its channel and the
secrets searched for (never the secrets themselves; see `clean_files`): an unchanged
file is not read as text again, in the new release, in the kept one or by `flagpress
pdf`. Its path is still checked every time: that costs nothing. A file identical to
one of the theme assets flagpress or Material ships is not read either (`shipped`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote

from flagpress.diagnostics import Location, Problem
from flagpress.every_core import on_every_core
from flagpress.folder_listing import entries
from flagpress.load.private_file import Private
from flagpress.matching import Matcher
from flagpress.model import Publication
from flagpress.naming import WEB_PDF, Channel
from flagpress.publish.clean_files import CleanFiles, content_digest, verdict_key
from flagpress.publish.output_texts import Unreadable, file_texts
from flagpress.publish.secrets import Secret, Secrets, channel_secrets
from flagpress.publish.shipped import shipped_digests

CACHE_VERSION = "leak-scan-2"  # change when the scan finds more, so old results are redone
WITHHELD = "[name withheld]"


def scan(
    folder: Path,
    shown: str,
    pub: Publication,
    private: Private,
    today: dt.date,
    cache: CleanFiles | None = None,
    channel: Channel | None = None,
) -> list[Problem]:
    """Problems for every private string found in any file or folder name under `folder`.

    Paths are shown as `shown/relative/path`; the names checked are the relative ones.
    `channel` is where every file is published (None: a website, see the module doc).
    """
    named = [(folder / rel, f"{shown}/{rel}") for rel in entries(folder)]
    fixed = len(PurePosixPath(shown).parts)
    return scan_files(named, pub, private, today, cache, fixed, channel)


def scan_files(
    files: list[tuple[Path, str]],
    pub: Publication,
    private: Private,
    today: dt.date,
    cache: CleanFiles | None = None,
    fixed: int | None = None,
    channel: Channel | None = None,
) -> list[Problem]:
    """Problems for every private string found in the given (file, name to show) pairs.

    `cache` remembers the files found clean (None: remember nothing); the caller saves it.
    The first `fixed` segments of each name to show are not checked (None: all but the
    file name), since the person running flagpress chose them, not the content.
    `channel` is where the files are published (None: a website, see the module doc).
    """
    by_channel: dict[Channel, _Looking] = {}
    jobs: list[tuple[Path, str, int, _Looking]] = []
    for path, rel in files:
        published = channel or website_channel(path)
        if published not in by_channel:
            secrets = channel_secrets(pub, private, published, today)
            by_channel[published] = _Looking(published, secrets, _segments(published, secrets))
        looking = by_channel[published]
        if looking.secrets.matcher.empty:
            continue  # nothing private and everyone may be named here: nothing to look for
        skip = fixed if fixed is not None else len(PurePosixPath(rel).parts) - 1
        jobs.append((path, rel, skip, looking))
    searched = _search_ahead([(path, looking) for path, _, _, looking in jobs], cache)
    problems: set[Problem] = set()
    for path, rel, skip, looking in jobs:
        problems.update(_scan_one(path, rel, skip, looking, cache, searched))
    return sorted(problems)


@dataclass
class _Looking:
    """What one channel's files are searched for, and the verdicts on path segments
    (`index.html` and a folder's name recur in many paths: each is folded once)."""

    channel: Channel
    secrets: Secrets
    segments: dict[str, frozenset[Secret]]


# Verdicts on path segments, by channel and secrets: a build scans the new release and
# the kept one, which share nearly every folder name (thousands, at archive scale).
_SEGMENTS: dict[tuple[Channel, str], dict[str, frozenset[Secret]]] = {}


def _segments(channel: Channel, secrets: Secrets) -> dict[str, frozenset[Secret]]:
    """The verdicts on path segments for these secrets in `channel`, shared by scans."""
    key = (channel, secrets.digest)
    if key not in _SEGMENTS and len(_SEGMENTS) >= 4:  # other secrets: a later build's
        _SEGMENTS.clear()
    return _SEGMENTS.setdefault(key, {})


def scan_made(
    made: tuple[Path, str],
    pub: Publication,
    private: Private,
    today: dt.date,
    cache: Path,
    channel: Channel,
) -> list[Problem]:
    """The scan of one file made aside (a PDF, and the name to show), for `flagpress pdf`
    and `report`: it adds to what builds remember in the `cache` folder, never prunes."""
    clean = CleanFiles(cache)
    problems = scan_files([made], pub, private, today, clean, channel=channel)
    clean.save(prune=False)
    return problems


def website_channel(path: Path) -> Channel:
    """The channel of a file in the website: a PDF there is offered for download."""
    return WEB_PDF if path.suffix.lower() == ".pdf" else "web"


def _scan_one(
    path: Path,
    rel: str,
    skip: int,
    looking: _Looking,
    cache: CleanFiles | None,
    searched: dict[Path, _Searched | None],
) -> Iterator[Problem]:
    """The problems of one file: its path, then its text unless found clean before
    (`searched`: what `_search_ahead` found, or knows need not be read)."""
    channel, secrets = looking.channel, looking.secrets
    shown, named_in_path = _redacted(rel, skip, looking)
    for secret in named_in_path:
        yield _leak(shown, secret, "this output file's name (and so its web address)")
    result = searched[path]
    if result is _NOT_READ:
        return
    if result is None:  # no worker searched it
        result = _search(path, secrets.matcher, shipped_too=cache is None)
    if result.unreadable is not None:
        yield _unreadable(shown, result.unreadable)
        return
    for number, secret in result.found:
        yield _leak(shown, secret, "this output file" + (f" (page {number})" if number else ""))
    if cache is not None and not result.found:
        cache.remember(_key(result.digest, channel, secrets))


def _known_clean(path: Path, looking: _Looking, cache: CleanFiles) -> bool:
    """The file is one the theme ships, or one found clean before for these secrets."""
    digest = cache.digest(path)
    return digest in shipped_digests() or cache.is_clean(
        _key(digest, looking.channel, looking.secrets)
    )


class _Searched(NamedTuple):
    """What searching one file's text found: the digest of the bytes searched (what
    the verdict is remembered for), the secrets by page, or why it could not be read."""

    digest: bytes
    found: frozenset[tuple[int, Secret]]
    unreadable: str | None = None


# Files whose text is not searched: not a file, or found clean before (see `_search_ahead`).
_NOT_READ = _Searched(b"", frozenset())


def _search(path: Path, matcher: Matcher, shipped_too: bool) -> _Searched:
    """Search the file's text; with `shipped_too`, a file the theme ships is clean."""
    data = path.read_bytes()
    digest = content_digest(data)
    if shipped_too and digest in shipped_digests():
        return _Searched(digest, frozenset())
    try:
        return _Searched(digest, frozenset(_found(path, data, matcher)))
    except Unreadable as err:
        return _Searched(digest, frozenset(), str(err))


def _search_ahead(
    files: list[tuple[Path, _Looking]], cache: CleanFiles | None
) -> dict[Path, _Searched | None]:
    """Each file's search: `_NOT_READ` for a file whose text need not be searched (not a
    file, or found clean before), else what a worker found (flagpress/every_core.py),
    or None when no worker searched it (no pool ran, or the worker failed)."""
    searched: dict[Path, _Searched | None] = {}
    todo = []
    for path, looking in files:
        if not path.is_file() or (cache is not None and _known_clean(path, looking, cache)):
            searched[path] = _NOT_READ
        else:
            searched[path] = None
            todo.append((path, looking.secrets.matcher))
    shipped_digests()  # worked out once, before the workers fork

    def search(number: int) -> _Searched:  # in a worker
        path, matcher = todo[number]
        return _search(path, matcher, shipped_too=cache is None)

    def keep(number: int, result: _Searched) -> None:
        searched[todo[number][0]] = result

    on_every_core(search, len(todo), keep)
    return searched


def _key(digest: bytes, channel: Channel, secrets: Secrets) -> bytes:
    return verdict_key(CACHE_VERSION, channel, secrets.digest, digest)


def _found(path: Path, data: bytes, matcher: Matcher) -> set[tuple[int, Secret]]:
    found: set[tuple[int, Secret]] = set()
    for number, text in file_texts(path, data):
        found.update((number, key) for key in matcher.keys_in(text))  # type: ignore[misc]
    return found


def _redacted(rel: str, skip: int, looking: _Looking) -> tuple[str, set[Secret]]:
    """`rel` with every segment that holds a secret withheld, and the secrets found."""
    parts: tuple[str, ...] | list[str] = rel.split("/")
    plain = "" not in parts and "." not in parts  # else as a path reads it: '/', '//', '.'
    parts = parts if plain else PurePosixPath(rel).parts
    shown: list[str] = list(parts[:skip])
    found: set[Secret] = set()
    for part in parts[skip:]:
        keys = looking.segments.get(part)
        if keys is None:
            matcher = looking.secrets.matcher
            keys = frozenset(matcher.keys_in(part) | matcher.keys_in(unquote(part)))  # type: ignore[arg-type]
            looking.segments[part] = keys
        found.update(keys)
        shown.append(WITHHELD if keys else part)
    # A release lists 14,000 files at 5,000 articles: no path object each, when plain.
    return "/".join(shown) if plain else str(PurePosixPath(*shown)), found


def _leak(shown: str, secret: Secret, where: str) -> Problem:
    return Location(shown).error(
        "leak",
        f"private information about '{secret.person}' ({secret.what}) is in {where}; the "
        f"build is stopped. Run 'flagpress where {secret.person}' to find where it comes "
        "from, and remove it",
        about=secret.person,
    )


def _unreadable(shown: str, reason: str) -> Problem:
    return Location(shown).error(
        "leak-scan-unreadable",
        f"this output file could not be checked for private information: {reason}. The "
        "build is stopped, because an unchecked file might leak a name. Remove the file "
        "(or what makes it) from the publication, or ask your technical contact",
    )
