"""Writing a file of remembered results so that no reader ever sees half of one.

Every cache in `.flagpress-cache/` (readings, leak-scan verdicts, described pages, the
record of the last run) is written next to its place under a unique temporary name
and moved in with one rename: a build killed half-way, or two runs at once, leave the
old file or the new one, never a mix. A reader that finds no file, or a damaged one,
only does the work again.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

# How the caches name and check what they remember: a SHA-256 digest, in hex.
DIGEST = re.compile("[0-9a-f]{64}")


def is_digest(text: object) -> bool:
    """Whether `text` is a digest as the caches write them (anything else is not ours)."""
    return isinstance(text, str) and DIGEST.fullmatch(text) is not None


def write_whole(path: Path, data: bytes) -> None:
    """Put `data` at `path` in one step; raises OSError when it cannot be written."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    except FileNotFoundError:  # the folder's first file: made then, not tried every time
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
