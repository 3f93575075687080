"""`flagpress serve`: a live preview of the publication on this computer.

`session.Preview` runs it; `checks` finds problems again quickly after an edit,
`live_site` keeps the website current page by page, `server` serves it on 127.0.0.1
with the banner and reload script of `injected`. Nothing here publishes anything.
"""

from flagpress.commands.serve.session import Preview

__all__ = ["Preview"]
