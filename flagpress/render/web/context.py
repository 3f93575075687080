"""What every web page is rendered with: the Edition, the web namer and the page's links.

Pages are rendered one at a time; each gets a `PageContext` that knows the page's own
address, so links, bylines and images come out relative to it. Templates receive the
Edition's objects and these few helpers, never a builder or hand-built dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from flagpress.diagnostics import Location
from flagpress.links import Kind, resolve
from flagpress.model import Body, Heading, Page
from flagpress.naming import Namer
from flagpress.render import urls
from flagpress.render.edition import Edition, PublicArticle, PublishedImage, web_body_html
from flagpress.render.folder import Folder
from flagpress.render.images import dimensions
from flagpress.render.sanitize import clean_html
from flagpress.render.templates import Templates
from flagpress.render.web.brand import publish_brand
from flagpress.render.web.content_note import remind_at_headings
from flagpress.render.web.dimensions import with_dimensions
from flagpress.render.web.footer import get_involved_page
from flagpress.render.web.reading import reading_time
from flagpress.render.web.sharing import Sharing, describe, sharing
from flagpress.render.web.sitemap import lastmod
from flagpress.slugs import slugify


@dataclass(frozen=True)
class WebPage:
    src_uri: str
    title: str
    html: str
    description: str = ""  # for search results and link previews (meta description, og)
    toc: tuple[Heading, ...] = ()
    share: Sharing = Sharing()  # Open Graph and Twitter card details (theme/partials/fp-meta)
    lastmod: dt.date | None = None  # the sitemap's date for the page (render/web/sitemap.py)

    def content(self) -> str:
        """The page's main HTML, when the renderer needs it (a stored page reads it back
        then: render/web/described.py)."""
        return self.html


@dataclass(frozen=True)
class PageSpec:
    """How one page is made: which template, given what (before it is rendered)."""

    src: str
    title: str
    template: str
    description: str = ""  # made from the context when empty (render/web/sharing.py)
    toc: tuple[Heading, ...] = ()
    context: dict[str, object] = field(default_factory=dict)


Asset = tuple[str, Location]  # a content file a page asks for, and where it is linked


@dataclass(frozen=True)
class Rendered:
    """A page's template rendered, with nothing published yet (so a worker process may
    render it): its HTML before its pictures' sizes are added, its details, and the
    content files it asks for, in order: `shown` by the page, `previews` by its link
    preview (asked for after the sizes are added, as `SiteBuilder.place` does)."""

    html: str
    description: str
    share: Sharing
    lastmod: dt.date | None
    shown: tuple[Asset, ...]
    previews: tuple[Asset, ...]


@dataclass
class Site:
    """Everything the MkDocs adapter needs: the pages and the nav (files are published
    through the Folder as pages link them, never handed to MkDocs to copy)."""

    pages: list[WebPage] = field(default_factory=list)
    nav: list[tuple[str, str | list[tuple[str, str]]]] = field(default_factory=list)


class SiteBuilder:
    """Collects the website's pages and files from one Edition."""

    def __init__(self, edition: Edition, folder: Folder) -> None:
        self.edition, self.folder = edition, folder
        self.namer: Namer = edition.namer("web")
        self.templates = Templates(edition.root, "web")
        self.site = Site()
        self.sources = {a.source: urls.article_page(a) for a in edition.articles}
        self.sources.update({p.source: urls.standing_page(p) for p in edition.pages})
        self.profiled = {p.id for p in edition.profiles("web")}
        self.sizes: dict[str, tuple[int, int]] = {}  # published image address -> size
        self._asked: list[Asset] | None = None  # while rendering: the files asked for
        self.masthead = publish_brand(edition, folder)
        if self.masthead:
            self._size(self.masthead, edition.config.brand.masthead.strip())
        self.get_involved = get_involved_page(edition)

    def add(
        self,
        src: str,
        title: str,
        template: str,
        *,
        description: str = "",
        toc: tuple[Heading, ...] = (),
        **context: object,
    ) -> None:
        """Render `template` as the page at `src` and add it to the site."""
        self.make(PageSpec(src, title, template, description, toc, context))

    def make(self, spec: PageSpec) -> None:
        """Render the page `spec` describes and add it to the site (subclasses may keep
        the spec instead, or take the page from elsewhere)."""
        self.place(spec, self.render(spec))

    def finish(self) -> None:
        """Make the pages `make` kept for later, if it kept any (subclasses)."""

    def render(self, spec: PageSpec) -> Rendered:
        """Render the page `spec` describes, publishing nothing: the content files it
        asks for are listed (each at the address the gate gives it, `urls.asset`).

        A page showing an article or standing page also gets its rendered `body`.
        Without a `description`, one is made for the page (render/web/sharing.py).
        """
        asked: list[Asset] = []
        self._asked = asked
        try:
            context = dict(spec.context)  # the body is added for this rendering only
            page = PageContext(self, spec.src)
            item = context.get("article") or context.get("page")
            if isinstance(item, PublicArticle | Page):
                body = page.body(item.source, item.body)
                note = item.content_note if isinstance(item, PublicArticle) else ""
                context["body"] = remind_at_headings(body, note)  # deep links: the note first
            template = spec.template
            html = self.templates.render(template, **page.variables(), **context)
            shown = tuple(asked)
            asked.clear()
            described = spec.description or describe(self.edition, self.namer, template, context)
            share = sharing(self.edition, self.namer, self.asset, template, context)
            when = lastmod(self.edition, template, context)
        finally:
            self._asked = None
        # Plain strings (not Markup): a page is the same whether made now or remembered.
        return Rendered(str(html), str(described), share, when, shown, tuple(asked))

    def place(self, spec: PageSpec, rendered: Rendered) -> None:
        """Publish the files the rendered page asks for, in order, through the gate, add
        its pictures' sizes, and add the page to the site."""
        for path, at in rendered.shown:
            self.asset(path, at)
        html = with_dimensions(rendered.html, urls.folder_of(spec.src), self.sizes)
        for path, at in rendered.previews:
            self.asset(path, at)
        share, when = rendered.share, rendered.lastmod
        made = WebPage(spec.src, str(spec.title), html, rendered.description, spec.toc, share, when)
        self.site.pages.append(made)

    def asset(self, content_path: str, at: Location) -> str:
        """Publish the content file at `content_path` (linked at `at`) through the gate;
        returns its address in the site. A refusal is reported at `at`. While a page is
        rendered, the file is only listed (see `render`)."""
        if self._asked is not None:
            self._asked.append((content_path, at))
            return urls.asset(content_path)
        address = self.folder.content(content_path, at)
        self._size(address, content_path)
        return address

    def _size(self, address: str, content_path: str) -> None:
        """Remember a published picture's size: every <img> of it gets width and height
        (dimensions.py), so the page does not jump while it loads."""
        if address in self.sizes:
            return  # a lead image is on many cards: its file is read once
        published = self.folder.size(address) is not None  # not refused by the gate
        if published and (size := dimensions(self.edition.root / content_path)):
            self.sizes[address] = size


