"""The attacker audit, publishing gate: only what flagpress made or checked is published.

Each test builds a real publication with one hostile file linked from an article and
looks at the published bytes (or the diagnostic, exit 1 and the untouched live site).
The photographer's name below is in no private file, so the leak scan cannot catch
it: only the gate stands between it and readers.
"""

from __future__ import annotations

import io
import os
import zlib

import pytest
from conftest import FOREWORD, SITE_CONFIG, run
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

NAME = "Rosalind Featherstonehaugh"
CAMERA = "Canon EOS 5D Mark IV"
ARTICLE = "content/issues/2019-03/foreword.md"
IMAGES = "content/issues/2019-03/images"
PUBLISHED = "site/issues/2019-03/images"
BODY_LINE = 10  # the first line of the foreword's body


def _build(publication, text: str, files: dict | None = None, config: str = ""):
    foreword = FOREWORD.replace("Welcome.", f"{text}\n\nWelcome.")
    changes = {ARTICLE: foreword, **(files or {})}
    if config:
        changes["site_config.yml"] = SITE_CONFIG + "print: {variants: []}\n" + config
    root = publication(changes)
    return root, run("build", "--root", str(root))


def _jpeg() -> bytes:
    """A 40x20 photo with GPS, camera, author and comment in EXIF, turned by Orientation 6."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = CAMERA  # Model
    exif[0x0112] = 6  # Orientation: shown turned 90 degrees clockwise
    exif[0x9C9D] = NAME.encode("utf-16-le") + b"\0\0"  # XPAuthor
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 49.0, 12.5), 3: "W", 4: (0.0, 8.0, 13.2)})
    # UserComment in the Exif IFD: ASCII marker then the text.
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + f"Taken by {NAME}".encode()
    exif_bytes = exif.tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif_bytes)
    return out.getvalue()


def _png() -> bytes:
    """A 30x10 picture carrying the name in a tEXt, a zTXt and an iTXt chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", f"Drawn by {NAME}", zip=True)  # zTXt
    info.add_itxt("Description", f"Portrait of {NAME}", lang="en", tkey="Description")
    out = io.BytesIO()
    Image.new("RGB", (30, 10), (0, 90, 0)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _lacks_name(data: bytes) -> None:
    for form in (NAME.encode(), NAME.encode("utf-16-le"), b"Featherstonehaugh", CAMERA.encode()):
        assert form not in data
    assert zlib.compress(NAME.encode()) not in data


def test_photo_metadata_gps_camera_and_names_are_not_published(publication) -> None:
    photo = _jpeg()
    assert NAME.encode("utf-16-le") in photo and CAMERA.encode() in photo  # the attack is real
    assert len(Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)) == 4
    text = "![A red square](images/photo.jpg)"
    root, result = _build(publication, text, {f"{IMAGES}/photo.jpg": photo})
    assert result.exit_code == 0, result.stderr
    data = (root / PUBLISHED / "photo.jpg").read_bytes()
    _lacks_name(data)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == (20, 40)  # Orientation applied before it was dropped
    assert len(image.getexif()) == 0
    assert "exif" not in image.info and "xmp" not in image.info
    assert b"Exif" not in data and b"GPS" not in data


def test_png_text_chunks_are_not_published(publication) -> None:
    picture = _png()
    assert len(Image.open(io.BytesIO(picture)).text) == 3  # the attack is real
    root, result = _build(
        publication, "![A green bar](images/bar.png)", {f"{IMAGES}/bar.png": picture}
    )
    assert result.exit_code == 0, result.stderr
    data = (root / PUBLISHED / "bar.png").read_bytes()
    _lacks_name(data)
    image = Image.open(io.BytesIO(data))
    assert image.size == (30, 10)
    assert image.text == {}
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
        assert chunk not in data
    assert image.convert("RGB").getpixel((5, 5)) == (0, 90, 0)


DRAFT = (
    FOREWORD.replace("status: published", "status: draft")
    .replace("Foreword", "Secret plan")
    .replace(" Read [the second piece](second.md).", "")
)


def _refused(result, root, col: int, code: str, message: str) -> None:
    assert result.exit_code == 1, result.stderr
    expected = f"{ARTICLE}:{BODY_LINE}:{col}: error: {message} [{code}]"
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


NEVER = "which flagpress never publishes; remove the link"


