"""Drawings (SVG), as published: read safely and written again from an allowlist.

An SVG is a program as much as a picture: `<script>`, `onload=`, `<foreignObject>`
(a web page inside the drawing) and links to other sites all run or load in readers'
browsers. So a drawing is parsed with defusedxml (no DTD, no entities: no "billion
laughs", no reading local files), anything active is refused with a reason, and what
is left is written out again element by element from the shapes, text and
accessibility attributes (`<title>`, `<desc>`, role, aria-*) that a drawing needs.
Anything else (editor metadata, Inkscape's own elements) is dropped.

In render/, beside images.py, because both outputs need it: the publishing gate
cleans every drawing of the website, and the print fetcher the masthead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from flagpress.render.images import Refused

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_ELEMENTS = 5000
MAX_USE_DEPTH = 3  # <use> of something holding a <use> of ...: bounded, never exponential

ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "symbol",
        "use",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
        "tspan",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "pattern",
        "marker",
    ]
)
ATTRIBUTES = frozenset(
    [
        "id",
        "class",
        "viewBox",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "d",
        "points",
        "transform",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-opacity",
        "stroke-miterlimit",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "letter-spacing",
        "text-decoration",
        "dx",
        "dy",
        "rotate",
        "role",
        "preserveAspectRatio",
        "version",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "clip-path",
        "clip-rule",
        "mask",
        "patternUnits",
        "patternContentUnits",
        "patternTransform",
        "markerWidth",
        "markerHeight",
        "markerUnits",
        "refX",
        "refY",
        "orient",
        "marker-start",
        "marker-mid",
        "marker-end",
        "visibility",
        "display",
        "lang",
        "focusable",
        "color",
    ]
)
ACTIVE = {  # element -> what readers' browsers would do with it
    "script": "a script",
    "foreignObject": "a <foreignObject> (a web page inside the drawing)",
    "handler": "a script",
    "iframe": "a web page inside the drawing",
    "embed": "an embedded file",
    "object": "an embedded file",
}
_LOCAL_URL = re.compile(r"url\(\s*#[A-Za-z_][\w.-]*\s*\)")
_FIX = "remove it, or export the drawing again as plain SVG"


def clean_svg(data: bytes) -> bytes:
    """The drawing in `data`, rebuilt from allowed elements and attributes only."""
    root = _parse(data)
    if root.tag != f"{{{SVG}}}svg":
        raise Refused("the file is not an SVG drawing; export it again as SVG")
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        raise Refused(f"the drawing has more than {MAX_ELEMENTS} parts; simplify it")
    for element in elements:
        _refuse_active(element)
    ids = {str(e.get("id")) for e in elements if e.get("id")}
    _check_uses(root, ids)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + _write(root, top=True) + "\n"
    return text.encode("utf-8")


def _parse(data: bytes) -> ET.Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise Refused(
            "the drawing declares a DTD or entities, which can make it read other files; "
            "export it again as plain SVG"
        ) from err
    except (ET.ParseError, ValueError) as err:
        raise Refused(f"the drawing is not valid SVG ({_reason(err)}); export it again") from err


def _reason(err: Exception) -> str:
    return str(err).split(":")[0] or "it cannot be read"


def _local(name: str) -> tuple[str, str]:
    """('namespace', 'name') of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return "", name


def _refuse_active(element: ET.Element) -> None:
    """Raise Refused if the element would run script or load something from elsewhere."""
    ns, tag = _local(str(element.tag))
    if tag in ACTIVE:
        raise Refused(f"the drawing contains {ACTIVE[tag]} (<{tag}>); {_FIX}")
    for name, value in element.attrib.items():
        _, attr = _local(name)
        if attr.lower().startswith("on"):
            raise Refused(f"the drawing contains a script ({attr}=...); {_FIX}")
        if attr == "href" and not value.strip().startswith("#"):
            raise Refused(f"the drawing links to another file or site ({attr}=...); {_FIX}")
        if "url(" in _LOCAL_URL.sub("", value.lower().replace(" ", "")):
            raise Refused(f"the drawing loads something from elsewhere (url() in {attr}); {_FIX}")


def _check_uses(root: ET.Element, ids: set[str]) -> None:
    """Every <use> points inside the drawing, and uses nest no deeper than MAX_USE_DEPTH."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}

    def depth(element: ET.Element, seen: frozenset[str]) -> int:
        deepest = 0
        for use in element.iter(f"{{{SVG}}}use"):
            target = _href(use).lstrip("#")
            if target in seen:
                raise Refused(f"the drawing's <use> of #{target} repeats itself; {_FIX}")
            if target not in ids:
                continue
            deepest = max(deepest, 1 + depth(by_id[target], seen | {target}))
            if deepest > MAX_USE_DEPTH:
                raise Refused(f"the drawing nests <use> too deeply; {_FIX}")
        return deepest

    depth(root, frozenset())


def _href(element: ET.Element) -> str:
    return element.get("href") or element.get(f"{{{XLINK}}}href") or ""


def _write(element: ET.Element, top: bool = False) -> str:
    """One allowed element as SVG text, with its allowed children; '' if not allowed."""
    ns, tag = _local(str(element.tag))
    if ns != SVG or tag not in ELEMENTS:
        return ""
    attributes = _attributes(element, tag)
    if top:
        attributes = {"xmlns": SVG, "xmlns:xlink": XLINK, **attributes}
    opening = tag + "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
    inner = escape(element.text or "")
    for child in element:
        inner += _write(child) + escape(child.tail or "")
    return f"<{opening}>{inner}</{tag}>"


def _attributes(element: ET.Element, tag: str) -> dict[str, str]:
    """The allowed attributes, with `style="a:b"` declarations turned into attributes."""
    kept: dict[str, str] = {}
    for name, value in _declarations(element.get("style", "")):
        if name in ATTRIBUTES:
            kept[name] = value
    for name, value in element.attrib.items():
        ns, attr = _local(name)
        if ns == XML and attr == "lang":
            kept["xml:lang"] = value
        elif attr == "href" and tag == "use":
            kept["href"] = value.strip()
        elif not ns and (attr in ATTRIBUTES or attr.startswith("aria-")):
            kept[attr] = value
    return kept


def _declarations(style: str) -> list[tuple[str, str]]:
    pairs = (part.partition(":") for part in style.split(";"))
    return [(k.strip(), v.strip()) for k, _, v in pairs if k.strip() and v.strip()]
