"""How many words a reader reads in a Markdown body: its reading time comes from it.

Counted once, when the body is converted, and kept with it in the load cache: an
article's reading time is shown on its page and on every card of it (home, issue,
topics, people), so counting when a page is described meant counting every body of
the archive again whenever a list of cards was (a fifth of a second at 1,000 articles,
after a one-word edit).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<!--.*?-->|^///[^\n]*|\[\^[^\]]*\]:?", re.M | re.S)


def word_count(markdown: str) -> int:
    """The words a reader reads in `markdown`: link text counts, addresses do not."""
    return len(_WORD.findall(_MARKUP.sub(r" \1 ", markdown)))
