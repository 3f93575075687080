"""Screenshots of the sample's website, for the README: five pages, two widths, two schemes.

Builds the sample publication of this checkout into a temporary folder, serves it on
127.0.0.1 (benchmarks/sample_site.py, shared with the Lighthouse measurement) and
saves what a reader sees first, one screen high, of the home, issue, article,
contributor and credits pages, at 1280 CSS pixels (desktop) and 390 (phone), in the
light and dark colour schemes: 20 PNGs next to this script. Offline by construction:
every request to another host is aborted (and a page that makes one is reported).
Run it again whenever the look changes:

    python3 docs/screenshots/make.py

Needs Playwright for Python and Debian's Chromium (as tests/test_a11y_browser.py);
Pillow keeps the files small (256-colour PNGs).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "benchmarks"))

from sample_site import served_sample  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "issue": "issues/2019-03/",
    "article": "issues/2019-03/what-is-co-production/",
    "contributor": "contributors/sam-o/",
    "credits": "issues/2019-03/credits/",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}  # an iPhone 12-15 is 390 wide
SCHEMES = ("light", "dark")


def small_png(data: bytes) -> bytes:
    """The screenshot in 256 colours: about a fifth of the size, and text stays sharp."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(base: str, folder: Path) -> list[Path]:
    """Save every screenshot into `folder`; returns the files written."""
    from playwright.sync_api import sync_playwright

    written, blocked = [], []
    local = base.rstrip("/")

    def route(r) -> None:  # noqa: ANN001
        if r.request.url.startswith(local):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-dev-shm-usage"])
        for width, (w, h) in WIDTHS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": w, "height": h},
                    color_scheme=scheme,
                    reduced_motion="reduce",
                )
                context.route("**/*", route)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    target = folder / f"{name}-{width}-{scheme}.png"
                    target.write_bytes(small_png(page.screenshot()))
                    written.append(target)
                context.close()
        browser.close()
    if blocked:
        raise SystemExit("pages asked another website for: " + ", ".join(sorted(set(blocked))))
    return written


def main() -> None:
    with served_sample() as base:
        written = shoot(base, HERE)
    total = sum(p.stat().st_size for p in written)
    print(f"Wrote {len(written)} screenshots into {HERE} ({total // 1000} KB in all)")


if __name__ == "__main__":
    main()
