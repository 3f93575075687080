"""URL-safe names for articles, pages and tags.

Slugs decide URLs, so two sources whose names differ only in case, accents or
Unicode normalisation must get the same slug: the duplicate check then catches them
before one page silently overwrites the other.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; 'Café Life!' -> 'cafe-life'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub("-", folded.lower()).strip("-")
