"""What a link or image reference in a source file points at.

Editors write links relative to the file they are editing (`what-is-co-production.md`,
`images/ladder.svg`, `../../pages/about.md`). Validation and every renderer need the
same answer to "which content file is this?", so it is worked out here, once, on
normalised paths: containment is decided on path parts, never on string prefixes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")


class Kind(StrEnum):
    EXTERNAL = "external"  # a web address or email: left as written
    ANCHOR = "anchor"  # '#section' within the same page
    CONTENT = "content"  # a file inside content/
    OUTSIDE = "outside"  # a relative path that climbs out of content/
    ABSOLUTE = "absolute"  # '/x' or 'C:\\x': depends on where the site is served
    UNSAFE = "unsafe"  # javascript:, data:, file: and other schemes
    INVALID = "invalid"  # cannot be read as an address at all, e.g. 'http://[oops'


@dataclass(frozen=True)
class Target:
    kind: Kind
    path: str = ""  # for CONTENT: the publication-relative path, e.g. content/pages/about.md
    fragment: str = ""


def resolve(source: str, target: str) -> Target:
    """Classify `target` as written in the file `source` (a publication-relative path).

    Backslashes count as '/', as browsers treat them: `..\\..\\x.png` climbs out of
    the folder just as `../../x.png` does.
    """
    try:
        parts = urlsplit(target.strip())
    except ValueError:
        return Target(Kind.INVALID)
    scheme = parts.scheme.lower()
    if scheme and len(scheme) > 1:
        return Target(Kind.EXTERNAL if scheme in EXTERNAL_SCHEMES else Kind.UNSAFE)
    if scheme or parts.netloc or parts.path.startswith(("/", "\\")):
        return Target(Kind.ABSOLUTE)
    if not parts.path:
        return Target(Kind.ANCHOR, fragment=parts.fragment)
    path = unquote(parts.path).replace("\\", "/")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if joined.split("/")[0] != "content" or ".." in joined.split("/"):
        return Target(Kind.OUTSIDE)
    return Target(Kind.CONTENT, joined, parts.fragment)
