"""Deep links into an article with a content note land on the note first.

A search result or a table-of-contents entry points at a heading in the middle of
an article (`…/temporary-accommodation/#the-problem`), past the content note at the
top. Without any script, each heading of such an article is followed by a short
reminder of the note, hidden until that heading is the link's target (CSS
`:target + .fp-note-reminder`): whoever lands on a section hears or sees the heading
and then the note, before the text it warns about. Readers who start at the top
meet the full note there and are never told twice. The reminder is also part of
each section's text in the search index, so a search result for a section shows
the note first.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# A heading with an id (the only kind a link can point at), in sanitised body HTML.
_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="[^"]*"[^>]*>.*?</h\1>', re.DOTALL)
_REMINDER = Markup('<p class="fp-note-reminder"><strong>Content note:</strong> {}</p>')


def remind_at_headings(body: Markup, note: str) -> Markup:
    """`body` with a reminder of `note` after each heading a link can land on."""
    if not note.strip():
        return body
    reminder = str(_REMINDER.format(note.strip()))  # escaped once, here
    return Markup(_HEADING.sub(lambda heading: heading.group(0) + reminder, str(body)))
