"""Checks on how bodies are written: no raw HTML in volunteer Markdown.

Python-Markdown passes HTML straight through, and HTML bypasses every other check
(a remote tracking image, a link to a draft, a script). The sanitiser would strip
the dangerous parts, but silently; editors are better told, at the line, what to
write instead. HTML comments are allowed: they are notes and never published.
"""

from __future__ import annotations

from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.model import Publication

_SHOWN = 40


def check(pub: Publication) -> Iterator[Problem]:
    bodies = [a.body for a in pub.all_articles()] + [p.body for p in pub.pages]
    for body in bodies:
        for snippet, loc in body.raw_html:
            shown = snippet if len(snippet) <= _SHOWN else snippet[: _SHOWN - 3] + "..."
            yield loc.error(
                "raw-html",
                f"HTML is not allowed in articles ('{shown.strip()}'); write it in Markdown "
                "instead: **bold**, *italic*, [link text](page.md), "
                "![description](images/photo.jpg)",
            )
