"""MkDocs + Material set up for flagpress: settings, the sandboxed theme, the plugins.

MkDocs + Material are used as a renderer only: flagpress hands over finished page
bodies as generated files, MkDocs wraps them in the theme, builds the nav and the
search index. MkDocs never reads `content/` (its docs_dir is an empty folder) and
never sees front matter. Any warning MkDocs logs fails the build, since it means
flagpress produced something MkDocs did not understand.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from jinja2.sandbox import SecurityError

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import material  # type: ignore[import-untyped]  # noqa: E402
from markupsafe import escape  # noqa: E402
from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]  # noqa: E402
from mkdocs import localization  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.plugins import BasePlugin  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.theme import Theme  # noqa: E402
from mkdocs.utils import templates as mkdocs_filters  # noqa: E402

from flagpress.render.templates import (  # noqa: E402
    BUILTIN,
    ContainedLoader,
    Sandbox,
    explain,
    failed_at,
)
from flagpress.render.templates import unsafe as unsafe_clause  # noqa: E402
from flagpress.render.web.context import Site, WebPage  # noqa: E402

THEME_DIR = BUILTIN / "theme"
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"

# Methods of MkDocs's objects that Material's templates call; every other method of
# an object MkDocs hands the theme is refused (see templates.Sandbox).
THEME_METHODS = ()


class _ThemeLoader(ContainedLoader):
    """Lists the theme's files without walking hidden folders.

    MkDocs lists every file of the theme to copy its assets, then drops any path with a
    part that starts with a dot. Material keeps its 14,348 icons in `.icons/` (99% of
    its files), so walking and matching them was a tenth of a one-article build; a
    hidden folder is now not entered, which lists exactly the files MkDocs keeps.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in map(str, self.searchpath):
            for folder, subfolders, names in os.walk(top, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(top)
                found.update((inside / name).as_posix() for name in names)
        return sorted(found)


def _theme_env(theme: Theme) -> jinja2.Environment:
    """MkDocs's own theme environment (Theme.get_env), but sandboxed.

    The theme folders include the publication's `templates/theme/`, so theme files
    are templates volunteers write, run where the private file is. Autoescaping
    stays off, as Material expects: values flagpress hands over are escaped first.
    """
    env = Sandbox(loader=_ThemeLoader(theme.dirs), auto_reload=False, allowed_methods=THEME_METHODS)
    env.filters["url"] = mkdocs_filters.url_filter
    env.filters["script_tag"] = mkdocs_filters.script_tag_filter
    localization.install_translations(env, theme.locale, theme.dirs)
    return env


class RendererError(Exception):
    """MkDocs failed or warned: a flagpress bug or a broken theme override."""

    def __init__(self, message: str, filename: str | None = None, line: int = 1) -> None:
        super().__init__(message)
        self.filename, self.line = filename, line
        self.code = "theme-error"  # or "template-unsafe": the sandbox refused something


@dataclass(frozen=True)
class SiteSettings:
    name: str
    url: str
    language: str
    description: str = ""
    overrides: Path | None = None  # the publication's templates/theme folder, if any
    alternates: tuple[tuple[str, str], ...] = ()  # (href, media type): a feed, linked in <head>
    footer: tuple[tuple[str, str], ...] = ()  # what every page's footer shows, escaped


class _FlagpressPlugin(BasePlugin):
    """Adds flagpress's pages and files; replaces each page body with flagpress's HTML."""

    def __init__(self, site: Site, language: str = "") -> None:
        super().__init__()
        self.site = site
        self.locale = language.replace("-", "_")  # og:locale writes en-GB as en_GB
        self.by_uri: dict[str, WebPage] = {p.src_uri: p for p in site.pages}

    def on_files(self, files: Files, *, config) -> Files:  # noqa: ANN001
        for page in self.site.pages:
            files.append(File.generated(config, page.src_uri, content=""))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:  # noqa: ANN001
        ours = self.by_uri[page.file.src_uri]
        page.__class__ = _Converted  # its body was converted once, when flagpress read it
        # The theme prints these unescaped, so they are escaped here, once.
        page.meta = {"title": str(escape(ours.title))}
        if ours.description:
            page.meta["description"] = str(escape(ours.description))
        _share(page, ours, self.locale)
        return ""

    def on_page_content(self, html: str, *, page, config, files) -> str:  # noqa: ANN001
        ours = self.by_uri[page.file.src_uri]
        page.toc = get_toc([heading.token() for heading in ours.toc])  # type: ignore[misc]
        return ""  # the content comes just before the page is rendered (on_page_context)

    def on_page_context(self, context, *, page, config, nav):  # noqa: ANN001, ANN201
        # MkDocs prepares every page before it renders the first, and keeps them all to
        # the end of the build: holding every page's content from the first to the last
        # was most of a build's memory. Each page gets its own only while it is rendered.
        page.content = self.by_uri[page.file.src_uri].content()
        return context

    def on_post_page(self, output: str, *, page, config) -> str:  # noqa: ANN001
        page.content = None  # written: nothing reads it again
        return valid_toggles(output)

    def on_post_template(self, output_content: str, *, template_name, config) -> str:  # noqa: ANN001
        return valid_toggles(output_content)  # 404.html


# Material's base.html (outside any block a theme can override) writes its two hidden
# switches, for the phone menu and the search, as checkboxes with autocomplete="off",
# which HTML allows on text fields only: the Nu HTML Checker reports it on every page.
# It is there so Firefox does not restore a switch left on; assets/flagpress.js turns
# both off when a page is shown instead.
_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


def valid_toggles(html: str) -> str:
    """`html` without the attribute HTML does not allow on Material's two switches."""
    return _TOGGLE.sub(r"\1>", html)


def _share(page, ours: WebPage, locale: str) -> None:  # noqa: ANN001
    """Hand theme/partials/fp-meta.html the page's link-preview details, escaped once,
    and date the page for the sitemap (MkDocs's own date is the day of the build)."""
    share = ours.share
    if share.author:
        page.meta["author"] = str(escape(share.author))  # Material's <meta name="author">
    page.meta["share"] = {
        "type": share.kind,
        "locale": str(escape(locale)),
        "image": str(escape(share.image)),
        "image_alt": str(escape(share.image_alt)),
        "card": "summary_large_image" if share.image else "summary",
    }
    _date(page, ours)


def _date(page, ours: WebPage) -> None:  # noqa: ANN001
    """The page's date in the sitemap (MkDocs's own would be the day of the build)."""
    page.update_date = ours.lastmod.isoformat() if ours.lastmod else ""


class _Converted(Page):
    """A page whose HTML flagpress made: MkDocs would otherwise set up Python-Markdown
    (with its extensions) for every page only to convert nothing (1.6% of a build)."""

    def render(self, config, files) -> None:  # noqa: ANN001
        self.content = ""
        self.present_anchor_ids = set()


class _PreparedSearch(SearchPlugin):
    """Material's search, fed the index flagpress made (render/web/search_index.py).

    Registered under Material's own name, so the theme shows its search box and
    script exactly as before; only the indexing differs: no page's HTML is parsed
    again (Material's plugin does that for every page), and `docs` is written as is.
    """

    def __init__(self, docs: list[dict[str, str]]) -> None:
        super().__init__()
        self.docs = docs

    def on_page_context(self, context, *, page, config, nav):  # noqa: ANN001, ANN201
        return context

    def on_post_build(self, *, config) -> None:  # noqa: ANN001
        folder = Path(config.site_dir) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(self.index_json(self.docs), encoding="utf-8")

    def index_json(self, docs: list[dict[str, str]]) -> str:
        """search/search_index.json holding `docs`, with the search settings."""
        index = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        # As UTF-8, not \u escapes: typographic quotes and dashes take 3 bytes, not 6.
        return json.dumps(
            {"config": index, "docs": docs}, separators=(",", ":"), ensure_ascii=False
        )


def _search(docs: list[dict[str, str]], language: str) -> _PreparedSearch:
    plugin = _PreparedSearch(docs)
    errors, _ = plugin.load_config({"lang": language})
    if errors:
        raise RendererError(f"the search settings are not valid: {errors}")
    return plugin


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _nav(entries: list) -> list:
    out = []
    for title, target in entries:
        value = _nav(target) if isinstance(target, list) else target
        out.append({str(escape(title)): value})
    return out


def theme_language(tag: str) -> str:
    """The language of the theme's own words (search box, buttons) for a language tag:
    Material's words for the tag itself (pt-BR), else for its language (en for en-GB),
    else English, so a tag Material has no words for still builds.

    The page's `lang` is the tag as configured, whichever this is (partials/language.html).
    """
    base = tag.split("-")[0].lower()
    for candidate in (tag, base):
        if candidate and (MATERIAL_LANGUAGES / f"{candidate}.html").is_file():
            return candidate
    return "en"


def _config_yaml(site: Site, settings: SiteSettings, docs_dir: str, out_dir: Path) -> str:
    config = {
        "site_name": settings.name,
        "site_url": settings.url,
        "site_description": settings.description or None,
        "docs_dir": docs_dir,
        "site_dir": str(out_dir),
        "use_directory_urls": True,
        "nav": _nav(site.nav),
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_DIR),
            "language": theme_language(settings.language),
            "font": False,  # no requests to Google Fonts: readers' privacy, offline use
            # No "Back to top" button (navigation.top): it appears under the header as
            # readers go back up, and at 400% zoom it covered the links Shift+Tab reached
            # (WCAG 2.4.11); the Home key and the skip link do its job.
            "features": ["search.highlight"],
            # Two schemes, following the reader's system setting; partials/palette.html
            # turns them into one "Dark colour scheme" button with aria-pressed.
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default"},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
            ],
        },
        "extra_css": ["assets/flagpress.css", "assets/brand.css", "assets/magazine.css"],
        "extra": {
            "alternates": [{"href": h, "type": t} for h, t in settings.alternates],
            "footer": dict(settings.footer),
            "language": str(escape(settings.language)),  # <html lang>: partials/language.html
        },
        "plugins": [],  # search is added by render_site, fed flagpress's own index
        "markdown_extensions": [],
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _index_language(settings: SiteSettings) -> str:
    return settings.language.split("-")[0].lower() or "en"


