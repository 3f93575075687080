"""The `flagpress` command: parses options, runs the pipeline, maps outcomes to exit codes.

Exit codes (FORMAT.md): 0 fine (warnings allowed), 1 problems in the content,
2 usage error, 70 a flagpress bug. Content problems are printed as diagnostics, never
as tracebacks; what a command raises becomes its exit code in one place
(commands/command_group.py). How problems look is
decided in commands/problem_output.py. Everything printed goes through `_echo` (which
escapes control characters: titles, ids and paths come from files and arguments, and
must not drive the terminal) or is a `Line` made safe already.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flagpress.commands import console, unchanged
from flagpress.commands.arguments import Date
from flagpress.commands.check_paths import wanted_paths
from flagpress.commands.choices import NEW_KINDS, REPORT_FORMATS
from flagpress.commands.command_group import Commands
from flagpress.commands.problem_output import files_checked
from flagpress.commands.root import publication_root
from flagpress.commands.terminal import ProgressLine
from flagpress.diagnostics import has_errors
from flagpress.load.layout import PRINTER_FOLDER
from flagpress.settings import PRINT_VARIANTS

if TYPE_CHECKING:
    from flagpress.pipeline import Outcome

# Everything else (the pipeline above all: MkDocs, WeasyPrint, Markdown) is imported in
# the command that uses it, so that `check` and `build` with nothing changed since the
# last run (commands/unchanged.py) start in a tenth of a second.

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    callback=lambda _ctx, _param, given: publication_root(given),
    help="The publication folder (the one with site_config.yml) "
    "[default: the nearest one from here upwards].",
)
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


@click.group(cls=Commands, params=[console.debug_option()])
@click.version_option(package_name="flagpress")
def main() -> None:
    """flagpress: check and build a co-produced publication."""


_echo, _show, _report = console.echo, console.show, console.report


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT
@STRICT
@click.option(
    "--readability", is_flag=True, help="Also show the reading ease of each article and page."
)
@console.FORMAT
def check(
    paths: tuple[Path, ...], root: Path, strict: bool, readability: bool, form: str | None
) -> None:
    """Check the content and report every problem; writes nothing.

    With PATHS (files or folders, such as an issue's), only their problems are shown;
    the whole publication is still read, since a file's problems can lie elsewhere.
    """
    output = console.problem_output(click.get_current_context(), root, form)
    wanted = wanted_paths(root, paths)
    today = dt.date.today()

    def run() -> unchanged.Checked:
        from flagpress import pipeline

        return pipeline.shown_problems(root, today, wanted, readability)

    options = {"paths": wanted, "readability": readability, "strict": strict}
    found = unchanged.check(root, today, options, run)
    for line in found.reading:
        _echo(line, err=output.form == "json")  # stdout holds the document alone
    _show(output.lines("check", found.problems, files_checked(root, wanted)))
    if has_errors(found.problems, strict):
        raise SystemExit(1)


@main.command()
@ROOT
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to serve on, on this computer only (127.0.0.1); 0 picks any free port.",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="Also show articles that are not published, marked 'Draft \u2014 not published'.",
)
def serve(root: Path, port: int, drafts: bool) -> None:
    """Preview the website while you write: it updates as you save (Ctrl+C stops it)."""
    from flagpress import pipeline

    pipeline.preview(root, port, drafts, _echo)


@main.command()
@ROOT
@STRICT
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the website [default: ROOT/site].",
)
@console.FORMAT
def build(root: Path, strict: bool, output: Path | None, form: str | None) -> None:
    """Check the content, then build the website (only if there are no errors)."""
    shown = console.problem_output(click.get_current_context(), root, form)
    output = output if output is not None else root / "site"
    printer, today = root / PRINTER_FOLDER, dt.date.today()
    with ProgressLine(sys.stderr) as progress:  # on a terminal only; cleared at the end

        def run() -> Outcome:
            from flagpress import pipeline

            return pipeline.build(root, output, strict, today, progress)

        outcome = unchanged.build(root, (output, printer), today, {"strict": strict}, run)
    checked = files_checked(root, None)
    _show(shown.lines("build", outcome.problems, checked, _built(outcome, output, printer)))
    if outcome.unchanged:
        if shown.form != "json":
            _echo(unchanged.NOTHING_CHANGED)
        return
    if not outcome.built:
        _show(shown.failed_build(output))
        raise SystemExit(1)
    if shown.form == "json":
        return  # all said in the document
    for note in outcome.notes:
        _echo(note)
    _echo(f"Built {outcome.pages} pages and {outcome.pdfs} PDFs into {output}/")
    if outcome.for_the_printer:  # never on the website: it may name people it must not
        count = outcome.for_the_printer
        _echo(f"Wrote {count} PDF{'' if count == 1 else 's'} for the printer into {printer}/")


def _built(
    outcome: Outcome | unchanged.Unchanged, output: Path, printer: Path
) -> dict[str, Any]:
    """What a build did, for `--format json`."""
    return {
        "built": outcome.built,
        "live_site_changed": outcome.built,  # the switch runs last, only on success
        "nothing_changed": outcome.unchanged,
        "output": str(output),
        "pages": outcome.pages,
        "pdfs": outcome.pdfs,
        "pdfs_for_the_printer": outcome.for_the_printer,
        "printer_folder": str(printer),
        "notes": outcome.notes,
    }


@main.command()
@click.argument("issue")
@click.option(
    "--variant",
    type=click.Choice(PRINT_VARIANTS),
    default="screen",
    show_default=True,
    help="screen (tagged, accessible), print (with bleed), large-print or booklet.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The PDF file to write [default: e.g. flag-magazine-issue-7-screen.pdf, here].",
)
@ROOT
@STRICT
def pdf(issue: str, variant: str, output: Path | None, root: Path, strict: bool) -> None:
    """Check the content, then make one PDF edition of ISSUE (its folder name or number)."""
    from flagpress import made_aside

    with ProgressLine(sys.stderr) as progress:
        outcome = made_aside.pdf(root, issue, variant, output, strict, dt.date.today(), progress)
    _report("pdf", root, outcome.problems, strict)
    if not outcome.built:
        raise SystemExit(1)
    _echo(f"Wrote {outcome.release}")


DATE = Date()


@main.command()
@click.option("--issue", default=None, help="Only this issue (its folder name or number).")
@click.option(
    "--from", "start", type=DATE, default=None, help="Only articles dated on or after YYYY-MM-DD."
)
@click.option(
    "--to", "end", type=DATE, default=None, help="Only articles dated on or before YYYY-MM-DD."
)
@click.option(
    "--format",
    "form",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text to read, csv for spreadsheets (a row a figure), json for dashboards.",
)
@click.option(
    "--pdf",
    "pdf_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the report as a PDF, one page a section, to this file.",
)
@ROOT
@STRICT
def report(
    issue: str | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    form: str,
    pdf_file: Path | None,
    root: Path,
    strict: bool,
) -> None:
    """Add up how the published work was co-produced: rungs, stages, roles, lived
    experience and sign-off, with small numbers about people hidden."""
    from flagpress import made_aside
    from flagpress.render.report import Scope, write

    scope = Scope(issue, start.date() if start else None, end.date() if end else None)
    outcome = made_aside.report(root, scope, pdf_file, strict, dt.date.today())
    _report("report", root, outcome.problems, strict)
    if outcome.report is None:
        raise SystemExit(1)
    for line in write(outcome.report, form).splitlines():
        _echo(line)
    if outcome.pdf is not None:
        _echo(f"Wrote {outcome.pdf}", err=True)


@main.command("sign-off")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", "person", required=True, help="The id of the person who approved it.")
@click.option(
    "--on",
    "on",
    type=DATE,
    default=None,
    help="The date they approved it, YYYY-MM-DD [default: today].",
)
@ROOT
def sign_off(article: Path, person: str, on: dt.datetime | None, root: Path) -> None:
    """Record that a person read and approved ARTICLE's current text."""
    from flagpress.commands import sign_off as sign_off_command
    from flagpress.sign_off import shown

    day = on.date() if on else dt.date.today()
    digest = sign_off_command.sign_off(root, article, person, day)
    _echo(f"Recorded: {person} approved {article} on {day} (text {shown(digest)}).")


@main.command()
@ROOT
def status(root: Path) -> None:
    """List what is waiting: drafts, sign-offs, embargoes, consent reviews, withdrawals."""
    from flagpress import pipeline
    from flagpress.commands.problem_text import found

    sections, problems = pipeline.status(root, dt.date.today())
    for section in sections:
        _echo(f"{section.heading} ({len(section.items)}):")
        for item in section.items:
            _echo(f"  {item.format()}")
    if not sections:
        _echo(
            "Nothing is waiting: no drafts, sign-offs, embargoes, consent reviews or withdrawals."
        )
    if problems:
        _echo(f"The content also has {found(problems)}: run flagpress check to see them.")


@main.command()
@click.argument("person")
@ROOT
def where(person: str, root: Path) -> None:
    """List every place PERSON (a contributor id) is recorded, credited or mentioned."""
    from flagpress import pipeline

    places = pipeline.whereabouts(root, person, dt.date.today())
    for place in places:
        _echo(place.format())
    _echo(f"{len(places)} places for '{person}'.")


@main.command()
@click.argument("kind", type=click.Choice(NEW_KINDS))
@click.option("--title", default=None, help="The title (articles, pages, issues).")
@click.option("--issue", default=None, help="An article's issue: its folder name or number.")
@click.option("--author", "authors", multiple=True, help="An author's id (repeat for more).")
@click.option("--summary", default=None, help="An article's one-sentence summary.")
@click.option("--slug", default=None, help="The file or folder name [default: from the title].")
@click.option("--number", type=int, default=None, help="An issue's number [default: the next].")
@click.option("--date", type=DATE, default=None, help="An issue's date, YYYY-MM-DD.")
@click.option("--id", "person", default=None, help="A contributor's id, e.g. neil-j.")
@click.option("--name", default=None, help="A contributor's name, exactly as printed.")
@click.option("--shown-as", default=None, help="How a contributor is named: full, ... anonymous.")
@click.option("--role", "roles", multiple=True, help="A contributor's role id (repeat for more).")
@click.option("--web/--no-web", default=None, help="A contributor may be named on the web.")
@click.option(
    "--print/--no-print", "in_print", default=None, help="A contributor may be named in print."
)
@ROOT
def new(
    kind: str, date: dt.datetime | None, root: Path, in_print: bool | None, **given: Any
) -> None:
    """Start a new KIND of file with every key and a comment on each: an article (or
    case-study, editorial, interview, news), page, issue or contributor."""
    from flagpress.commands import new as new_command

    day = date.date() if date else None
    request = new_command.Request(kind, date=day, print=in_print, **given)
    ask = _ask if click.get_text_stream("stdin").isatty() else None
    for line in new_command.new(root, request, dt.date.today(), ask):
        _echo(line)


def _ask(question: str, default: str | None) -> str:
    return str(click.prompt(question, default=default, show_default=bool(default)))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="The publication's name.")
@click.option("--publisher", default=None, help="Who publishes it.")
@click.option("--url", default=None, help="The address the website will live at.")
def init(folder: Path, title: str | None, publisher: str | None, url: str | None) -> None:
    """Make a new publication in FOLDER (new or empty) that builds at once."""
    from flagpress.commands import init as init_command

    ask = _ask if click.get_text_stream("stdin").isatty() else None
    for line in init_command.init(folder, title, publisher, url, dt.date.today(), ask):
        _echo(line)


@main.command()
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The folder to write the schemas into [default: ROOT/schemas].",
)
@ROOT
def schema(output: Path | None, root: Path) -> None:
    """Write JSON Schemas of the files editors write, so that editors' tools (VS Code's
    YAML extension) complete keys and underline mistakes while typing."""
    from flagpress.load.json_schema import write_schemas
    from flagpress.publish.output_path import refuse_sources

    output = output if output is not None else root / "schemas"
    refuse_sources(root, output)
    written = write_schemas(output)
    _echo(f"Wrote {len(written)} JSON Schemas into {output}/")


if __name__ == "__main__":
    main()
