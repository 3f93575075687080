"""Page furniture and decorative images marked as artifacts in the tagged (PDF/UA) editions.

A screen reader should read an article once, not "Page 3" and the issue title on
every page, and should skip an image that carries no meaning rather than read its
alt text: PDF/UA-1 asks for both to be marked as /Artifact. WeasyPrint refuses an
image without alt text, so decorative images reach it carrying
`edition.DECORATIVE_MARK`; their figures are taken out of the structure tree here. WeasyPrint
70 instead gives it marked content with an MCID that no element of the structure
tree reaches (it builds the margin boxes' tags but does not link them). This
finisher runs on WeasyPrint's PDF objects before they are written: exactly those
sequences become /Artifact, and their entries leave the ParentTree.
"""

from __future__ import annotations

from typing import Any

import pydyf

from flagpress.render.edition import DECORATIVE_MARK


def mark_artifacts(pdf: pydyf.PDF) -> int:
    """Decorative figures and page furniture become artifacts; returns how many changed."""
    _drop_decorative_figures(pdf)
    return mark_page_furniture(pdf)


def _drop_decorative_figures(pdf: pydyf.PDF) -> None:
    """Remove every /Figure carrying the decorative mark from its parent's kids.

    Its marked content is then reached by no element, so `mark_page_furniture` turns
    it into an artifact like the running heads.
    """
    root = pdf.catalog.get("StructTreeRoot")
    if root is None:
        return
    stack = [_deref(pdf, root)]
    while stack:
        element = stack.pop()
        kids = element.get("K") if isinstance(element, dict) else None
        if not isinstance(kids, list):
            continue
        for kid in list(kids):
            child = _deref(pdf, kid)
            if _is_decorative(child):
                kids.remove(kid)
            elif isinstance(child, dict):
                stack.append(child)


def _is_decorative(element: object) -> bool:
    if not isinstance(element, dict) or element.get("S") != "/Figure":
        return False
    alt = element.get("Alt")
    return isinstance(alt, pydyf.String) and alt.string == DECORATIVE_MARK


def mark_page_furniture(pdf: pydyf.PDF) -> int:
    """Turn unreachable marked content into artifacts; returns how many were changed."""
    root = pdf.catalog.get("StructTreeRoot")
    if root is None:
        return 0
    tree = _deref(pdf, root)
    reachable = _reachable(pdf, tree.get("K"))
    nums = _deref(pdf, tree["ParentTree"])["Nums"]
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    changed = 0
    for number in pdf.pages["Kids"][::3]:  # pydyf keeps references as (n, 0, 'R')
        page = pdf.objects[number]
        elements = parents.get(page.get("StructParents"))
        if not isinstance(elements, list):
            continue
        orphans = {mcid for mcid, ref in enumerate(elements) if _number(ref) not in reachable}
        changed += _to_artifacts(_deref(pdf, page["Contents"]), orphans)
        for mcid in orphans:
            elements[mcid] = b"null"
    return changed


def _number(reference: object) -> int | None:
    """The object number of a pydyf reference such as b'12 0 R'."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None


def _deref(pdf: pydyf.PDF, reference: object) -> Any:
    number = _number(reference)
    return pdf.objects[number] if number is not None else reference


def _reachable(pdf: pydyf.PDF, kids: object) -> set[int]:
    """Object numbers of every structure element reachable from the tree's root."""
    seen: set[int] = set()
    stack = [kids]
    while stack:
        item = stack.pop()
        number = _number(item)
        if number is not None:
            if number not in seen:
                seen.add(number)
                stack.append(pdf.objects[number])
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict) and "K" in item:
            stack.append(item["K"])
    return seen


def _to_artifacts(stream: pydyf.Stream, orphans: set[int]) -> int:
    """Rewrite `/Tag <</MCID n>> BDC` as `/Artifact BMC` for each orphan MCID."""
    items, out, changed, i = stream.stream, [], 0, 0
    while i < len(items):
        window = items[i : i + 3]
        if (
            len(window) == 3
            and window[2] == b"BDC"
            and isinstance(window[1], dict)
            and window[1].get("MCID") in orphans
        ):
            out += ["/Artifact", b"BMC"]
            changed, i = changed + 1, i + 3
            continue
        out.append(items[i])
        i += 1
    stream.stream = out
    return changed
