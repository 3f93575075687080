"""Who asked for a file the sandbox refused: the article, the SVG it uses, or a template.

WeasyPrint tells the fetcher only the address it wants, not who wrote it. To name
the place an editor can fix, the refused address is looked for among the article
references, then inside the SVG and CSS files already read (resolving each of
their references as WeasyPrint would), then in the publication's print templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from flagpress.diagnostics import Location

_REFERENCE = re.compile(
    r"""(?:href|src)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""",
    re.I,
)


def find_origin(
    url: str,
    references: Mapping[str, Location],
    fetched: Iterable[Path],
    root: Path,
    fallback: Location,
) -> tuple[Location, str]:
    """Where `url` was asked for, and a note such as ' (inside chart.svg)'."""
    if url in references:
        return references[url], ""
    for path in fetched:
        if path.suffix.lower() in (".svg", ".css") and _line_referring(path, path.as_uri(), url):
            using = references.get(path.as_uri())
            if using is not None:
                return using, f" (inside {path.name})"
            return Location(_shown(path, root), _line_referring(path, path.as_uri(), url)), ""
    for template in sorted((root / "templates" / "print").glob("*.html")):
        line = _line_referring(template, root.resolve().as_uri() + "/", url)
        if line:
            return Location(_shown(template, root), line), ""
    return fallback, ""


def _line_referring(path: Path, base: str, url: str) -> int:
    """The line of `path` with a reference that, resolved against `base`, is `url` (0: none)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    for match in _REFERENCE.finditer(text):
        written = next(group for group in match.groups() if group)
        if _same(urljoin(base, written.strip()), url):
            return text.count("\n", 0, match.start()) + 1
    return 0


def _same(a: str, b: str) -> bool:
    """Equal addresses, comparing file: URLs by their resolved path."""
    if a == b:
        return True
    pa, pb = urlsplit(a), urlsplit(b)
    if pa.scheme == pb.scheme == "file" and pa.netloc == pb.netloc:
        return Path(url2pathname(pa.path)).resolve() == Path(url2pathname(pb.path)).resolve()
    return False


def _shown(path: Path, root: Path) -> str:
    resolved, base = path.resolve(), root.resolve()
    return resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else str(path)


def find_in_templates(root: Path, pattern: re.Pattern[str], fallback: Location) -> Location:
    """The first line of the publication's print templates matching `pattern`."""
    for template in sorted((root / "templates" / "print").glob("*.html")):
        text = template.read_text(encoding="utf-8", errors="replace")
        found = pattern.search(text)
        if found:
            return Location(_shown(template, root), text.count("\n", 0, found.start()) + 1)
    return fallback
