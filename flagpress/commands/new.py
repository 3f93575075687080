"""`flagpress new`: a new article, page, issue or contributor, ready to fill in.

Volunteers should not have to remember which keys a file needs or copy an old one
(and its sign-offs). Each new file lists every key with a one-line comment
(flagpress/commands/skeleton.py, from the declarations), gets its name from its
title, and is added where flagpress looks for it: an article to its issue's running
order, a person to contributors.yml. A new article is a draft, so it passes
`flagpress check` at once and can never be published by accident; a new person has
agreed to nothing until someone records their consent.

Values come from flags; in a terminal, whatever is missing is asked for (`ask`).
Nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flagpress.commands import skeleton
from flagpress.commands.append import add_contributor, add_to_running_order
from flagpress.commands.choices import NEW_KINDS
from flagpress.diagnostics import UsageError, did_you_mean, printable
from flagpress.load import load_publication
from flagpress.load.publication import CONTRIBUTORS_FILE
from flagpress.model import ARTICLE_TYPES, SHOWN_AS, Article, Contributor, Issue, Page, Publication
from flagpress.slugs import slugify

KINDS = NEW_KINDS
SUMMARY_TO_WRITE = "Write one sentence saying what this is about."
BODY = (
    "<!-- Write below, in Markdown. Headings inside start at ##. Every image needs a "
    "description: ![What it shows](images/photo.jpg). This note is never published. -->\n"
    "\n"
    "Write the text here.\n"
)
# Asks one question in a terminal: (question, default or None) -> the answer.
Ask = Callable[[str, str | None], str]


class NewRefused(UsageError):
    """The new file cannot be made as asked (a usage error); nothing was written."""


@dataclass(frozen=True)
class Request:
    """What `flagpress new` was given; None (or empty) means not given."""

    kind: str
    title: str | None = None
    issue: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    slug: str | None = None
    number: int | None = None
    date: dt.date | None = None
    person: str | None = None
    name: str | None = None
    shown_as: str | None = None
    roles: tuple[str, ...] = ()
    web: bool | None = None
    print: bool | None = None


def new(root: Path, request: Request, today: dt.date, ask: Ask | None) -> list[str]:
    """Write what `request` asks for; returns the lines to show the editor.

    `ask` is None when there is no terminal: then a missing value that has no safe
    default is a usage error naming the flag to give.
    """
    pub, _problems = load_publication(root)  # problems are check's business, not new's
    if pub is None:
        raise NewRefused("site_config.yml cannot be read; run flagpress check and fix it first")
    questions = _Questions(ask)
    if request.kind in ARTICLE_TYPES:
        return _article(root, pub, request, today, questions)
    makers = {"page": _page, "issue": _issue, "contributor": _contributor}
    return makers[request.kind](root, pub, request, today, questions)


class _Questions:
    """A value from its flag, else from the editor in a terminal, else a default."""

    def __init__(self, ask: Ask | None) -> None:
        self.ask = ask

    def text(self, given: str | None, flag: str, question: str, default: str | None = None) -> str:
        if given is not None:
            return given
        if self.ask is not None:
            return self.ask(question, default)
        if default is not None:
            return default
        raise NewRefused(f"give {flag} (or run this in a terminal to be asked)")

    def yes(self, given: bool | None, question: str) -> bool:
        if given is not None:
            return given
        if self.ask is None:
            return False  # nothing is agreed until someone says so
        return self.ask(f"{question} (yes/no)", "no").strip().lower() in ("y", "yes")


def _article(
    root: Path, pub: Publication, request: Request, today: dt.date, q: _Questions
) -> list[str]:
    title = _title(q.text(request.title, "--title", "Title"))
    where = q.text(
        request.issue,
        "--issue",
        "Which issue is it in? (its folder name or number; leave empty for the website only)",
        "",
    )
    folder = _issue_folder(root, pub, where) if where else "content/articles"
    authors = request.authors or _words(
        q.text(None, "--author", "Who wrote it? (contributor ids, separated by commas)", "")
    )
    _known_people(pub, authors)
    summary = q.text(request.summary, "--summary", "Summary (one sentence)", SUMMARY_TO_WRITE)
    summary = _plain_text(summary.strip() or SUMMARY_TO_WRITE, "the summary")
    file_name = f"{_slug(title, request.slug)}.md"
    values = {
        "title": skeleton.scalar(title),
        "type": request.kind,
        "summary": skeleton.scalar(summary),
        "date": today.isoformat(),
        "status": "draft",
        "authors": skeleton.flow_list(list(authors)),
    }
    shown = f"{folder}/{file_name}"
    said = [f"Wrote {shown}: a draft, so it is not published until you change its status."]
    running_order = f"{folder}/issue.yml"
    issue = next((i for i in pub.issues if i.source == running_order), None)
    add = None
    if where and (issue is None or file_name not in issue.running_order):
        add = add_to_running_order(root / running_order, running_order, file_name)
        said.append(f"Added {file_name} to the end of 'articles:' in {running_order}.")
    _create(root / shown, shown, _front(Article, values) + BODY)
    if add is not None:
        add()
    return said


def _page(
    root: Path, pub: Publication, request: Request, today: dt.date, q: _Questions
) -> list[str]:
    title = _title(q.text(request.title, "--title", "Title"))
    shown = f"content/pages/{_slug(title, request.slug)}.md"
    _create(root / shown, shown, _front(Page, {"title": skeleton.scalar(title)}) + BODY)
    return [f"Wrote {shown}. Standing pages are published as soon as they exist."]


def _issue(
    root: Path, pub: Publication, request: Request, today: dt.date, q: _Questions
) -> list[str]:
    title = _title(q.text(request.title, "--title", "Title"))
    date = request.date or today
    number = request.number or max((i.number for i in pub.issues), default=0) + 1
    taken = next((i for i in pub.issues if i.number == number), None)
    if taken is not None:
        raise NewRefused(f"issue {number} already exists ({taken.slug}); give another --number")
    folder = f"content/issues/{request.slug or date.strftime('%Y-%m')}"
    if request.slug is not None and slugify(request.slug) != request.slug:
        raise NewRefused(f"write --slug as lowercase words joined by hyphens, e.g. {date:%Y-%m}")
    values = {
        "title": skeleton.scalar(title),
        "number": str(number),
        "date": date.isoformat(),
        "articles": "[]",
    }
    text = "\n".join(skeleton.lines(Issue, values)) + "\n"
    _create(root / folder / "issue.yml", f"{folder}/issue.yml", text)
    return [
        f"Wrote {folder}/issue.yml (issue {number}). Add articles to it with "
        f"flagpress new article --issue {number}."
    ]


def _contributor(
    root: Path, pub: Publication, request: Request, today: dt.date, q: _Questions
) -> list[str]:
    shown_as = q.text(
        request.shown_as, "--shown-as", f"How are they named? ({', '.join(SHOWN_AS)})"
    )
    if shown_as not in SHOWN_AS:
        raise NewRefused(f"--shown-as must be one of: {', '.join(SHOWN_AS)}")
    name = "" if shown_as == "anonymous" else q.text(request.name, "--name", "Name to print")
    name = _plain_text(name.strip(), "the name")
    person = q.text(request.person, "--id", "Id (short, e.g. neil-j)", slugify(name) or None)
    if slugify(person) != person:
        raise NewRefused(
            f"write the id as lowercase words joined by hyphens, e.g. {slugify(person)}"
        )
    roles = request.roles or _words(q.text(None, "--role", "Roles (separated by commas)"))
    unknown = [r for r in roles if r not in pub.config.roles]
    if unknown or not roles:
        hint = did_you_mean(unknown[0], pub.config.roles) if unknown else ""
        known = ", ".join(pub.config.roles)
        raise NewRefused(f"give --role with one of the roles in site_config.yml{hint}: {known}")
    values = {
        "id": person,
        "shown_as": shown_as,
        "name": skeleton.scalar(name),
        "roles": skeleton.flow_list(list(roles)),
        "consent.web": _yaml_bool(q.yes(request.web, "May they be named on the website?")),
        "consent.print": _yaml_bool(q.yes(request.print, "May they be named in print?")),
        "consent.given": today.isoformat(),
    }
    entry = skeleton.lines(Contributor, values, "  ")
    entry[0] = "- " + entry[0][2:]
    add_contributor(root / CONTRIBUTORS_FILE, CONTRIBUTORS_FILE, entry, person)
    return [
        f"Added '{person}' to {CONTRIBUTORS_FILE}. Their real name and contact details go "
        "in content/contributors.private.yml, never in this file."
    ]


def _front(model: type, values: dict[str, str]) -> str:
    return "---\n" + "\n".join(skeleton.lines(model, values)) + "\n---\n"


def _title(title: str) -> str:
    if not title.strip():
        raise NewRefused("give a title with some words in it")
    return _plain_text(title.strip(), "the title")


def _plain_text(text: str, what: str) -> str:
    """`text`, refused if it holds a control character (flagpress would refuse the file)."""
    if printable(text) != text:
        raise NewRefused(f"{what} holds a control character; type it again without it")
    return text


def _slug(title: str, given: str | None) -> str:
    """The file name (without .md): `--slug` as given, else made from the title."""
    slug = given if given is not None else slugify(title)
    if not slug or slugify(slug) != slug:
        raise NewRefused(
            "give --slug with a file name of lowercase words joined by hyphens, e.g. my-article"
        )
    return slug


def _issue_folder(root: Path, pub: Publication, given: str) -> str:
    """The issue's folder (relative) from its folder name or number."""
    for issue in pub.issues:
        if given in (issue.slug, str(issue.number)):
            return str(Path(issue.source).parent.as_posix())
    if given == slugify(given) and (root / "content/issues" / given / "issue.yml").is_file():
        return f"content/issues/{given}"
    known = ", ".join(f"{i.slug} (issue {i.number})" for i in pub.issues) or "none yet"
    raise NewRefused(f"no issue '{given}'; the issues are: {known}")


def _known_people(pub: Publication, ids: tuple[str, ...]) -> None:
    for person in ids:
        if person not in pub.contributors:
            hint = did_you_mean(person, pub.contributors)
            raise NewRefused(
                f"no contributor '{person}' in {CONTRIBUTORS_FILE}{hint}; add them first with "
                "flagpress new contributor"
            )


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip())


def _yaml_bool(value: bool) -> str:
    return "true" if value else "false"


def _create(path: Path, shown: str, text: str) -> None:
    """Write a new file; one that already exists is never overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise NewRefused(
            f"{shown} already exists; give another --title or a --slug for the file name"
        ) from None
