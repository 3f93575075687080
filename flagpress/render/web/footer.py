"""What the footer of every page says: who publishes the magazine, how to reach them,
how to take part, and where the accessibility statement is.

The footer is drawn by the theme (`templates/theme/partials/copyright.html`), whose
templates do not escape what they print, so every value is escaped here, once.
"""

from __future__ import annotations

from markupsafe import escape

from flagpress.render import urls
from flagpress.render.edition import Edition

GET_INVOLVED_SLUG = "get-involved"  # the standing page the footer and home page link to


def get_involved_page(edition: Edition) -> str:
    """The address of the "Get involved" standing page ('' if the publication has none)."""
    page = next((p for p in edition.pages if p.slug == GET_INVOLVED_SLUG), None)
    return urls.standing_page(page) if page else ""


def footer(edition: Edition) -> tuple[tuple[str, str], ...]:
    """(name, escaped value) pairs the theme's footer shows; pages are site-root addresses
    (the theme makes them relative with its `url` filter)."""
    config = edition.config
    page = get_involved_page(edition)
    values = {
        "title": config.title,
        "publisher": config.publisher,
        "email": config.contact.email,
        "phone": config.contact.phone,
        "get_involved": config.get_involved,
        "get_involved_page": urls.folder_of(page) + "/" if page else "",
        "accessibility": urls.folder_of(urls.ACCESSIBILITY) + "/",
        "report": urls.folder_of(urls.COPRODUCTION_REPORT) + "/",
    }
    return tuple((name, str(escape(value))) for name, value in values.items())
