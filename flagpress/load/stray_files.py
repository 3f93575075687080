"""Markdown and YAML files in content/ that flagpress will not read.

A volunteer who saves an article in the wrong folder should hear about it: a
silently skipped article is an article that never gets published, and nobody
knows why. Such files are warnings naming the file and where it should go.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from flagpress.diagnostics import Location, Problem

_READ = (
    re.compile(r"contributors(\.private)?\.yml"),
    re.compile(r"issues/[^/]+/(issue\.yml|[^/]+\.md)"),
    re.compile(r"(articles|pages)/[^/]+\.md"),
)
_TEXT_SUFFIXES = {".md": ".md", ".markdown": ".md", ".yml": ".yml", ".yaml": ".yml"}


def stray_files(root: Path) -> list[Problem]:
    """Markdown and YAML files in content/ that flagpress will not read: likely misplaced."""
    content = root / "content"
    problems = []
    for folder, _, names in os.walk(content):
        for name in sorted(names):
            path = Path(folder) / name
            rel = path.relative_to(content).as_posix()
            suffix = path.suffix.lower()
            if suffix not in _TEXT_SUFFIXES or any(p.fullmatch(rel) for p in _READ):
                continue
            hint = (
                f"rename it to end in {_TEXT_SUFFIXES[suffix]}"
                if suffix != _TEXT_SUFFIXES[suffix]
                else "articles go in content/issues/<issue>/ or content/articles/, standing "
                "pages in content/pages/"
            )
            problems.append(
                Location(path.relative_to(root).as_posix()).warning(
                    "ignored-file", f"flagpress does not read this file; {hint}"
                )
            )
    return problems
