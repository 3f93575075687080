"""What validation asks of the file system (load/content_files.py): each path's answers
are looked up once per command, the same answers, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from flagpress.load import content_files
from flagpress.load.content_files import ContentFiles


def test_each_image_is_opened_once_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    Image.new("RGB", (30, 20)).save(tmp_path / "content/photo.png")
    (tmp_path / "content/broken.png").write_bytes(b"not a picture")
    opened: list[str] = []
    real_open = Image.open

    def counted(path: Path) -> Image.Image:
        opened.append(Path(path).name)
        return real_open(path)

    monkeypatch.setattr(content_files.Image, "open", counted)
    files = ContentFiles(tmp_path)
    assert [files.image_size("content/photo.png") for _ in range(3)] == [(30, 20)] * 3
    for _ in range(2):
        with pytest.raises(ValueError, match="cannot identify image file"):
            files.image_size("content/broken.png")
    assert opened == ["photo.png", "broken.png"]
    assert files.exists("content/photo.png") and files.exists("content/photo.png")
    assert not files.exists("content/missing.png")
    assert not files.exists("content/../outside.png")
