"""The printable magazine: PDF editions of each issue, from the same content as the website.

`render_editions` makes the screen (tagged PDF/UA-1), print (bleed), large-print
and booklet PDFs of every issue; the build publishes them next to the issue page.
This package never imports the website code, and the website never imports it.
"""

from flagpress.render.press.editions import Edition, Editions, render_editions
from flagpress.render.press.variants import VARIANTS

__all__ = ["VARIANTS", "Edition", "Editions", "render_editions"]