@pytest.mark.parametrize(
    ("link", "files", "message"),
    [
        (
            "../../contributors.yml",
            {},
            "content/contributors.yml is not published: it is a flagpress source file "
            f"(it can hold private details), {NEVER}",
        ),
        (
            "issue.yml",
            {},
            "content/issues/2019-03/issue.yml is not published: it is a flagpress source "
            f"file (it can hold private details), {NEVER}",
        ),
        (
            "page.html",
            {"content/issues/2019-03/page.html": "<script>alert(1)</script>"},
            f"content/issues/2019-03/page.html is not published: it is a web page, {NEVER}",
        ),
        (
            "form.php",
            {"content/issues/2019-03/form.php": "<?php system($_GET['c']); ?>"},
            f"content/issues/2019-03/form.php is not published: it is a script, {NEVER}",
        ),
        (
            "tool.js",
            {"content/issues/2019-03/tool.js": "alert(1)"},
            f"content/issues/2019-03/tool.js is not published: it is a script, {NEVER}",
        ),
    ],
)
def test_sources_pages_and_scripts_are_never_published(publication, link, files, message):
    root, result = _build(
        publication, f"[the file]({link})", files, config="downloads: [pdf, csv, txt]\n"
    )
    _refused(result, root, 12, "not-published", message)


def test_a_txt_shortcut_to_a_draft_is_not_published(publication) -> None:
    draft = "content/articles/plan.md"
    root = publication({draft: DRAFT})
    os.symlink("../../articles/plan.md", root / "content/issues/2019-03/notes.txt")
    root, result = _build(
        publication, "[notes](notes.txt)", {draft: DRAFT}, config="downloads: [txt]\n"
    )
    _refused(
        result,
        root,
        9,
        "not-published",
        f"content/issues/2019-03/notes.txt is not published: it is an article's source, {NEVER}",
    )


def test_a_shortcut_out_of_content_is_refused(publication, tmp_path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("name,phone\n")
    root = publication()
    os.symlink(secret, root / "content/issues/2019-03/data.csv")
    root, result = _build(publication, "[data](data.csv)", config="downloads: [csv]\n")
    _refused(  # the check already refuses it; the gate would too (gate unit test below)
        result,
        root,
        8,
        "broken-link",
        "'data.csv': there is no file content/issues/2019-03/data.csv; check the spelling, "
        "or add the file there",
    )


def test_the_gate_never_follows_a_shortcut_out_of_content(publication, tmp_path) -> None:
    from flagpress.diagnostics import Location
    from flagpress.publish.gate import Gate

    secret = tmp_path / "secret.csv"
    secret.write_text("name,phone\n")
    root = publication()
    os.symlink(secret, root / "content/issues/2019-03/data.csv")
    out = tmp_path / "out"
    out.mkdir()
    gate = Gate(root, out, ("csv",))
    at = Location(ARTICLE, 10, 8)
    assert gate.content("content/issues/2019-03/data.csv", at) == "issues/2019-03/data.csv"
    assert [p.format() for p in gate.problems] == [
        f"{ARTICLE}:10:8: error: content/issues/2019-03/data.csv is not published: it is a "
        "shortcut (symlink) to a file outside content/; copy the file in [not-published]"
    ]
    assert list(out.rglob("*")) == []


def test_other_file_types_need_downloads_in_site_config(publication) -> None:
    files = {"content/issues/2019-03/data.csv": "year,people\n2019,12\n"}
    root, result = _build(publication, "[the data](data.csv)", files)
    _refused(
        result,
        root,
        12,
        "not-published",
        "content/issues/2019-03/data.csv is not published: csv files are not offered for "
        "download; if readers should download them, add csv to downloads: in "
        "site_config.yml, or remove the link",
    )
    root, result = _build(publication, "[the data](data.csv)", files, config="downloads: [csv]\n")
    assert result.exit_code == 0, result.stderr
    assert (root / "site/issues/2019-03/data.csv").read_text() == "year,people\n2019,12\n"


def _pdf(**extra) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if extra.get("js"):
        action = {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject(k): v for k, v in action.items()}
        )
    if extra.get("attachment"):
        writer.add_attachment("notes.txt", b"private notes")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "found"), [("js", "JavaScript"), ("attachment", "attached files")]
)
def test_allowed_pdfs_may_not_run_code_or_carry_files(publication, kind, found) -> None:
    files = {"content/issues/2019-03/report.pdf": _pdf(**{kind: True})}
    root, result = _build(publication, "[report](report.pdf)", files, config="downloads: [pdf]\n")
    _refused(
        result,
        root,
        10,
        "not-published",
        f"content/issues/2019-03/report.pdf is not published: the PDF holds {found}, which "
        "readers' computers could run; export it again without it (for example with "
        "'Print to PDF')",
    )
    files = {"content/issues/2019-03/report.pdf": _pdf()}
    root, result = _build(publication, "[report](report.pdf)", files, config="downloads: [pdf]\n")
    assert result.exit_code == 0, result.stderr
    assert (root / "site/issues/2019-03/report.pdf").read_bytes() == _pdf()