def _escape_shown_values(config: MkDocsConfig, settings: SiteSettings) -> None:
    """Escape, once, the settings Material prints without escaping.

    Markup is text already escaped: Material's own `| e` leaves it as it is, so a
    title with '&' is neither shown raw nor escaped twice. The address needs no
    escaping: the loader accepts only plain http(s) addresses.
    """
    config.site_name = escape(settings.name)
    if settings.description:
        config.site_description = escape(settings.description)


def _template_failure(err: Exception, dirs: list[str]) -> Exception:
    """A theme template failed: a RendererError at its file and line, else `err` itself."""
    filename, line = failed_at(err, [Path(d) for d in dirs])
    if filename is None and not isinstance(err, jinja2.TemplateError):
        return err  # not a template's doing: a flagpress or MkDocs bug, shown as such
    unsafe = isinstance(err, SecurityError)
    if unsafe:
        refused = unsafe_clause(err)
        message = f"a theme template tries to use something templates may not ({refused})"
    else:
        message = f"a theme template is broken ({explain(err)})"
    failure = RendererError(message, str(filename) if filename else None, line)
    failure.code = "template-unsafe" if unsafe else "theme-error"
    return failure


@contextmanager
def _mkdocs_warnings(dirs: list[str]) -> Iterator[None]:
    """Any warning MkDocs logs, or a theme template failing, as a RendererError."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        yield
    except MkDocsException as err:
        details = "; ".join(collect.messages)
        raise RendererError(f"the website could not be rendered: {err} {details}") from err
    except (KeyError, RendererError):
        raise
    except Exception as err:
        raise _template_failure(err, [d for d in dirs]) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    if collect.messages:
        raise RendererError("the website renderer warned: " + "; ".join(collect.messages))
