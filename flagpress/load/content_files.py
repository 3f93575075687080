"""What validation may ask of the file system, passed in as one small capability.

Checks stay pure: they ask "is there such a file inside content/?" and "how big is
this image?" through this object. Image sizes are read from the file header only
(Pillow opens lazily), so a decompression bomb is refused before anything decodes it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

VECTOR_SUFFIXES = {".svg"}


class ContentFiles:
    """Answers for one command: each path's answers are looked up once (an archive's
    articles link the same few photos thousands of times; each look resolves the path
    and opens the image)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = (root / "content").resolve()
        self._exists: dict[str, bool] = {}
        self._sizes: dict[str, tuple[int, int] | None | ValueError] = {}

    def exists(self, path: str) -> bool:
        """Is this publication-relative path a real file inside content/ (links resolved)?"""
        known = self._exists.get(path)
        if known is None:
            full = self.root / path
            known = full.is_file() and full.resolve().is_relative_to(self.content)
            self._exists[path] = known
        return known

    def brand_file(self, path: str) -> bool:
        """Is this publication-relative path a real file inside content/ or templates/?

        The brand's drawings (a masthead) are the publication's own, like its templates.
        """
        full = self.root / path
        real = full.resolve()
        folders = (self.content, (self.root / "templates").resolve())
        return full.is_file() and any(real.is_relative_to(f) for f in folders)

    def image_size(self, path: str) -> tuple[int, int] | None:
        """(width, height) in pixels from the header; None for vector images.

        Raises ValueError when the file is not an image Pillow can identify.
        """
        if path not in self._sizes:
            try:
                self._sizes[path] = self._image_size(path)
            except ValueError as err:
                self._sizes[path] = err
        known = self._sizes[path]
        if isinstance(known, ValueError):
            raise ValueError(str(known))
        return known

    def _image_size(self, path: str) -> tuple[int, int] | None:
        full = self.root / path
        if full.suffix.lower() in VECTOR_SUFFIXES:
            return None
        limit = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None  # only the header is read; the caller judges the size
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(full) as image:
                    return image.size
        except (UnidentifiedImageError, OSError) as err:
            raise ValueError(str(err)) from None
        finally:
            Image.MAX_IMAGE_PIXELS = limit
