"""Reading a publication from disk into the model, collecting every problem on the way.

flagpress discovers and reads every content file itself (MkDocs never sees
`content/`). A broken file is reported and left out, and reading carries on, so
that one run lists every problem in every file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from flagpress.diagnostics import ContentError, Location, Problem, UsageError
from flagpress.load.cache import LoadCache
from flagpress.load.declared import read_declared
from flagpress.load.fields import ID_PATTERN
from flagpress.load.layout import CONFIG_FILE, CONTRIBUTORS_FILE
from flagpress.load.markdown_body import BodyConverter
from flagpress.load.markdown_file import read_markdown
from flagpress.load.person_ids import known_people, people_key
from flagpress.load.read_ahead import read_ahead
from flagpress.load.source_files import read_text
from flagpress.load.stray_files import stray_files
from flagpress.load.strict_yaml import YList, YMap, YStr, YValue, parse_yaml
from flagpress.model import (
    NO_CONSENT,
    Article,
    Body,
    Contributor,
    Issue,
    Page,
    Publication,
    Written,
)
from flagpress.settings import SiteConfig
from flagpress.slugs import slugify

# An article is a few thousand words; 10 MB of Markdown takes ~9 s to convert.
MAX_MARKDOWN_BYTES = 1_000_000


class NotAPublication(UsageError):
    """The folder given is not a publication at all (a usage error, not a content one)."""


# What `load_publication` may reuse between calls in one process (`flagpress serve`):
# each file's last reading (its text, what was read and the problems found), by file.
Memo = dict[tuple[str, type], tuple[str, Any, list[Problem]]]


class _Reader:
    """Holds the publication root, the Markdown converter, the cache and the problems found."""

    def __init__(self, root: Path, cache: LoadCache | None, memo: Memo | None = None) -> None:
        self.root = root
        self.memo = memo
        self.real_root = root.resolve()
        self.problems: list[Problem] = []
        self.cache = cache
        self._converter: BodyConverter | None = None
        self._folders: dict[Path, bool] = {}  # folder -> resolves inside the publication

    def converter(self) -> BodyConverter:
        """Made on first use: when every body comes from the cache, none is needed."""
        if self._converter is None:
            self._converter = BodyConverter()
        return self._converter

    def shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def inside(self, path: Path) -> bool:
        """False (and a problem) for a symlink that leads out of the publication.

        A file that is not a link, in a folder already known to be inside, is inside:
        resolving each of 1,000 paths again was a tenth of every preview update.
        """
        if not path.is_symlink() and self._folder_inside(path.parent):
            return True
        if path.resolve().is_relative_to(self.real_root):
            return True
        self.problems.append(
            Location(self.shown(path)).error(
                "outside-publication",
                "this file is a link to somewhere outside the publication; flagpress "
                "will not read it. Copy the file into the publication instead",
            )
        )
        return False

    def _folder_inside(self, folder: Path) -> bool:
        if folder not in self._folders:
            self._folders[folder] = folder.resolve().is_relative_to(self.real_root)
        return self._folders[folder]

    def yaml_file(self, path: Path, empty: type[YMap] | type[YList]) -> YValue | None:
        """The file's value, or None when it cannot be read (the problem is recorded).

        An empty file stands for an `empty` mapping or list, so that it is checked
        like any other (its missing keys are reported) instead of vanishing.
        """
        shown = self.shown(path)
        try:
            text = read_text(path, shown)
        except ContentError as err:
            self.problems.extend(err.problems)
            return None
        return self.remembered((shown, empty), text, lambda: self._yaml(text, shown, empty))

    def _yaml(self, text: str, shown: str, empty: type[YMap] | type[YList]) -> YValue | None:
        try:
            value = parse_yaml(text, shown)
        except ContentError as err:
            self.problems.extend(err.problems)
            return None
        return _empty(empty, Location(shown)) if value is None else value

    def remembered(self, key: tuple[str, type], text: str, read: Callable[[], Any]) -> Any:
        """`read()`, or what it gave (and reported) last time the file held `text`."""
        if self.memo is None:
            return read()
        kept = self.memo.get(key)
        text = f"{text}\0{people_key()}"  # suggestions made while reading name ids
        if kept is not None and kept[0] == text:
            self.problems.extend(kept[2])
            return kept[1]
        before = len(self.problems)
        value = read()
        self.memo[key] = (text, value, self.problems[before:])
        return value

    def declared(
        self, model: type, value: YValue | None, what: str, at: Location
    ) -> dict[str, Any] | None:
        """Checked keyword arguments for `model`, or None when a required key is unusable."""
        return read_declared(model, value, what, at, self.problems)


def load_publication(
    root: Path, cache: LoadCache | None = None, memo: Memo | None = None
) -> tuple[Publication | None, list[Problem]]:
    """Read `root`; returns the publication (None if unusable) and every problem found.

    With a `cache` (see load/cache.py), Markdown files whose text has not changed since
    it was last filled are not read again: their details, body and problems come from it.
    With `memo` (kept by a long-running caller, `flagpress serve`), a file whose text has
    not changed since the last call is not even looked up: its last reading is reused.
    """
    if not (root / CONFIG_FILE).is_file():
        raise NotAPublication(
            f"no {CONFIG_FILE} in {root}; run flagpress inside a publication folder "
            "or point --root at one"
        )
    reader = _Reader(root, cache, memo)
    config = _load_config(reader)
    contributors, duplicates = _load_contributors(reader)
    with known_people([*(contributors or {}).values(), *duplicates]):
        read_ahead(root, _markdown_files(root), cache, MAX_MARKDOWN_BYTES)
        issues = _load_issues(reader)
        articles = _load_markdown_dir(reader, root / "content" / "articles", _article)
        pages = _load_markdown_dir(reader, root / "content" / "pages", _page)
    reader.problems.extend(stray_files(root))
    if config is None:
        return None, reader.problems
    publication = Publication(
        config=config,
        contributors=contributors or {},
        registry_ok=contributors is not None,
        duplicates=tuple(duplicates),
        issues=tuple(sorted(issues, key=lambda i: (i.date, i.number), reverse=True)),
        articles=tuple(sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)),
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
    )
    return publication, reader.problems


def _markdown_files(root: Path) -> Iterator[tuple[Path, type]]:
    """Every Markdown file that may be read, with what it is read as."""
    content = root / "content"
    yield from ((path, Article) for path in sorted(content.glob("issues/*/*.md")))
    yield from ((path, Article) for path in sorted(content.glob("articles/*.md")))
    yield from ((path, Page) for path in sorted(content.glob("pages/*.md")))


def _load_config(reader: _Reader) -> SiteConfig | None:
    raw = reader.yaml_file(reader.root / CONFIG_FILE, YMap)
    if raw is None:
        return None
    values = reader.declared(SiteConfig, raw, CONFIG_FILE, Location(CONFIG_FILE))
    return None if values is None else SiteConfig(**values)


def _load_contributors(
    reader: _Reader,
) -> tuple[dict[str, Contributor] | None, list[Contributor]]:
    """Everyone in the registry (None when the file itself cannot be used), and the
    entries whose id was already taken."""
    path = reader.root / CONTRIBUTORS_FILE
    if not path.is_file():
        reader.problems.append(
            Location(CONTRIBUTORS_FILE).error(
                "missing-file", "there is no contributors file; create it, even if it lists nobody"
            )
        )
        return None, []
    raw = reader.yaml_file(path, YList)
    if raw is None:
        return None, []
    if not isinstance(raw, list):
        reader.problems.append(
            raw.loc.error(
                "not-a-list", "the contributors file must be a list of '- id: ...' entries"
            )
        )
        return None, []
    people: dict[str, Contributor] = {}
    duplicates: list[Contributor] = []
    for entry in raw:
        person = _contributor(reader, entry) or _placeholder(entry)
        if person is not None and person.id not in people:
            people[person.id] = person
        elif person is not None:
            duplicates.append(person)
            first = people[person.id].loc.line
            reader.problems.append(
                person.loc.error(
                    "duplicate-contributor",
                    f"the id '{person.id}' is already used on line {first}; give each person "
                    "their own id",
                )
            )
    return people, duplicates


def _contributor(reader: _Reader, entry: YValue) -> Contributor | None:
    where = entry.loc if isinstance(entry, YStr | YList | YMap) else Location(CONTRIBUTORS_FILE)
    values = reader.declared(Contributor, entry, "a contributor", where)
    return None if values is None else Contributor(**values)


def _placeholder(entry: YValue) -> Contributor | None:
    """A stand-in for an entry whose problems are already reported, if its id is readable.

    It keeps the id taken, so articles crediting that person are not also told there is
    no such contributor. It names nobody: its consent is empty, and the build stops
    anyway because of the entry's own errors.
    """
    if not isinstance(entry, YMap):
        return None
    person_id = entry.get("id")
    if not isinstance(person_id, YStr) or not ID_PATTERN.match(person_id):
        return None
    return Contributor(
        id=str(person_id),
        shown_as="anonymous",
        roles=(),
        consent=NO_CONSENT,
        written=Written(at=entry.loc, keys={"id": entry.key_locs["id"]}),
    )


def _load_issues(reader: _Reader) -> list[Issue]:
    folder = reader.root / "content" / "issues"
    if not folder.is_dir():
        return []
    issues = []
    for issue_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        if reader.inside(issue_dir):
            issue = _issue(reader, issue_dir)
            if issue is not None:
                issues.append(issue)
    return issues


def _issue(reader: _Reader, folder: Path) -> Issue | None:
    path = folder / "issue.yml"
    shown = reader.shown(path)
    if not path.is_file():
        reader.problems.append(
            Location(reader.shown(folder)).error(
                "missing-issue-file",
                "this issue folder has no issue.yml; add one with the title, number, "
                "date and running order",
            )
        )
        return None
    raw = reader.yaml_file(path, YMap)
    if raw is None:
        return None
    values = reader.declared(Issue, raw, "issue.yml", Location(shown))
    if values is None:
        return None
    files = tuple(sorted(p.name for p in folder.glob("*.md")))
    slug = slugify(folder.name)
    articles = []
    for name in values["running_order"]:
        file = folder / name
        if name in files and reader.inside(file):
            article = _article(reader, file, issue=slug)
            if article is not None:
                articles.append(article)
    return Issue(source=shown, slug=slug, files=files, articles=tuple(articles), **values)


def _load_markdown_dir(reader: _Reader, folder: Path, make) -> list:  # noqa: ANN001
    if not folder.is_dir():
        return []
    items = []
    for path in sorted(folder.glob("*.md")):
        if reader.inside(path):
            item = make(reader, path)
            if item is not None:
                items.append(item)
    return items


def _front_matter(reader: _Reader, path: Path, model: type) -> tuple[dict[str, Any], Body] | None:
    """Read a Markdown file: (the model's declared values, its body) or None when unusable."""
    shown = reader.shown(path)
    try:
        text = read_text(path, shown, MAX_MARKDOWN_BYTES)
    except ContentError as err:
        reader.problems.extend(err.problems)
        return None

    def read() -> tuple[dict[str, Any], Body] | None:
        result, problems = read_markdown(text, shown, model, reader.cache, reader.converter)
        reader.problems.extend(problems)
        return result

    return reader.remembered((shown, model), text, read)


def _empty(kind: type[YMap] | type[YList], loc: Location) -> YMap | YList:
    """An empty mapping or list standing for an empty YAML document at `loc`."""
    value = kind()
    value.loc = loc
    if isinstance(value, YMap):
        value.key_locs = {}
    return value


def _article(reader: _Reader, path: Path, issue: str | None = None) -> Article | None:
    read = _front_matter(reader, path, Article)
    if read is None:
        return None
    values, body = read
    return Article(
        source=reader.shown(path), slug=slugify(path.stem), body=body, issue=issue, **values
    )


def _page(reader: _Reader, path: Path) -> Page | None:
    read = _front_matter(reader, path, Page)
    if read is None:
        return None
    values, body = read
    return Page(source=reader.shown(path), slug=slugify(path.stem), body=body, **values)
