"""Writing over an editor's file in one step, the way they saved it.

Commands that change a content file (`sign-off` records an approval, `new` adds to a
running order) must never leave it half-written, and must keep what the editor's
tools chose: Windows line endings and a byte-order mark stay as they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flagpress.load.source_files import BOM


def write_over(path: Path, text: str) -> None:
    """Replace `path`'s content with `text` (written with '\\n'), atomically, keeping
    its line endings, byte-order mark and permissions."""
    raw = path.read_bytes()
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    data = (BOM if raw.startswith(BOM.encode()) else "") + text
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(data)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
