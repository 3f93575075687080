"""The publication's photos cleaned ahead, on every core, before the gate asks for them.

Cleaning a photo (decoding it and drawing it again without its metadata, see
render/images.py) takes 20-400 ms, and a first build of an archive cleans every
photo one after another while it describes the pages that show them (45 photos: 1.3 s
of a 1,000-article build). So when the gate is first asked for a content file, every
photo in content/ that the live release does not already hold cleaned
(publish/cleaned_pictures.py) is cleaned by forked workers (flagpress/every_core.py)
into the gate's scratch folder, under the key of the bytes cleaned.

Nothing is published here. The gate still decides on each file it is asked for, as
before, and takes the cleaned file from the scratch folder only when the key of the
bytes it reads now names one; a photo never asked for (a draft's) is deleted with the
scratch folder. A photo a worker could not clean is cleaned by the gate, which
reports why it is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from flagpress.every_core import on_every_core
from flagpress.publish.cleaned_pictures import CleanedPictures
from flagpress.render.images import FORMATS, clean_image

Photo = tuple[Path, str]  # a content file, and its kind (its extension, lower case)


def photos(content: Path) -> list[Photo]:
    """The photos in `content` (not hidden, not shortcuts), in a stable order."""
    found = []
    for folder, folders, files in os.walk(content):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            kind = path.suffix.lower()
            if kind in FORMATS and not name.startswith(".") and not path.is_symlink():
                found.append((path, kind))
    return found


def clean_ahead(todo: list[Photo], pictures: CleanedPictures, into: Path) -> None:
    """Clean the `todo` photos on every core into `into`, each named by its key; none
    when no pool runs (too few, one core): the gate cleans each as it comes to it."""

    def clean(number: int) -> None:  # in a worker
        path, kind = todo[number]
        data = path.read_bytes()
        made = clean_image(data, kind)
        key = pictures.key(data, kind)
        partial = into / f".{key}.{os.getpid()}"
        partial.write_bytes(made)
        partial.rename(into / key)  # whole, or not there

    on_every_core(clean, len(todo), _nothing)


def _nothing(_number: int, _result: None) -> None:
    """The workers' files are the results."""
