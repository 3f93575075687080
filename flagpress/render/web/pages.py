"""The website's reading pages: home, issues, articles, topics and standing pages.

Each page's main content is rendered with flagpress's own templates (autoescaped:
titles and summaries are text, never markup) and handed to the MkDocs adapter,
which only wraps it in the theme. Only what the Edition holds is ever shown, so
drafts and embargoed articles cannot reach a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from flagpress.render import urls
from flagpress.render.edition import Download, Edition, PublicArticle, PublicIssue, Topic
from flagpress.render.folder import Folder
from flagpress.render.templates import long_date
from flagpress.render.web import paging, people_pages, reading, sharing
from flagpress.render.web.context import Site, SiteBuilder
from flagpress.render.web.extras import Extras, ExtraSource

# The nav is on every page: it lists recent issues only, so the cost of each page
# does not grow with the archive (measured: benchmarks/build_scaling.py).
NAV_ISSUES = 6


def compute_site(
    edition: Edition,
    folder: Folder,
    extras: tuple[ExtraSource, ...] = (),
    builder: SiteBuilder | None = None,
) -> Site:
    """Every page of the website, its nav, and the files it needs copied.

    `folder` is where the other outputs have already written their files (the PDFs
    an issue page offers, with their sizes); the content files pages link to are
    published through it as the pages are made. `extras` compute more pages, and the
    "How this issue was made" section of each issue page. A `builder` of the Edition
    and folder may be given to collect the pages differently (the preview keeps them
    to render one at a time, when a reader asks).
    """
    b = builder if builder is not None else SiteBuilder(edition, folder)
    more = [source(edition) for source in extras]
    b.add(
        urls.HOME,
        edition.config.title,
        "home.html",
        web_only=edition.web_only[:10],
        about=sharing.about(edition),
    )
    if edition.issues:
        b.add(urls.ISSUES, "All issues", "issues.html")
    for issue in edition.issues:
        b.add(
            urls.issue_page(issue),
            issue.label,
            "issue.html",
            description=f"Issue {issue.number} of {edition.config.title}, {long_date(issue.date)}",
            issue=issue,
            downloads=_downloads(folder, issue),
            made=_made(more, issue),
        )
    related = reading.Related(edition)
    for article in edition.articles:
        b.add(
            urls.article_page(article),
            article.title,
            "article.html",
            description=article.summary,
            toc=article.body.toc,
            article=article,
            issue=edition.issue(article.issue),
            around=reading.neighbours(edition, article),
            related=related(article),
        )
    if edition.web_only:
        _add_list(b, urls.ARTICLES, "Web articles", "articles.html", edition.web_only)
    for page in edition.pages:
        b.add(urls.standing_page(page), page.title, "page.html", toc=page.body.toc, page=page)
    if edition.topics:
        b.add(urls.TAGS, "Topics", "tags.html")
    for topic in edition.topics:
        newest = paging.newest_first(edition, topic.articles)
        first = urls.tag_page(topic.slug)
        _add_list(b, first, f"Topic: {topic.label}", "tag.html", newest, topic=topic)
    people_pages.add_pages(b)
    b.add(urls.ACCESSIBILITY, "Accessibility statement", "accessibility.html")
    for extra in (e for source in more for e in source.pages):
        b.add(
            extra.src, extra.title, extra.template, description=extra.description, **extra.context
        )
    b.finish()
    b.site.nav = _nav(edition)
    return b.site


def _add_list(
    b: SiteBuilder,
    first: str,
    title: str,
    template: str,
    articles: Sequence[PublicArticle],
    topic: Topic | None = None,
) -> None:
    """The pages of a list of `articles` as cards (render/web/paging.py), page 1 at
    `first`; each page's template gets its `articles`, `pager` and `topic` (or None)."""
    updated = max((a.date for a in articles), default=None)  # every page's date
    for listed in paging.paginate(first, articles):
        numbered = listed.pager.title(title)
        cards, pager = listed.articles, listed.pager
        b.add(
            listed.src,
            numbered,
            template,
            articles=cards,
            pager=pager,
            topic=topic,
            updated=updated,
        )


def _downloads(folder: Folder, issue: PublicIssue) -> list[tuple[Download, str]]:
    """The issue's PDFs that were made, each with its size as readers see it."""
    made = []
    for download in issue.downloads:
        size = folder.size(download.path)
        if size is not None:
            made.append((download, file_size(size)))
    return made


def _made(extras: list[Extras], issue: PublicIssue) -> object:
    """The issue page's "How this issue was made" section, if an extra gives one."""
    return next(
        (e.issue_sections[issue.slug] for e in extras if issue.slug in e.issue_sections), None
    )


def file_size(size: int) -> str:
    """'850 KB', '1.2 MB': how big a download is, so readers on phone data can choose."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def _nav(edition: Edition) -> list:
    nav: list = [("Home", urls.HOME)]
    if edition.issues:
        recent = [(i.label, urls.issue_page(i)) for i in edition.issues[:NAV_ISSUES]]
        nav.append(("Issues", [*recent, ("All issues", urls.ISSUES)]))
    if edition.web_only:
        nav.append(("Web articles", urls.ARTICLES))
    if edition.topics:
        nav.append(("Topics", urls.TAGS))
    nav.extend((p.title, urls.standing_page(p)) for p in edition.pages)
    return nav
