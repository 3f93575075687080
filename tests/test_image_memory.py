"""Pillow keeps a few freed blocks of pixel memory for the next picture
(render/images.py), unless the person running flagpress set PILLOW_BLOCKS_MAX."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = "import flagpress.render.images; from PIL import Image; print(Image.core.get_blocks_max())"


def _blocks_max(env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_freed_pixel_memory_is_kept_for_the_next_picture() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PILLOW_BLOCKS_MAX"}
    assert _blocks_max(env) == 4


def test_the_setting_of_the_person_running_flagpress_is_kept() -> None:
    assert _blocks_max({**os.environ, "PILLOW_BLOCKS_MAX": "0"}) == 0
    assert _blocks_max({**os.environ, "PILLOW_BLOCKS_MAX": "9"}) == 9
