"""The website's pages, computed from the publication.

Each page's main content is rendered here with flagpress's own Jinja templates
(autoescaped: titles and summaries are text, never markup) and handed to the MkDocs
adapter, which only wraps it in the theme. Only public articles are ever turned into
pages; drafts and embargoed articles do not reach this module's output at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.links import Kind, resolve
from flagpress.model import ARTICLE_TYPES, DECORATIVE, Article, Body, Issue, Publication
from flagpress.naming import Namer
from flagpress.render.sanitize import clean_html
from flagpress.render.templates import BUILTIN
from flagpress.render.web import people_pages, urls
from flagpress.slugs import slugify

_DECORATIVE_ALT = re.compile(rf'\balt="\s*{DECORATIVE}\s*"', re.IGNORECASE)  # see model.DECORATIVE
BUILTIN_TEMPLATES = BUILTIN / "web"
# The nav is on every page: it lists recent issues only, so the cost of each page
# does not grow with the archive (measured: benchmarks/build_scaling.py).
NAV_ISSUES = 6


@dataclass(frozen=True)
class WebPage:
    src_uri: str
    title: str
    html: str
    description: str = ""
    toc: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Download:
    """A file offered for download from an issue's page, e.g. one of its PDFs."""

    label: str  # what it is for, e.g. "Accessible PDF for screens"
    source: Path  # the finished file, wherever the build made it
    filename: str  # its name next to the issue page


@dataclass
class Site:
    """Everything the MkDocs adapter needs: pages, files to copy, and the nav."""

    pages: list[WebPage] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=dict)  # published path -> source file
    nav: list[tuple[str, str | list[tuple[str, str]]]] = field(default_factory=list)


