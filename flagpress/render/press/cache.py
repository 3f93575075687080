"""Skip re-rendering a PDF whose inputs have not changed.

A PDF's inputs are its print HTML and options (which hold every article's text,
the names as printed and the page set-up) plus every file WeasyPrint read while
rendering it: stylesheets, fonts, images, and anything those pulled in. The
renderer records those files, so the manifest lists exactly what was used, and a
PDF is reused only if the job is the same and each of those files still has the
same content. The cache lives in the publication's git-ignored `.flagpress-cache/`.
Files inside the publication are recorded relative to it, so a moved or re-cloned
publication reuses its PDFs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from flagpress.diagnostics import Problem, Severity

FORMAT = 1  # bump when the way PDFs are made changes, to invalidate every entry


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The print code itself: a change to how PDFs are made invalidates every entry."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [*sorted(here.glob("*.py")), here.parent / "images.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def job_key(*parts: object) -> str:
    """A digest of everything that defines a job, plus the print code and WeasyPrint."""
    digest = hashlib.sha256(f"{FORMAT}\0{version('weasyprint')}\0{_code_digest()}".encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def relative_to_root(paths: Iterable[str], root: Path) -> tuple[str, ...]:
    """Paths inside the publication as relative ones; others (flagpress's own) as given."""
    real = root.resolve()
    return tuple(
        Path(p).relative_to(real).as_posix() if Path(p).is_relative_to(real) else p
        for p in paths
    )


class Entry:
    """One cached PDF: `<folder>/<name>.pdf` and its manifest `<name>.json`."""

    def __init__(self, folder: Path, name: str, root: Path) -> None:
        self.pdf = folder / f"{name}.pdf"
        self.manifest = folder / f"{name}.json"
        self.root = root.resolve()

    def load(self, key: str) -> dict | None:
        """The manifest if the PDF is still valid for `key`, else None."""
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("key") != key or not self.pdf.is_file():
            return None
        files = data.get("files", {})
        if any(file_digest(self.root / path) != digest for path, digest in files.items()):
            return None
        return data

    def save(self, key: str, files: list[str], pages: int, problems: list[Problem]) -> None:
        data = {
            "key": key,
            "files": {
                shown: file_digest(self.root / shown)
                for shown in relative_to_root(files, self.root)
            },
            "pages": pages,
            "problems": [asdict(p) for p in problems],
        }
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        self.manifest.write_text(json.dumps(data, indent=1), encoding="utf-8")

    def forget(self) -> None:
        self.manifest.unlink(missing_ok=True)


def saved_problems(data: dict) -> list[Problem]:
    """The warnings found when the PDF was made, reported again when it is reused."""
    return [Problem(**{**p, "severity": Severity(p["severity"])}) for p in data.get("problems", [])]
