"""Pictures cleaned by an earlier build are not drawn again (publish/cleaned_pictures.py),
yet what is published is always exactly what cleaning them now would publish.

A photo with the photographer's name in its metadata is linked from the foreword; the
name is in no private file, so only the gate keeps it off the website.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from conftest import FOREWORD, png, record_pools, run
from PIL import Image

from flagpress import every_core
from flagpress.publish import gate, pictures_ahead
from flagpress.publish.release import SCRATCH_PREFIX
from flagpress.render.images import clean_image

NAME = "Rosalind Featherstonehaugh"
ARTICLE = "content/issues/2019-03/foreword.md"
PHOTO = "content/issues/2019-03/images/photo.jpg"
PUBLISHED = "site/issues/2019-03/images/photo.jpg"
STORE = ".flagpress-cache/cleaned-pictures.json"


def _photo(colour: tuple[int, int, int]) -> bytes:
    """A small JPEG naming its photographer in its metadata (EXIF Artist)."""
    exif = Image.Exif()
    exif[0x013B] = NAME
    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, "JPEG", exif=exif.tobytes())
    assert NAME.encode() in out.getvalue()  # the danger is real
    return out.getvalue()


def _foreword(words: str) -> str:
    return FOREWORD.replace("Welcome.", f"![A red square](images/photo.jpg)\n\n{words} Welcome.")


@pytest.fixture
def cleaned(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The pictures the gate cleans, as it is given them."""
    seen: list[bytes] = []

    def counting(data: bytes, extension: str) -> bytes:
        seen.append(data)
        return clean_image(data, extension)

    monkeypatch.setattr(gate, "clean_image", counting)
    return seen


def _build(root) -> None:  # noqa: ANN001
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr


def test_an_unchanged_photo_is_published_again_as_it_was(publication, cleaned) -> None:
    photo = _photo((200, 30, 30))
    root = publication({ARTICLE: _foreword("Hello."), PHOTO: photo})
    _build(root)
    first = (root / PUBLISHED).read_bytes()
    assert cleaned == [photo] and NAME.encode() not in first
    (root / ARTICLE).write_text(_foreword("Hello again."), encoding="utf-8")
    _build(root)
    assert cleaned == [photo]  # not drawn again
    assert (root / PUBLISHED).read_bytes() == first == clean_image(photo, ".jpg")
    assert "Hello again." in (root / "site/issues/2019-03/foreword/index.html").read_text()
    store = (root / STORE).read_text(encoding="utf-8")
    assert NAME not in store and "photo" not in store and "2019-03" not in store


def test_a_changed_photo_is_cleaned_again(publication, cleaned) -> None:
    root = publication({ARTICLE: _foreword("Hello."), PHOTO: _photo((200, 30, 30))})
    _build(root)
    blue = _photo((20, 30, 200))
    (root / PHOTO).write_bytes(blue)
    _build(root)
    assert cleaned[-1] == blue
    data = (root / PUBLISHED).read_bytes()
    assert data == clean_image(blue, ".jpg") and NAME.encode() not in data


def test_a_published_photo_changed_by_hand_is_never_published_again(publication, cleaned) -> None:
    """Someone puts the original photo, metadata and all, over the live website's copy:
    the next build cleans the photo again rather than publish what it finds there."""
    photo = _photo((200, 30, 30))
    root = publication({ARTICLE: _foreword("Hello."), PHOTO: photo})
    _build(root)
    live = (root / PUBLISHED).resolve()
    os.chmod(live, 0o644)
    live.write_bytes(photo)
    (root / ARTICLE).write_text(_foreword("Hello again."), encoding="utf-8")
    _build(root)
    assert cleaned == [photo, photo]
    data = (root / PUBLISHED).read_bytes()
    assert data == clean_image(photo, ".jpg") and NAME.encode() not in data


@pytest.mark.parametrize(
    "store",
    [b"\xff not json", b"[1, 2]", b'{"../../x": "y"}', json.dumps({"a" * 64: 7}).encode()],
)
def test_a_damaged_memory_of_pictures_only_costs_cleaning_them(
    publication, cleaned, store: bytes
) -> None:
    photo = _photo((200, 30, 30))
    root = publication({ARTICLE: _foreword("Hello."), PHOTO: photo})
    _build(root)
    (root / STORE).write_bytes(store)
    (root / ARTICLE).write_text(_foreword("Hello again."), encoding="utf-8")
    _build(root)
    assert cleaned == [photo, photo]
    assert (root / PUBLISHED).read_bytes() == clean_image(photo, ".jpg")
    assert json.loads((root / STORE).read_text(encoding="utf-8")) != store  # made again


# --- photos cleaned ahead, on every core (publish/pictures_ahead.py) ------------------------

PHOTOS = 40  # more than every_core.MIN_ITEMS
IMAGES = "content/issues/2019-03/images"


def _many(publication, linked: str):  # noqa: ANN001, ANN202
    """A publication holding PHOTOS photos, three of them (and `linked`) in the foreword."""
    shown = "\n\n".join(f"![Photo {n}](images/photo-{n:02}.jpg)" for n in (3, 17, 38))
    photos = {f"{IMAGES}/photo-{n:02}.jpg": _photo((n * 6, 30, 30)) for n in range(PHOTOS)}
    return publication(
        {ARTICLE: FOREWORD.replace("Welcome.", f"{shown}\n\n{linked}Welcome."), **photos}
    )


@pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")
def test_photos_cleaned_on_every_core_are_those_cleaned_one_by_one(
    publication, cleaned: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    pools = record_pools(monkeypatch, pictures_ahead)
    root = _many(publication, "")
    _build(root)
    assert pools == [True] and cleaned == []  # the gate took each from the workers
    site = root / "site/issues/2019-03/images"
    for n in (3, 17, 38):
        photo = (root / f"{IMAGES}/photo-{n:02}.jpg").read_bytes()
        assert (site / f"photo-{n:02}.jpg").read_bytes() == clean_image(photo, ".jpg")
    published = sorted(p.name for p in site.iterdir() if p.name.startswith("photo-"))
    assert published == ["photo-03.jpg", "photo-17.jpg", "photo-38.jpg"]  # no other
    assert not list(root.parent.rglob(f"{SCRATCH_PREFIX}*"))  # the rest deleted
    (root / ARTICLE).write_text(FOREWORD.replace("Welcome.", "Hello. Welcome."), encoding="utf-8")
    _build(root)  # each photo cleaned before and still in the live site: no pool
    assert pools == [True]


@pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")
def test_a_photo_no_worker_could_clean_is_refused_as_it_would_be_alone(
    publication, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools = record_pools(monkeypatch, pictures_ahead)
    root = _many(publication, "![Not a photo](images/fake.jpg)\n\n")
    (root / IMAGES / "fake.jpg").write_bytes(png())
    on_every_core = run("build", "--root", str(root))
    assert pools == [True] and on_every_core.exit_code == 1
    assert (
        f"{ARTICLE}:16:16: error: {IMAGES}/fake.jpg is not published: the file is named .jpg "
        "but holds a PNG image; save it again as JPEG or give it the right ending [unsafe-image]"
    ) in on_every_core.stderr.splitlines()
    monkeypatch.setattr(every_core, "cores_here", lambda: 1)
    alone = run("build", "--root", str(root))
    assert pools == [True, False]
    assert (alone.exit_code, alone.stderr) == (1, on_every_core.stderr)
