"""Which linked files may be offered for download, and what an allowed PDF may not hold.

Anything a page links to used to be copied as it was: `contributors.yml`, draft
sources, web pages and scripts among them. Now a file type is published only when
`site_config.yml` lists it under `downloads:`, and sources, web pages, scripts and
programs never are, whatever it says. An allowed PDF is opened and refused if it
holds JavaScript, attached files or an action that starts a program.
"""

from __future__ import annotations

import io

from flagpress.render.images import Refused

# Never published, whatever `downloads:` says: sources, web pages, scripts and programs.
NEVER = {
    ".yml": "a flagpress source file (it can hold private details)",
    ".yaml": "a flagpress source file (it can hold private details)",
    ".md": "an article's source",
    ".markdown": "an article's source",
    ".html": "a web page",
    ".htm": "a web page",
    ".xhtml": "a web page",
    ".shtml": "a web page",
    ".css": "a style sheet (it could change every page)",
    ".js": "a script",
    ".mjs": "a script",
    ".php": "a script",
    ".py": "a script",
    ".sh": "a script",
    ".bash": "a script",
    ".pl": "a script",
    ".rb": "a script",
    ".cgi": "a script",
    ".asp": "a script",
    ".aspx": "a script",
    ".jsp": "a script",
    ".exe": "a program",
    ".bat": "a program",
    ".cmd": "a program",
    ".com": "a program",
    ".msi": "a program",
    ".jar": "a program",
    ".wasm": "a program",
    ".htaccess": "a web server setting",
}
# Key names in a PDF that run something or carry files.
_ACTIVE_PDF = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/EmbeddedFiles": "attached files",
    "/EmbeddedFile": "attached files",
    "/FileAttachment": "attached files",
    "/Launch": "an action that starts a program",
    "/RichMedia": "embedded media that can run code",
    "/XFA": "an XFA form that can run code",
}


def never(extension: str, executable: bool) -> str | None:
    """Why a file of this type is never published, or None if it may be."""
    if extension in NEVER:
        return NEVER[extension]
    if executable:
        return "a program (the file is marked executable)"
    return None


def check_pdf(data: bytes) -> None:
    """Raise Refused if the PDF can run code, start a program or carries attached files."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        found = _active(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as err:
        raise Refused(
            "the PDF cannot be read; export it again from the program that made it"
        ) from err
    if found:
        raise Refused(
            f"the PDF holds {found}, which readers' computers could run; export it again "
            "without it (for example with 'Print to PDF')"
        )


def _active(reader) -> str | None:  # noqa: ANN001 - a pypdf PdfReader
    """What active content the PDF holds (the first found), walking every object."""
    seen: set[int] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if hasattr(item, "get_object") and hasattr(item, "idnum"):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in _ACTIVE_PDF:
                    return _ACTIVE_PDF[key]
                if key == "/S" and value in _ACTIVE_PDF:
                    return _ACTIVE_PDF[value]
                if key == "/Subtype" and value in _ACTIVE_PDF:
                    return _ACTIVE_PDF[value]
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return None
