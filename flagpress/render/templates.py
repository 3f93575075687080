"""The one Jinja set-up every output shares: where templates live, and how they fail.

Built-in templates are in `flagpress/templates/<kind>/`; a publication's own
`templates/<kind>/<name>` replaces the built-in file of that name. Autoescaping is
on (titles, names and summaries are text, never markup) and an undefined variable
is an error, not an empty string. A broken override is the publication's to fix,
so it becomes a Problem at its file and line, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from flagpress.diagnostics import ContentError, Location, Problem

BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def long_date(day: dt.date) -> str:
    """'1 March 2019': dates as readers say them."""
    return f"{day.day} {day:%B %Y}"


def folders(root: Path, kind: str) -> list[Path]:
    """Where templates of `kind` (web, print) are looked up: the publication's own first."""
    return [root / "templates" / kind, BUILTIN / kind]


def find_file(root: Path, kind: str, name: str) -> Path:
    """The file that will be used for template `name`: an override, else the built-in."""
    return next((f / name for f in folders(root, kind) if (f / name).is_file()), Path(name))


class Templates:
    """Renders the templates of one kind for one publication."""

    def __init__(self, root: Path, kind: str) -> None:
        self.root, self.kind = root, kind
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders(root, kind)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["long_date"] = long_date

    def render(self, template: str, **context: object) -> str:
        """The rendered template; a broken one raises ContentError with its location."""
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as err:
            raise ContentError([self.problem(template, err)]) from None

    def problem(self, template: str, err: jinja2.TemplateError) -> Problem:
        override = self.root / "templates" / self.kind / template
        path = Path(getattr(err, "filename", None) or override)
        inside = path.is_relative_to(self.root)
        shown = path.relative_to(self.root).as_posix() if inside else template
        what = "this template" if self.kind == "web" else f"this {self.kind} template"
        return Location(shown, getattr(err, "lineno", None) or 1).error(
            "template-error",
            f"{what} cannot be used ({err.message or type(err).__name__}); fix it, "
            "or delete it to use flagpress's built-in one",
        )