class PageContext:
    """The helpers one page's template may call, relative to that page."""

    def __init__(self, builder: SiteBuilder, src: str) -> None:
        self.builder, self.src = builder, src

    def variables(self) -> dict[str, object]:
        b = self.builder
        return {
            "edition": b.edition,
            "config": b.edition.config,
            "link": self.link,
            "names": b.namer.names,
            "byline": self.byline,
            "image_src": self.image_src,
            "issue_src": urls.issue_page,
            "article_src": urls.article_page,
            "tag_src": lambda tag: urls.tag_page(slugify(tag)),
            "contributor_src": urls.contributor_page,
            "masthead": self.link(b.masthead) if b.masthead else "",
            "reading_time": reading_time,
            "get_involved_src": b.get_involved,
        }

    def link(self, to: str) -> str:
        return urls.relative(self.src, to)

    def image_src(self, image: PublishedImage) -> str:
        """The image's address from this page ('' if it is not a file in content/)."""
        if not image.path:
            return ""
        return self.link(self.builder.asset(image.path, image.written.loc))

    def byline(self, ids: Iterable[str]) -> Markup:
        """Names as chosen, each linked to its contributor page where the person has one."""
        parts = []
        for credit in self.builder.namer.credits(ids):  # named first, the rest counted
            name = escape(credit.text)
            if credit.person in self.builder.profiled:
                href = escape(self.link(urls.contributor_page(credit.person)))
                name = Markup(f'<a href="{href}">{name}</a>')
            parts.append(name)
        if len(parts) <= 1:
            return Markup("").join(parts)
        return Markup(", ").join(parts[:-1]) + Markup(" and ") + parts[-1]

    def body(self, source: str, body: Body) -> Markup:
        """The body, sanitised, with links pointing at the pages and files they name."""

        written = {link.target: link.loc for link in reversed(body.links)}

        def rewrite(_attribute: str, value: str) -> str | None:
            target = resolve(source, value)
            if target.kind in (Kind.EXTERNAL, Kind.ANCHOR):
                return value
            if target.kind is not Kind.CONTENT:
                return None
            fragment = f"#{target.fragment}" if target.fragment else ""
            if target.path in self.builder.sources:
                return self.link(self.builder.sources[target.path]) + fragment
            if target.path.endswith(".md"):
                return None  # not public: validation stops such links; never leak them
            at = written.get(value, Location(source, body.first_line))
            return self.link(self.builder.asset(target.path, at))

        return Markup(clean_html(web_body_html(body), rewrite))
