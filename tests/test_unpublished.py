"""Drafts and embargoed articles never appear in any output: pages, search index,
sitemap, 404 page, PDFs (text and metadata). Every output file is scanned."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ISSUE, SITE_CONFIG, pdf_page_texts, run, snapshot
from pypdf import PdfReader

from flagpress.matching import fold


def _article(title: str, status: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ntype: news\nsummary: Summary of {title}.\ndate: 2019-03-01\n"
        f"status: {status}\n{extra}authors: [staff-a]\n---\nBody of {title} zebrafinch.\n"
    )


SECRETS = ("Quietdraft", "Laterembargo", "Webdraft", "Webembargo", "zebrafinch")


def _texts(site: Path) -> dict[str, str]:
    texts = {}
    for rel, data in snapshot(site).items():
        if rel.endswith(".pdf"):
            reader = PdfReader(site.resolve() / rel)
            pages = " ".join(pdf_page_texts(site.resolve() / rel))
            meta = " ".join(str(v) for v in (reader.metadata or {}).values())
            texts[rel] = pages + " " + meta + " " + data.decode("latin-1")
        else:
            texts[rel] = data.decode("utf-8", errors="ignore")
    return texts


def test_drafts_and_embargoes_appear_in_no_output(publication) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [screen, booklet]}\n",
            "content/issues/2019-03/issue.yml": ISSUE.replace(
                "second.md]", "second.md, draft.md, later.md]"
            ),
            "content/issues/2019-03/draft.md": _article("Quietdraft", "draft"),
            "content/issues/2019-03/later.md": _article(
                "Laterembargo", "published", "publish_after: 2999-01-01\n"
            ),
            "content/articles/web-draft.md": _article("Webdraft", "review"),
            "content/articles/web-later.md": _article(
                "Webembargo", "published", "publish_after: 2999-01-01\n"
            ),
        }
    )
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    texts = _texts(root / "site")
    assert any(rel.endswith(".pdf") for rel in texts), "the PDFs were made and scanned"
    assert any("404" in rel for rel in texts) and any("sitemap" in rel for rel in texts)
    for rel, text in texts.items():
        folded = fold(re.sub(r"\s+", " ", text))
        for secret in SECRETS:
            assert secret.lower() not in folded, (secret, rel)
    for slug in ("draft", "later", "web-draft", "web-later"):
        assert not any(f"/{slug}/" in f"/{rel}" for rel in texts), slug


def test_flagpress_pdf_is_leak_scanned_too(publication, tmp_path) -> None:
    root = publication(
        {
            "site_config.yml": SITE_CONFIG + "print: {variants: [screen]}\n",
            "content/contributors.private.yml": "staff-a: {real_name: Alexandra Quist}\n",
            "content/issues/2019-03/second.md": _article("Second", "published").replace(
                "zebrafinch", "with Alexandra Quist"
            ),
        }
    )
    out = tmp_path / "issue.pdf"
    result = run("pdf", "2019-03", "--variant", "screen", "--output", str(out), "--root", str(root))
    assert result.exit_code == 1
    assert f"{out}:1:1: error: private information about 'staff-a' (real_name)" in result.stderr
    assert "Quist" not in result.stderr
    assert not out.exists()
