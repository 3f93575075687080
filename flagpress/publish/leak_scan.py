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

Reading a PDF whole is the slow part, so a PDF found clean is remembered in
`ROOT/.flagpress-cache/leak-scan/` under a digest of its bytes and of the secrets
searched for (never the secrets themselves): an unchanged PDF is not read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from flagpress.diagnostics import Location, Problem
from flagpress.load.private_file import Private
from flagpress.matching import Matcher
from flagpress.model import Publication
from flagpress.naming import WEB_PDF, Channel
from flagpress.publish.output_texts import Unreadable, file_texts
from flagpress.publish.secrets import Secret, Secrets, channel_secrets

CACHE_VERSION = "leak-scan-1"  # change when the scan finds more, so old results are redone
WITHHELD = "[name withheld]"


def scan(
    folder: Path,
    shown: str,
    pub: Publication,
    private: Private,
    today: dt.date,
    cache: Path | None = None,
    channel: Channel | None = None,
) -> list[Problem]:
    """Problems for every private string found in any file or folder name under `folder`.

    Paths are shown as `shown/relative/path`; the names checked are the relative ones.
    `channel` is where every file is published (None: a website, see the module doc).
    """
    paths = sorted(folder.rglob("*"))
    named = [(p, f"{shown}/{p.relative_to(folder).as_posix()}") for p in paths]
    fixed = len(PurePosixPath(shown).parts)
    return scan_files(named, pub, private, today, cache, fixed, channel)


def scan_files(
    files: list[tuple[Path, str]],
    pub: Publication,
    private: Private,
    today: dt.date,
    cache: Path | None = None,
    fixed: int | None = None,
    channel: Channel | None = None,
) -> list[Problem]:
    """Problems for every private string found in the given (file, name to show) pairs.

    `cache` is the folder where clean PDFs are remembered (None: remember nothing).
    The first `fixed` segments of each name to show are not checked (None: all but the
    file name), since the person running flagpress chose them, not the content.
    `channel` is where the files are published (None: a website, see the module doc).
    """
    by_channel: dict[Channel, Secrets] = {}
    problems: set[Problem] = set()
    for path, rel in files:
        published = channel or website_channel(path)
        if published not in by_channel:
            by_channel[published] = channel_secrets(pub, private, published, today)
        secrets = by_channel[published]
        if secrets.matcher.empty:
            continue  # nothing private and everyone may be named here: nothing to look for
        skip = fixed if fixed is not None else len(PurePosixPath(rel).parts) - 1
        problems.update(_scan_one(path, rel, skip, secrets, cache))
    return sorted(problems)


def website_channel(path: Path) -> Channel:
    """The channel of a file in the website: a PDF there is offered for download."""
    return WEB_PDF if path.suffix.lower() == ".pdf" else "web"


def _scan_one(
    path: Path, rel: str, skip: int, secrets: Secrets, cache: Path | None
) -> Iterator[Problem]:
    shown, named_in_path = _redacted(rel, skip, secrets.matcher)
    for secret in named_in_path:
        yield _leak(shown, secret, "this output file's name (and so its web address)")
    if not path.is_file():
        return
    marker = _marker(path, secrets, cache)
    if marker is not None and marker.exists():
        return
    try:
        found = _found(path, secrets.matcher)
    except Unreadable as err:
        yield _unreadable(shown, str(err))
        return
    for number, secret in found:
        yield _leak(shown, secret, "this output file" + (f" (page {number})" if number else ""))
    if marker is not None and not found:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


def _found(path: Path, matcher: Matcher) -> set[tuple[int, Secret]]:
    found: set[tuple[int, Secret]] = set()
    for number, text in file_texts(path):
        found.update((number, key) for key in matcher.keys_in(text))  # type: ignore[misc]
    return found


def _redacted(rel: str, skip: int, matcher: Matcher) -> tuple[str, set[Secret]]:
    """`rel` with every segment that holds a secret withheld, and the secrets found."""
    parts = PurePosixPath(rel).parts
    shown: list[str] = list(parts[:skip])
    found: set[Secret] = set()
    for part in parts[skip:]:
        keys = matcher.keys_in(part) | matcher.keys_in(unquote(part))
        found.update(keys)  # type: ignore[arg-type]
        shown.append(WITHHELD if keys else part)
    return str(PurePosixPath(*shown)), found


def _marker(path: Path, secrets: Secrets, cache: Path | None) -> Path | None:
    """Where a clean result for this PDF and these secrets is remembered (PDFs only)."""
    if cache is None or path.suffix.lower() != ".pdf":
        return None
    digest = hashlib.sha256(f"{CACHE_VERSION}\0{secrets.digest}\0".encode())
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return cache / "leak-scan" / digest.hexdigest()


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
