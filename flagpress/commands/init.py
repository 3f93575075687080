"""`flagpress init FOLDER`: a new publication, for another partnership, that builds at once.

Starting from a copy of someone else's magazine drags their people, sign-offs and
settings along; starting from nothing means learning the format before anything
works. So `init` writes the smallest publication that builds: settings with every
key and its comment (from the declarations, like `flagpress new`), one person who
is named nowhere, one issue with one draft article, an about page, and around it what
a team needs to work in Git: `.gitignore` (the private file is in it), a README for
its editors, the GitHub workflow (check on pull requests, publish from main), a
pre-commit hook, and the VS Code schema wiring. The non-content files come from
flagpress/templates/scaffold/ (named without leading dots so they are packaged).
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import metadata, resources
from pathlib import Path

from flagpress.commands import skeleton
from flagpress.commands.new import BODY, Ask
from flagpress.diagnostics import Location, UsageError, printable
from flagpress.load.fields import Invalid, web_address
from flagpress.load.json_schema import write_schemas
from flagpress.load.strict_yaml import YStr
from flagpress.model import Article, Contributor, Issue, Page
from flagpress.settings import SiteConfig

# Each packaged file and where init writes it in the new publication.
FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "github-workflow.yml": ".github/workflows/flagpress.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "vscode-settings.json": ".vscode/settings.json",
    "vscode-extensions.json": ".vscode/extensions.json",
}
ROLES = {
    "volunteer": "Volunteer",
    "peer-researcher": "Peer researcher",
    "interviewer": "Interviewer",
    "editor": "Editor",
    "illustrator": "Illustrator",
}
EDITOR = "first-editor"  # named nowhere until someone makes them a real person


class InitRefused(UsageError):
    """`init` would overwrite something (a usage error); nothing was written."""


def init(
    folder: Path,
    title: str | None,
    publisher: str | None,
    url: str | None,
    today: dt.date,
    ask: Ask | None,
) -> list[str]:
    """Write a new publication into `folder` (new or empty); returns the lines to show."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitRefused(f"{folder} is not empty; give a new folder, or an empty one")
    title = _value(title, ask, "The publication's name", "Our Magazine")
    publisher = _value(publisher, ask, "Who publishes it", "Our partnership")
    url = _address(_value(url, ask, "The website's address", "https://example.org/"))
    title, publisher = (_text(v, what) for v, what in ((title, "name"), (publisher, "publisher")))
    issue = f"content/issues/{today:%Y-%m}"
    files = {
        "site_config.yml": _site_config(title, publisher, url),
        "content/contributors.yml": _contributors(today),
        f"{issue}/issue.yml": _issue(today),
        f"{issue}/welcome.md": _article(today),
        "content/pages/about.md": _page(title),
    }
    for source, target in FILES.items():
        files[target] = _packaged(source, title)
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    write_schemas(folder / "schemas")
    return [
        f"Made a new publication in {folder}/, with a draft article in {issue}/welcome.md.",
        f"Next: cd {folder}, read README.md, then run flagpress check and flagpress build.",
    ]


def _value(given: str | None, ask: Ask | None, question: str, default: str) -> str:
    if given is not None:
        return given
    return ask(question, default) if ask is not None else default


def _address(url: str) -> str:
    """The website's address, as site_config.yml takes it (else it would not build)."""
    try:
        return str(web_address(YStr(url.strip(), Location("--url"), plain=False)))
    except Invalid as err:
        raise InitRefused(f"--url: {err.message}") from None


def _text(value: str, what: str) -> str:
    if not value.strip() or printable(value) != value:
        raise InitRefused(f"give the publication's {what} in words, with no control characters")
    return value.strip()


def _site_config(title: str, publisher: str, url: str) -> str:
    roles = "{" + ", ".join(f"{k}: {skeleton.scalar(v)}" for k, v in ROLES.items()) + "}"
    values = {
        "title": skeleton.scalar(title),
        "publisher": skeleton.scalar(publisher),
        "language": "en-GB",
        "url": skeleton.scalar(url),
        "roles": roles,
    }
    head = "# Settings for the whole publication. Each key says what it is for.\n"
    return head + "\n".join(skeleton.lines(SiteConfig, values)) + "\n"


def _contributors(today: dt.date) -> str:
    values = {
        "id": EDITOR,
        "shown_as": "anonymous",
        "roles": "[editor]",
        "consent.web": "false",
        "consent.print": "false",
        "consent.given": today.isoformat(),
    }
    entry = skeleton.lines(Contributor, values, "  ")
    entry[0] = "- " + entry[0][2:]
    head = [
        "# Everyone who is credited: only what may be published. Real names and contact",
        "# details go in content/contributors.private.yml, which is never committed.",
        "# Add people with: flagpress new contributor",
        "",
    ]
    return "\n".join(head + entry) + "\n"


def _issue(today: dt.date) -> str:
    values = {
        "title": "Our first issue",
        "number": "1",
        "date": today.isoformat(),
        "articles": "[welcome.md]",
    }
    return "\n".join(skeleton.lines(Issue, values)) + "\n"


def _article(today: dt.date) -> str:
    values = {
        "title": "Welcome",
        "type": "editorial",
        "summary": skeleton.scalar("Why we are making this magazine together."),
        "date": today.isoformat(),
        "status": "draft",
        "authors": f"[{EDITOR}]",
    }
    return "---\n" + "\n".join(skeleton.lines(Article, values)) + "\n---\n" + BODY


def _page(title: str) -> str:
    front = "---\n" + "\n".join(skeleton.lines(Page, {"title": "About us"})) + "\n---\n"
    return front + f"{title} is written by the people it is about, together with staff.\n"


def _packaged(name: str, title: str) -> str:
    """A file from flagpress/templates/scaffold/, with the title and flagpress filled in."""
    text = resources.files("flagpress").joinpath("templates", "scaffold", name).read_text("utf-8")
    version = metadata.version("flagpress")
    text = text.replace("{{requirement}}", requirement(metadata.distribution("flagpress")))
    return text.replace("{{title}}", title).replace("{{version}}", version)


def requirement(installed: metadata.Distribution) -> str:
    """How the new publication's workflow installs this very flagpress: from the Git
    repository and commit it was installed from (pip records it, PEP 610) when that is
    a public address, else by its version number."""
    recorded = installed.read_text("direct_url.json")
    origin = json.loads(recorded) if recorded else {}
    vcs = origin.get("vcs_info", {})
    url = str(origin.get("url", ""))
    if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
        return f"flagpress @ git+{url}@{vcs['commit_id']}"
    return f"flagpress=={installed.version}"
