"""Pictures of the sample's printed magazine, for the README: every page of the screen
edition, and the front and back covers of every edition.

Copies the sample publication of this checkout to a temporary folder, makes each
edition with `flagpress pdf` (no cache from earlier runs), and draws the pages with
PDFium (pypdfium2) into `docs/screenshots/print/`: `screen-01.png`... (the covers
are the first and the last), `<edition>-cover.png` and `<edition>-back-cover.png`
for the others (the booklet's outside sheet, both covers: `booklet-outside.png`).
Pages are drawn 420 pixels high (about 51 dpi for A4) and saved as 128-colour PNGs,
so the folder stays small.
Run it again whenever the print templates change:

    python3 docs/screenshots/print.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = HERE / "print"
EDITIONS = ("screen", "print", "large-print", "booklet")
HEIGHT = 420  # pixels per page


def make_pdf(root: Path, variant: str) -> Path:
    """One edition of the sample issue, made by the command editors use."""
    pdf = root / f"{variant}.pdf"
    command = [sys.executable, "-m", "flagpress.cli", "pdf", "2019-03", "--variant", variant]
    command += ["--output", str(pdf), "--root", str(root)]
    subprocess.run(command, check=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    return pdf


def save(page: pdfium.PdfPage, name: str) -> None:
    """The page drawn HEIGHT pixels high, as a small palette PNG."""
    scale = HEIGHT / page.get_height()
    image = page.render(scale=scale).to_pil().convert("RGB")
    small = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    (OUT / name).write_bytes(buffer.getvalue())


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sample"
        root.mkdir()
        shutil.copy(REPO / "site_config.yml", root)
        shutil.copytree(REPO / "content", root / "content")
        if (REPO / "templates").is_dir():
            shutil.copytree(REPO / "templates", root / "templates")
        for variant in EDITIONS:
            document = pdfium.PdfDocument(make_pdf(root, variant))
            if variant == "screen":  # every page, the covers first and last
                for number in range(len(document)):
                    save(document[number], f"screen-{number + 1:02}.png")
                continue
            if variant == "booklet":  # its first side holds the back and front covers
                save(document[0], "booklet-outside.png")
                continue
            save(document[0], f"{variant}-cover.png")
            save(document[len(document) - 1], f"{variant}-back-cover.png")
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"{len(list(OUT.glob('*.png')))} pictures in {OUT} ({total / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