SVG_HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
FIX = "remove it, or export the drawing again as plain SVG"


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (
            SVG_HEAD + b"<script>alert(1)</script><rect width='10' height='10'/></svg>",
            f"the drawing contains a script (<script>); {FIX}",
        ),
        (
            SVG_HEAD.replace(b">", b' onload="alert(1)">', 1) + b"</svg>",
            f"the drawing contains a script (onload=...); {FIX}",
        ),
        (
            SVG_HEAD
            + b'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div>'
            + b"</foreignObject></svg>",
            f"the drawing contains a <foreignObject> (a web page inside the drawing) "
            f"(<foreignObject>); {FIX}",
        ),
        (
            SVG_HEAD + b'<use href="https://evil.example/x.svg#a"/></svg>',
            f"the drawing links to another file or site (href=...); {FIX}",
        ),
        (
            SVG_HEAD + b"<rect fill=\"url('https://evil.example/t')\" width='1'/></svg>",
            f"the drawing loads something from elsewhere (url() in fill); {FIX}",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + SVG_HEAD + b"<text>&b;</text></svg>",
            "the drawing declares a DTD or entities, which can make it read other files; "
            "export it again as plain SVG",
        ),
    ],
)
def test_active_svgs_are_refused(publication, svg: bytes, message: str) -> None:
    files = {f"{IMAGES}/evil.svg": svg}
    root, result = _build(publication, "![A square](images/evil.svg)", files)
    _refused(
        result,
        root,
        13,
        "unsafe-svg",
        f"content/issues/2019-03/images/evil.svg is not published: {message}",
    )


def test_svgs_are_rebuilt_keeping_accessible_names_and_dropping_the_rest(publication) -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        b'viewBox="0 0 10 10" role="img" aria-labelledby="t">'
        b'<title id="t">A square</title><desc>One black square.</desc>'
        b"<metadata><dc:creator>" + NAME.encode() + b"</dc:creator></metadata>"
        b'<rect width="10" height="10" style="fill:#000;cursor:pointer" data-x="1"/></svg>'
    )
    root, result = _build(publication, "![A square](images/sq.svg)", {f"{IMAGES}/sq.svg": svg})
    assert result.exit_code == 0, result.stderr
    published = (root / PUBLISHED / "sq.svg").read_text()
    assert NAME not in published
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">A square</title>'
        '<desc>One black square.</desc><rect fill="#000" width="10" height="10"></rect></svg>'
    ) in published


def test_a_content_script_cannot_replace_the_theme_script(publication) -> None:
    files = {"content/assets/flagpress.js": "document.body.innerHTML = 'owned';"}
    root, result = _build(publication, "[tool](../../assets/flagpress.js)", files)
    _refused(
        result,
        root,
        8,
        "not-published",
        f"content/assets/flagpress.js is not published: it is a script, {NEVER}",
    )
    root, result = _build(publication, "")
    assert result.exit_code == 0, result.stderr
    assert "owned" not in (root / "site/assets/flagpress.js").read_text()


def test_a_content_file_cannot_take_a_theme_files_address(publication) -> None:
    files = {"content/assets/images/favicon.png": _png()}
    root, result = _build(publication, "![A green bar](../../assets/images/favicon.png)", files)
    _refused(
        result,
        root,
        16,
        "publish-clash",
        "content/assets/images/favicon.png would be published at assets/images/favicon.png, "
        "where the website keeps a file of its own; move it into another folder (for "
        "example next to the article) and change the link",
    )


def test_photo_metadata_never_reaches_the_pdfs_either(publication) -> None:
    text = "![A red square](images/photo.jpg)\n\n![A green strip](images/strip.png)"
    root = publication(
        {
            ARTICLE: FOREWORD.replace("Welcome.", f"{text}\n\nWelcome."),
            f"{IMAGES}/photo.jpg": _jpeg(),
            f"{IMAGES}/strip.png": _png(),
            "site_config.yml": SITE_CONFIG + "print: {variants: [screen, print]}\n",
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    site = root.joinpath("site").resolve()
    pdfs = [*site.rglob("*.pdf"), *root.joinpath("print").resolve().rglob("*.pdf")]
    assert len(pdfs) == 2
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert b"/Subtype /Image" in data or b"/Subtype/Image" in data  # the photos are in
        _lacks_name(data)
        assert b"Exif\0\0" not in data
