"""The checks that read one text at a time, remembered between runs.

Personal data and plain language are the slow checks (they read every sentence of
every article); blocks and footnotes read every line. What they find depends only
on one text and a few settings, so
their problems are kept in the load cache (see load/cache.py), keyed by the text,
its file and first line, and the settings they read: `contact` (its details are
allowed in articles) and `plain_language` (the thresholds). A change to either
setting, or to flagpress, is a new key, so nothing stale is ever reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from flagpress.diagnostics import Problem
from flagpress.load.cache import LoadCache, entry_key
from flagpress.load.fill_cache import fill_cache
from flagpress.model import Body, Publication
from flagpress.settings import SiteConfig
from flagpress.validate import blocks, footnotes, personal_data, plain_language


def check(pub: Publication, cache: LoadCache | None = None) -> Iterator[Problem]:
    """Every per-text problem of every article and page, from `cache` where it can (the
    texts it lacks are checked on every core first: load/fill_cache.py)."""
    texts = [(a.source, a.body) for a in pub.all_articles()]
    texts += [(p.source, p.body) for p in pub.pages]
    if cache is None:
        for source, body in texts:
            yield from _check(pub.config, source, body)
        return
    settings = repr((pub.config.contact, pub.config.plain_language))
    keyed = [
        (entry_key("text checks", source, body.source, f"{body.first_line} {settings}"),
         (source, body))
        for source, body in texts
    ]
    missing = cache.missing([key for key, _ in keyed])
    todo = [(key, text) for key, text in keyed if key in missing]
    fill_cache(cache, todo, lambda text: _check(pub.config, *text))
    for key, (source, body) in keyed:
        found = cache.get(key)
        if not (isinstance(found, list) and all(isinstance(p, Problem) for p in found)):
            found = _check(pub.config, source, body)
            cache.put(key, found)
        yield from found


def _check(config: SiteConfig, source: str, body: Body) -> list[Problem]:
    return [
        *blocks.check_text(source, body),
        *footnotes.check_text(source, body),
        *personal_data.check_text(config, source, body),
        *plain_language.check_text(config, source, body),
    ]
