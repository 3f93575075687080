"""Article bodies on the website, as built (no script needed): pull quotes as figures,
footnotes with a heading and named ways back, and every image with its size.

Each of these used to be patched in the browser by assets/flagpress.js, or not at all;
the pages must be right as written, for readers without scripts and for the search
index (which read the hidden "Pull Quote" label as text).
"""

from __future__ import annotations

import io
import re

from conftest import FOREWORD, FOREWORD_PATH, build, page_html, png, with_body
from PIL import Image

from flagpress.render.images import dimensions
from flagpress.render.sanitize import clean_html

IMAGES = "content/issues/2019-03/images"
BODY = """\
Welcome.[^1]

/// pull-quote
We all worked as **one team**, paid or not.
///

![A wide black box](images/wide.png)

![A photo taken sideways](images/turned.jpg)

![A drawing](images/drawing.svg)

[^1]: A source, 2019.
"""


def _turned_jpeg(width: int, height: int) -> bytes:
    """A JPEG stored `width` x `height` whose EXIF says: turn it a quarter (6 = 90°)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGB", (width, height)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="45" viewBox="0 0 12 4.5">'
    '<rect width="12" height="4.5"/></svg>'
)


def _foreword(publication) -> str:  # noqa: ANN001
    root = publication(
        {
            **with_body(BODY),
            f"{IMAGES}/wide.png": png(30, 20),
            f"{IMAGES}/turned.jpg": _turned_jpeg(40, 10),
            f"{IMAGES}/drawing.svg": DRAWING,
        }
    )
    return page_html(build(root), "issues/2019-03/foreword")


def test_body_markup_is_right_without_script(publication) -> None:
    page = _foreword(publication)
    # The pull quote: a figure holding a blockquote, and no hidden label to be indexed.
    assert re.search(
        r'<figure class="fp-pull-quote"><blockquote>\s*<p>We all worked as '
        r"<strong>one team</strong>, paid or not.</p>\s*</blockquote></figure>",
        page,
    )
    assert "Pull Quote" not in page and "admonition" not in page
    # The notes: a heading to find them by, and a way back that says where it goes.
    assert '<h2 class="fp-notes-heading">Notes</h2>\n<div class="footnote">' in page
    (back,) = re.findall(r'<a [^>]*class="footnote-backref"[^>]*>', page)
    assert 'href="#fnref:1"' in back
    assert 'title="Back to the text of note 1"' in back
    assert 'aria-label="Back to the text of note 1"' in back


def test_every_image_has_the_size_it_is_published_with(publication) -> None:
    page = _foreword(publication)
    images = dict(re.findall(r'<img alt="([^"]*)" src="[^"]*"( width="\d+" height="\d+")', page))
    assert images == {
        "A wide black box": ' width="30" height="20"',
        # Stored 40 x 10 with "turn a quarter": published upright, 10 wide and 40 high.
        "A photo taken sideways": ' width="10" height="40"',
        "A drawing": ' width="120" height="45"',  # width and height win over the viewBox
    }


def test_lead_image_has_its_size_too(publication) -> None:  # noqa: ANN001
    lead = "tags: [housing]\nimage: {src: images/lead.png, alt: A black box}\n"
    foreword = FOREWORD.replace("tags: [housing]\n", lead)
    root = publication({FOREWORD_PATH: foreword, f"{IMAGES}/lead.png": png(64, 36)})
    page = page_html(build(root), "issues/2019-03/foreword")
    assert re.search(
        r'<img src="\.\./images/lead\.png" alt="A black box" width="64" height="36"', page
    )


def test_an_image_that_cannot_be_measured_gets_no_size(tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    boxed = tmp_path / "boxed.svg"
    boxed.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30.4 9.6"/>')
    unsized = tmp_path / "unsized.svg"
    unsized.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>')
    hostile = tmp_path / "hostile.svg"
    hostile.write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg width="1" height="1">&a;</svg>')
    assert [dimensions(p) for p in (broken, boxed, unsized, hostile)] == [
        None,
        (30, 10),  # from the viewBox, rounded
        None,  # a percentage says nothing about the file
        None,  # entities are refused (defusedxml), as the gate refuses the file
    ]


def test_the_sanitiser_lets_through_only_the_notes_own_link_names() -> None:
    """Articles may not hold HTML (checked at load), but the sanitiser is the last word:
    any other aria-label is dropped, so a link's name is its visible text."""

    def keep(_attribute: str, value: str) -> str:
        return value

    html = (
        '<a href="#fnref:2" aria-label="Back to the text of note 2">x</a>'
        '<a href="#top" aria-label="Back to the text of note 2 or anywhere">y</a>'
        '<p aria-label="Back to the text of note 3">z</p>'
    )
    assert clean_html(html, keep) == (
        '<a href="#fnref:2" aria-label="Back to the text of note 2" rel="noopener noreferrer">'
        'x</a><a href="#top" rel="noopener noreferrer">y</a><p>z</p>'
    )


def test_a_body_without_notes_or_quotes_is_unchanged(publication) -> None:
    page = page_html(build(publication()), "issues/2019-03/foreword")
    assert "fp-notes-heading" not in page and "fp-pull-quote" not in page
