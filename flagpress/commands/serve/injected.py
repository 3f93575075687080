"""What the preview server adds to each page it serves (never to any built file).

A banner listing the problems found, at the top of the page, announced to screen
readers (role="alert"), in the words `flagpress check` uses; and a small script
that reloads the page when the preview changes (Server-Sent Events on EVENTS).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from flagpress.diagnostics import Problem, printable, summary

EVENTS = "/__flagpress/events"
SCRIPT = "/__flagpress/live.js"
BANNER_ID = "flagpress-preview-problems"

# Reload once the preview has moved on from the version this page was served at.
LIVE_JS = b"""(function () {
  var shown = document.currentScript.getAttribute("data-version");
  var events = new EventSource("/__flagpress/events");
  events.onmessage = function (event) {
    if (event.data !== shown) { location.reload(); }
  };
})();
"""

_STYLE = (
    "margin:0;padding:1rem 1.5rem;background:#fff4ce;color:#1a1a1a;"
    "border-bottom:4px solid #b35900;font:1rem/1.5 system-ui,sans-serif;position:relative;"
    "z-index:10"
)
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def banner(problems: list[Problem]) -> str:
    """The problems as a banner (empty when there are none)."""
    if not problems:
        return ""
    items = Markup("").join(
        Markup("<li><code>{}</code>: {}</li>").format(
            f"{printable(p.path)}:{p.line}:{p.col}",
            f"{p.severity.value}: {printable(p.message)} [{p.code}]",
        )
        for p in problems
    )
    heading = (
        f"flagpress found problems ({summary(problems)}). Until the errors are fixed, "
        "this preview shows the website as it was before them. Fix each file, save it, "
        "and this page updates by itself."
    )
    return str(
        Markup(
            '<div id="{}" role="alert" style="{}"><p><strong>{}</strong></p><ul>{}</ul></div>'
        ).format(BANNER_ID, _STYLE, heading, items)
    )


def inject(page: bytes, problems: list[Problem], version: int) -> bytes:
    """`page` with the banner after its <body> tag and the reload script before </body>."""
    script = f'<script src="{SCRIPT}" data-version="{version}"></script>'.encode()
    top = banner(problems).encode("utf-8")
    opened = _BODY_OPEN.search(page)
    at = opened.end() if opened is not None else 0
    page = page[:at] + top + page[at:]
    end = page.lower().rfind(b"</body>")
    return page[:end] + script + page[end:] if end >= 0 else page + script
