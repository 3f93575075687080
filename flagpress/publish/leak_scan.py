"""The last line of defence against a leaked name: scan every output file.

`content/contributors.private.yml` holds real names and contact details. The build
never puts it into the model; it is read only here. After rendering, every output
file (HTML, JSON, XML, SVG, text, PDF text and metadata) is searched for each
private string, and for the name of anyone who may not be named in that file's
channel, ignoring case, accents and whitespace. A hit fails the build, naming the
person's id and the file, never the string itself (CI logs are not private).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flagpress.diagnostics import ContentError, Location, Problem, did_you_mean
from flagpress.load.source_files import read_text
from flagpress.load.strict_yaml import YMap, YStr, parse_yaml
from flagpress.model import Publication
from flagpress.naming import CHANNELS, Channel, may_be_named

PRIVATE_FILE = "content/contributors.private.yml"
MIN_LENGTH = 3  # shorter strings would match everywhere; real names and emails are longer
_TAG = re.compile(r"<[^>]+>")
_MARKS = re.compile(r"[\u0300-\u036f]")

Private = dict[str, dict[str, str]]  # contributor id -> {field: value}


@dataclass(frozen=True)
class Secret:
    person: str
    what: str  # e.g. "real_name", "email", "chosen name"
    pattern: re.Pattern[str]


def fold(text: str) -> str:
    """Lowercase, accents removed, runs of whitespace as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"\s+", " ", _MARKS.sub("", decomposed).casefold())


def load_private(root: Path, pub: Publication | None) -> tuple[Private, list[Problem]]:
    """The private registry (empty if there is none) and any problems with the file."""
    path = root / PRIVATE_FILE
    if not path.is_file():
        return {}, []
    try:
        raw = parse_yaml(read_text(path, PRIVATE_FILE), PRIVATE_FILE)
    except ContentError as err:
        return {}, err.problems
    if raw is None:
        return {}, []
    if not isinstance(raw, YMap):
        return {}, [raw.loc.error("not-a-mapping", _SHAPE)]
    private: Private = {}
    problems: list[Problem] = []
    for person, details in raw.items():
        loc = raw.key_locs[person]
        if not isinstance(details, YMap) or not all(isinstance(v, YStr) for v in details.values()):
            problems.append(loc.error("not-a-mapping", _SHAPE))
            continue
        private[person] = {key: str(value) for key, value in details.items() if value.strip()}
        if pub is not None and person not in pub.contributors:
            hint = did_you_mean(person, pub.contributors)
            problems.append(
                loc.warning(
                    "private-unknown-id",
                    f"'{person}' is not in content/contributors.yml{hint}; their private "
                    "details are still kept out of every output",
                )
            )
    return private, problems


_SHAPE = "write one line per person: id: {real_name: ..., email: ..., phone: ...} with text values"


def secrets(pub: Publication, private: Private, channel: Channel, today: dt.date) -> list[Secret]:
    """Every string that must not appear in `channel`'s outputs."""
    found = []
    for person_id, details in private.items():
        person = pub.contributors.get(person_id)
        named = person is not None and may_be_named(person, channel, today)
        for what, value in details.items():
            if what == "real_name" and named and fold(value) == fold(person.name):
                continue  # they chose to be named by their real name here
            found.append(_secret(person_id, what, value))
    for person in pub.contributors.values():
        if person.name and not may_be_named(person, channel, today):
            found.append(_secret(person.id, "chosen name", person.name))
    return [s for s in found if s is not None]


def _secret(person: str, what: str, value: str) -> Secret | None:
    pattern = secret_pattern(value)
    return Secret(person, what, pattern) if pattern else None


def secret_pattern(value: str) -> re.Pattern[str] | None:
    """A pattern finding `value` in folded text whatever its case, accents or spacing."""
    words = fold(value).strip().split(" ")
    if len("".join(words)) < MIN_LENGTH:
        return None
    body = r"\s*".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![0-9a-z]){body}(?![0-9a-z])")


def scan(
    folder: Path, shown: str, pub: Publication, private: Private, today: dt.date
) -> list[Problem]:
    """Problems for every private string found in any file under `folder`."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    named = [(p, f"{shown}/{p.relative_to(folder).as_posix()}") for p in files]
    return scan_files(named, pub, private, today)


def scan_files(
    files: list[tuple[Path, str]], pub: Publication, private: Private, today: dt.date
) -> list[Problem]:
    """Problems for every private string found in the given (file, name to show) pairs."""
    by_channel = {channel: secrets(pub, private, channel, today) for channel in CHANNELS}
    problems: set[Problem] = set()
    if not any(by_channel.values()):
        return []  # nothing private and everyone may be named: nothing to look for
    for path, rel in files:
        channel: Channel = "print" if path.suffix.lower() == ".pdf" else "web"
        for number, text in _texts(path):
            folded = fold(text)
            for secret in by_channel[channel]:
                if secret.pattern.search(folded):
                    problems.add(_leak(rel, number, secret))
    return sorted(problems)


def _leak(rel: str, number: int, secret: Secret) -> Problem:
    where = f" (page {number})" if number else ""
    return Location(rel).error(
        "leak",
        f"private information about '{secret.person}' ({secret.what}) is in this output "
        f"file{where}; the build is stopped. Run 'flagpress where {secret.person}' to find "
        "where it comes from, and remove it",
    )


def _texts(path: Path) -> Iterator[tuple[int, str]]:
    """(page number or 0, text) pieces of a file, as a reader or a machine would see them."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with contextlib.suppress(OSError):
            data = gzip.decompress(data)
        suffix = Path(path.stem).suffix.lower()
    if suffix == ".pdf":
        yield from _pdf_texts(data)
        return
    text = data.decode("utf-8", errors="ignore")
    yield 0, html.unescape(text)
    yield 0, html.unescape(_TAG.sub("", text))
    if suffix == ".json":
        yield from ((0, s) for s in _json_strings(text))


def _json_strings(text: str) -> Iterator[str]:
    try:
        stack = [json.loads(text)]
    except ValueError:
        return
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield html.unescape(item)
            yield html.unescape(_TAG.sub("", item))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _pdf_texts(data: bytes) -> Iterator[tuple[int, str]]:
    """Text of each page, then the document's metadata; raw bytes if pypdf cannot read it."""
    from pypdf import PdfReader  # only needed once there are PDFs

    try:
        reader = PdfReader(io.BytesIO(data))
        for number, page in enumerate(reader.pages, start=1):
            yield number, page.extract_text() or ""
        yield 0, " ".join(str(v) for v in (reader.metadata or {}).values())
    except Exception:  # noqa: BLE001 - an unreadable PDF is still scanned as bytes
        pass
    yield 0, data.decode("latin-1")  # uncompressed parts: XMP metadata, attachments
