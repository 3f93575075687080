"""Running headers and page numbers marked as artifacts in the tagged (PDF/UA) editions.

A screen reader should read an article once, not "Page 3" and the issue title on
every page: PDF/UA-1 asks for page furniture to be marked as /Artifact. WeasyPrint
70 instead gives it marked content with an MCID that no element of the structure
tree reaches (it builds the margin boxes' tags but does not link them). This
finisher runs on WeasyPrint's PDF objects before they are written: exactly those
sequences become /Artifact, and their entries leave the ParentTree.
"""

from __future__ import annotations

import pydyf


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


def _deref(pdf: pydyf.PDF, reference: object) -> object:
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
