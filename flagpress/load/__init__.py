"""Stage 1, load: files on disk into the model, strictly, keeping every line number.

The names below are imported on first use (PEP 562), not when the package is: a
`flagpress check` that finds nothing changed since the last run (`inputs.py`) must not
pay for importing the Markdown and YAML readers it will not use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flagpress.load.layout import CACHE_DIR, CONTRIBUTORS_FILE

if TYPE_CHECKING:
    from flagpress.load.publication import NotAPublication, load_publication

__all__ = ["CACHE_DIR", "CONTRIBUTORS_FILE", "NotAPublication", "load_publication"]
_FROM_PUBLICATION = ("NotAPublication", "load_publication")


def __getattr__(name: str) -> Any:
    """`load_publication` and `NotAPublication`, imported when first asked for."""
    if name in _FROM_PUBLICATION:
        from flagpress.load import publication

        return getattr(publication, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
