"""Saying where a PDF was when it ran out of processor time.

A PDF that takes too long is stopped (see `workers`); editors then need to know
what to simplify. When the time runs out, WeasyPrint is somewhere inside laying out
or drawing a box of the print HTML: the innermost box on the call stack tells which
image was being drawn (reported at the line that inserts it) or which article was
being laid out (named by its title, reported at the issue). Without either, the
issue alone is named.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from types import FrameType

from flagpress.diagnostics import Problem
from flagpress.render.press.jobs import CPU_SECONDS_VARIABLE, RenderJob

_tree: list[ET.Element] = []  # the print HTML of the job running in this process


def remember_tree(root: ET.Element) -> None:
    """Keep the document being rendered, to find an article from one of its elements."""
    _tree[:] = [root]


def overtime_problem(job: RenderJob, frame: FrameType | None, seconds: float) -> Problem:
    """The diagnostic for `job` stopped after `seconds`, while running `frame`."""
    issue = PurePosixPath(job.fallback.path).parent.name or job.fallback.path
    element = _innermost_element(frame)
    src = element.get("src") if element is not None else None
    if src in job.references:
        return job.references[src].error(
            "print-too-slow",
            f"this image was still being drawn into the PDF of issue {issue} after "
            f"{seconds:g} seconds of processor time, so the PDF was stopped; simplify the "
            "image (an SVG that repeats <use> inside <use> never finishes) or save it as a PNG",
        )
    title = _article_title(element)
    during = f" while laying out the article '{title}'" if title else ""
    return job.fallback.error(
        "print-too-slow",
        f"the PDF of issue {issue} was still not finished after {seconds:g} seconds of "
        f"processor time{during}, so it was stopped; look for a very large table, image or "
        f"drawing{' in that article' if title else ''} and simplify it (or set "
        f"{CPU_SECONDS_VARIABLE} to allow more time)",
    )


def _innermost_element(frame: FrameType | None) -> ET.Element | None:
    """The HTML element of the innermost box WeasyPrint was working on."""
    while frame is not None:
        box = frame.f_locals.get("box")
        element = getattr(box, "element", None)
        if isinstance(element, ET.Element):
            return element
        frame = frame.f_back
    return None


def _article_title(element: ET.Element | None) -> str:
    """The title of the <article id="article-..."> holding `element`, if there is one."""
    if element is None or not _tree:
        return ""
    parents = {child: parent for parent in _tree[0].iter() for child in parent}
    while element is not None and not element.get("id", "").startswith("article-"):
        element = parents.get(element)
    if element is None:
        return ""
    heading = next((e for e in element.iter() if _local(e.tag) in ("h1", "h2")), None)
    text = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    return text or element.get("id", "").removeprefix("article-")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
