"""Where every page and file of the website lives.

One place decides the website's addresses, so pages, links in bodies, the nav and the
feed always agree. Pages are MkDocs source names (`issues/2019-03/foreword.md`); with
directory URLs each becomes a folder (`issues/2019-03/foreword/`).
"""

from __future__ import annotations

import posixpath
import re

from flagpress.model import Page
from flagpress.render.edition import PublicArticle, PublicIssue

HOME = "index.md"
ARTICLES = "articles/index.md"
ISSUES = "issues/index.md"
CONTRIBUTORS = "contributors/index.md"
COPRODUCTION = "co-production.md"
COPRODUCTION_REPORT = "co-production/report.md"  # linked from the explainer and the footer
TAGS = "tags/index.md"
# Page 2 onwards of a list of articles (numbered_page): never page 1, never '02'.
_LATER_PAGE = re.compile(r"(?:articles|(?:tags|contributors)/[^/]+)/page/(?:[2-9]|[1-9][0-9]+)\.md")
# Linked from every page's footer (templates/theme/partials/copyright.html).
ACCESSIBILITY = "accessibility.md"


def issue_page(issue: PublicIssue) -> str:
    return f"issues/{issue.slug}/index.md"


def issue_credits_page(issue: PublicIssue) -> str:
    return f"issues/{issue.slug}/credits.md"


def contributor_page(person_id: str) -> str:
    """Only for people with a profile who may be named: their id is in the URL."""
    return f"contributors/{person_id}.md"


def article_page(article: PublicArticle) -> str:
    if article.issue is not None:
        return f"issues/{article.issue}/{article.slug}.md"
    return f"articles/{article.slug}.md"


def standing_page(page: Page) -> str:
    return f"{page.slug}.md"


def tag_page(tag_slug: str) -> str:
    return f"tags/{tag_slug}.md"


def numbered_page(first: str, number: int) -> str:
    """Page `number` of a list that runs over several pages, page 1 being `first`:
    'articles/index.md' -> 'articles/page/2.md' (served at articles/page/2/),
    'tags/housing.md' -> 'tags/housing/page/2.md', 'contributors/sam.md' ->
    'contributors/sam/page/2.md'. Addresses stay readable and stable:
    page 2 is always at .../page/2/, whatever the list holds."""
    if number == 1:
        return first
    return f"{folder_of(first)}/page/{number}.md"


def is_later_page(src_uri: str) -> bool:
    """True for page 2 onwards of the web articles, a topic or a contributor's articles
    (see `numbered_page`). Nothing else can have such an address: web-only articles,
    topics and contributors are one folder deep (`articles/<slug>.md`, `tags/<slug>.md`,
    `contributors/<id>.md`)."""
    return _LATER_PAGE.fullmatch(src_uri) is not None


def asset(content_path: str) -> str:
    """`content/issues/x/images/a.svg` is published as `issues/x/images/a.svg`."""
    return content_path.removeprefix("content/")


def folder_of(src_uri: str) -> str:
    """The folder a page is served from: 'issues/x/a.md' -> 'issues/x/a', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index")


def relative(from_page: str, to: str) -> str:
    """A relative URL from page `from_page` to a page (…md) or a file."""
    if to.endswith(".md"):
        target = folder_of(to)
        suffix = "/"
    else:
        target, suffix = to, ""
    rel = posixpath.relpath(target or ".", folder_of(from_page) or ".")
    if rel == "." and suffix:
        return "./"
    return rel + suffix


def absolute(site_url: str, to: str) -> str:
    """The full address of a page (…md) or file on the website at `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    rel = relative(HOME, to)
    return base if rel == "./" else base + rel
