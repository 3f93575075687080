"""Stage 1, load: files on disk into the model, strictly, keeping every line number."""

from flagpress.load.publication import (
    CACHE_DIR,
    CONTRIBUTORS_FILE,
    NotAPublication,
    load_publication,
)

__all__ = ["CACHE_DIR", "CONTRIBUTORS_FILE", "NotAPublication", "load_publication"]