class _Builder:
    def __init__(
        self,
        pub: Publication,
        root: Path,
        today: dt.date,
        downloads: Mapping[str, Sequence[Download]],
    ) -> None:
        self.pub, self.root, self.today = pub, root, today
        self.downloads = downloads
        self.namer = Namer(pub, "web", today)
        self.site = Site()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([root / "templates" / "web", BUILTIN_TEMPLATES]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["long_date"] = _long_date
        self.public = [a for a in pub.all_articles() if a.is_public(today)]
        self.sources = {a.source: urls.article_page(a) for a in self.public}
        self.sources.update({p.source: urls.standing_page(p) for p in pub.pages})

    # -- helpers used by templates -------------------------------------------

    def names(self, ids: tuple[str, ...]) -> str:
        return self.namer.names(ids)

    def body_html(self, source: str, body: Body, page: str) -> str:
        def rewrite(_attribute: str, value: str) -> str | None:
            target = resolve(source, value)
            if target.kind in (Kind.EXTERNAL, Kind.ANCHOR):
                return value
            if target.kind is not Kind.CONTENT:
                return None
            fragment = f"#{target.fragment}" if target.fragment else ""
            if target.path in self.sources:
                return urls.relative(page, self.sources[target.path]) + fragment
            if target.path.endswith(".md"):
                return None  # not public: validation stops such links; never leak them
            return urls.relative(page, self.add_asset(target.path))

        # Images marked decorative are published with empty alt text: screen readers skip them.
        return _DECORATIVE_ALT.sub('alt=""', clean_html(body.html, rewrite))

    def add_asset(self, content_path: str) -> str:
        published = urls.asset(content_path)
        self.site.assets[published] = self.root / content_path
        return published

    def render(self, template: str, src: str, **context: object) -> str:
        try:
            return self.env.get_template(template).render(
                config=self.pub.config,
                link=lambda to: urls.relative(src, to),
                issue_src=urls.issue_page,
                tag_src=lambda tag: urls.tag_page(slugify(tag)),
                type_labels=ARTICLE_TYPES,
                byline=lambda ids: people_pages.byline(self, tuple(ids), src),
                b=self,
                **context,
            )
        except jinja2.TemplateError as err:
            raise ContentError([self.template_problem(template, err)]) from None

    def template_problem(self, template: str, err: jinja2.TemplateError) -> Problem:
        """A broken override in templates/web/ is the publication's to fix: say where."""
        override = self.root / "templates" / "web" / template
        filename = getattr(err, "filename", None) or str(override)
        path = Path(filename)
        shown = (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else template
        )
        line = getattr(err, "lineno", None) or 1
        return Location(shown, line).error(
            "template-error",
            f"this template cannot be used ({err.message or type(err).__name__}); fix it, "
            "or delete it to use flagpress's built-in one",
        )

    def add(self, src_uri: str, title: str, html: str, **extra: object) -> None:
        self.site.pages.append(WebPage(src_uri, title, html, **extra))

    # -- pages ---------------------------------------------------------------

    def build(self) -> Site:
        issues = [i for i in self.pub.issues if self.issue_articles(i)]
        web_only = [a for a in self.public if a.issue is None]
        tags = self.tags()
        self.add(
            urls.HOME,
            self.pub.config.title,
            self.render("home.html", urls.HOME, issues=issues, web_only=web_only[:10]),
        )
        if issues:
            self.add(
                urls.ISSUES, "All issues", self.render("issues.html", urls.ISSUES, issues=issues)
            )
        for issue in issues:
            self.issue(issue)
        for article in self.public:
            self.article(article)
        if web_only:
            self.add(
                urls.ARTICLES,
                "Web articles",
                self.render("articles.html", urls.ARTICLES, articles=web_only),
            )
        for page in self.pub.pages:
            src = urls.standing_page(page)
            body = self.body_html(page.source, page.body, src)
            self.add(
                src,
                page.title,
                self.render("page.html", src, page=page, body=body),
                toc=page.body.toc,
            )
        self.tag_pages(tags)
        people_pages.add_pages(self, issues)
        self.add(
            urls.ACCESSIBILITY,
            "Accessibility statement",
            self.render("accessibility.html", urls.ACCESSIBILITY),
        )
        self.site.nav = self.nav(issues, bool(web_only), bool(tags))
        return self.site

    def issue_articles(self, issue: Issue) -> list[Article]:
        return [a for a in issue.articles if a.is_public(self.today)]

    def issue(self, issue: Issue) -> None:
        src = urls.issue_page(issue)
        cover = self.image(issue.source, issue.cover, src)
        html = self.render(
            "issue.html",
            src,
            issue=issue,
            cover=cover,
            articles=self.issue_articles(issue),
            downloads=[self.download(issue, d) for d in self.downloads.get(issue.slug, ())],
        )
        self.add(
            src,
            issue_title(issue),
            html,
            description=f"Issue {issue.number} of "
            f"{self.pub.config.title}, {_long_date(issue.date)}",
        )

    def article(self, article: Article) -> None:
        src = urls.article_page(article)
        issue = next((i for i in self.pub.issues if i.slug == article.issue), None)
        html = self.render(
            "article.html",
            src,
            article=article,
            issue=issue,
            type_label=ARTICLE_TYPES[article.type],
            image=self.image(article.source, article.image, src),
            body=self.body_html(article.source, article.body, src),
            credits=self.credits(article),
            how_made=people_pages.how_made(self, article),
        )
        self.add(src, article.title, html, description=article.summary, toc=article.body.toc)

    def download(self, issue: Issue, download: Download) -> dict[str, str]:
        published = f"issues/{issue.slug}/{download.filename}"
        self.site.assets[published] = download.source
        return {
            "href": download.filename,
            "label": download.label,
            "size": _file_size(download.source.stat().st_size),
            "type": Path(download.filename).suffix.lstrip(".").upper(),
        }

    def image(self, source: str, image, page: str) -> dict | None:  # noqa: ANN001
        if image is None:
            return None
        target = resolve(source, image.src)
        if target.kind is not Kind.CONTENT:
            return None
        return {"src": urls.relative(page, self.add_asset(target.path)), "alt": image.shown_alt}

    def credits(self, article: Article) -> list[tuple[str, str]]:
        by_role: dict[str, list[str]] = defaultdict(list)
        for credit in article.credits:
            by_role[self.pub.config.roles.get(credit.role, credit.role)].append(credit.id)
        return [(role, self.names(tuple(ids))) for role, ids in by_role.items()]

    def tags(self) -> dict[str, tuple[str, list[Article]]]:
        tags: dict[str, tuple[str, list[Article]]] = {}
        for article in self.public:
            for tag in article.tags:
                slug = slugify(tag)
                if slug:
                    tags.setdefault(slug, (tag, []))[1].append(article)
        return dict(sorted(tags.items()))

    def tag_pages(self, tags: dict[str, tuple[str, list[Article]]]) -> None:
        if not tags:
            return
        self.add(urls.TAGS, "Topics", self.render("tags.html", urls.TAGS, tags=tags))
        for slug, (label, articles) in tags.items():
            src = urls.tag_page(slug)
            self.add(
                src, f"Topic: {label}", self.render("tag.html", src, label=label, articles=articles)
            )

    def nav(self, issues: list[Issue], has_articles: bool, has_tags: bool) -> list:
        nav: list = [("Home", urls.HOME)]
        if issues:
            recent = [(issue_title(i), urls.issue_page(i)) for i in issues[:NAV_ISSUES]]
            nav.append(("Issues", [*recent, ("All issues", urls.ISSUES)]))
        if has_articles:
            nav.append(("Web articles", urls.ARTICLES))
        if has_tags:
            nav.append(("Topics", urls.TAGS))
        nav.extend((p.title, urls.standing_page(p)) for p in self.pub.pages)
        return nav


def issue_title(issue: Issue) -> str:
    return f"Issue {issue.number}: {issue.title}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _file_size(size: int) -> str:
    """'850 KB', '1.2 MB': how big a download is, so readers on phone data can choose."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def compute_site(
    pub: Publication,
    root: Path,
    today: dt.date,
    downloads: Mapping[str, Sequence[Download]] | None = None,
) -> Site:
    """Every page of the website, its nav, and the files it needs copied.

    `downloads` maps an issue's slug to files (its PDFs) to offer on its page.
    """
    return _Builder(pub, root, today, downloads or {}).build()
