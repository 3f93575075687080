"""The whole pipeline in one place: load -> validate -> render -> publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flagpress import heap, sign_off
from flagpress.commands import changes
from flagpress.commands import status as status_
from flagpress.commands import where as where_
from flagpress.commands.check_paths import problems_of, reading_ease_of
from flagpress.commands.unchanged import Checked
from flagpress.diagnostics import (
    ContentError,
    Problem,
    UsageError,
    did_you_mean,
    has_errors,
)
from flagpress.folder_listing import count_named, entries
from flagpress.load import CACHE_DIR, load_publication
from flagpress.load.cache import DiskCache, LoadCache, disk_cache
from flagpress.load.content_files import ContentFiles
from flagpress.load.layout import PRINTER_FOLDER
from flagpress.load.private_file import Private, load_private
from flagpress.model import Publication, without_sources
from flagpress.publish import leak_scan
from flagpress.publish import release as publish
from flagpress.publish.clean_files import CleanFiles
from flagpress.publish.folders_ahead import FoldersAhead
from flagpress.publish.gate import Gate
from flagpress.publish.output_path import refuse_sources
from flagpress.publish.redaction import redact
from flagpress.render import ALTERNATES, OUTPUTS, Edition, Output, Progress, build_edition, quiet
from flagpress.render.edition import FOR_THE_PRINTER
from flagpress.render.press import PrinterEditions, forget_stale_pdfs
from flagpress.validate import plain_language, validate


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    built: bool = False
    pages: int = 0
    pdfs: int = 0
    release: Path | None = None
    notes: list[str] = field(default_factory=list)  # lines to print after a successful build
    for_the_printer: int = 0  # PDFs written to the printer's folder
    unchanged: bool = False  # see commands/unchanged.py: then nothing is done


def check(
    root: Path, today: dt.date, cache: LoadCache | None = None
) -> tuple[Publication | None, list[Problem]]:
    """Load and validate: every problem in the publication, none of the output.

    Files unchanged since the last run are read from `cache` (by default the
    publication's own, in .flagpress-cache/load/; `serve` can keep one in memory).
    """
    pub, _, problems = checked(root, today, cache)
    return pub, problems


def shown_problems(
    root: Path, today: dt.date, wanted: list[str] | None, readability: bool
) -> Checked:
    """`flagpress check`: the problems of the `wanted` paths (None: all), and with
    `readability` the reading ease of their texts."""
    pub, problems = check(root, today)
    reading = plain_language.report(pub) if readability and pub is not None else []
    return Checked(problems_of(problems, wanted), reading_ease_of(reading, wanted))


def checked(
    root: Path, today: dt.date, cache: LoadCache | None = None
) -> tuple[Publication | None, Private, list[Problem]]:
    """Load, validate and read the private file: the model (None if unreadable), the
    private details, and every problem, redacted (what each command starts with)."""
    cache = cache or disk_cache(root, CACHE_DIR)
    with heap.no_collection():  # millions of objects made, no garbage cycles (heap.py)
        pub, problems = load_publication(root, cache)
        if pub is not None:
            problems += validate(pub, ContentFiles(root), today, cache)
            if isinstance(cache, DiskCache):
                cache.prune()  # what was not used is an old version of a file
        private, private_problems = load_private(root, pub)
    return pub, private, redact(sorted(set(problems + private_problems)), pub, private)


def build(
    root: Path, output: Path, strict: bool, today: dt.date, progress: Progress = quiet
) -> Outcome:
    """Check, render every output into staging, scan it, and switch it in on success only.

    The printer's edition is staged, scanned (as `print`) and switched in the same way,
    into `printer_folder(root)`, never into the website. `progress` hears how far the
    long steps have got (the command line shows it on a terminal).
    """
    try:
        return _build(root, output, strict, today, progress)
    finally:
        heap.put_back()  # what the build loaded and set aside is collected as usual


def _build(root: Path, output: Path, strict: bool, today: dt.date, progress: Progress) -> Outcome:
    printer = printer_folder(root)
    refuse_sources(root, output)
    publish.check_output(root, output)
    _check_printer_folder(root, printer)
    progress("checking the content", 0, 0)
    # Files equal to the live website's are published as hard links to them.
    live = publish.live(output)
    staging = publish.stage(output)
    ahead = FoldersAhead(staging, live)  # the live release's folders, made while checking
    with heap.no_collection():  # and none of what `checked` made is walked on enabling
        try:
            pub, private, problems = checked(root, today)
        except BaseException:
            _discard(ahead, None)
            raise
        heap.set_aside()  # it lives as long as the build: collections need not walk it
    outcome = Outcome(problems=problems)
    if pub is None or has_errors(problems, strict):
        _discard(ahead, None)
        return outcome
    pub = without_sources(pub)  # checked: no output reads the Markdown again
    clean = CleanFiles(memory_folder(root))  # files found clean, this build and earlier ones
    printing: Path | None = None
    gates: list[Gate] = []
    try:
        edition = build_edition(pub, root, today, ALTERNATES)
        forget_stale_pdfs(edition)  # a withdrawn issue's PDFs must not wait in the cache
        sign_off.forget_normalised()  # the check's: as large again as every body, unused now
        printing = publish.stage(printer) if _for_the_printer(edition, printer) else None
        gates = [Gate(root, staging, pub.config.downloads, live, memory_folder(root), ahead)]
        gates += [Gate(root, printing, ())] if printing is not None else []
        outcome.problems += _render(edition, gates, strict, progress)
        if not has_errors(outcome.problems, strict):
            progress("checking every file made for private details", 0, 0)
            gates[0].remove_unused_folders()
            publish.share_unchanged(staging, live)
            scan = _scan(clean, (staging, output.name), printing, pub, private, today)
            outcome.problems += scan
    except BaseException:
        _discard(ahead, printing)
        raise
    finally:
        for gate in gates:
            gate.close()
    # Every problem as printed, and as remembered (commands/unchanged.py): never a private value.
    outcome.problems = redact(sorted(set(outcome.problems)), pub, private)
    if has_errors(outcome.problems, strict):
        _discard(ahead, printing)
        clean.save(prune=True)  # what was found clean stays so, once the leak is fixed
        return outcome
    published = entries(staging)
    outcome.pages = count_named(published, last="index.html")
    outcome.pdfs = count_named(published, ending=".pdf")
    if printing is not None:
        outcome.for_the_printer = count_named(entries(printing), ending=".pdf")
        publish.switch(printing, printer)
    # One more previous release stays until the kept one is scanned (remove_naming).
    outcome.release = publish.switch(staging, output, spare=publish.KEEP_PREVIOUS + 1)
    outcome.built = True
    # A kept release naming someone who has since withdrawn must not outlive this build.
    outcome.notes = publish.remove_naming(
        output, lambda old, shown: leak_scan.scan(old, shown, pub, private, today, clean)
    )
    clean.save(prune=True)  # only what this build's files and the kept release's need
    return outcome


def printer_folder(root: Path) -> Path:
    """Where `build` puts the printer's edition: beside content/, outside any website."""
    return root / PRINTER_FOLDER


def _check_printer_folder(root: Path, printer: Path) -> None:
    """Refuse to replace a `print/` folder someone else made (a usage error)."""
    try:
        publish.check_output(root, printer)
    except publish.UnsafeOutput:
        raise publish.UnsafeOutput(
            f"{printer} exists and was not made by flagpress, which writes the printer's "
            "PDFs there; move it away or rename it, so that nothing in it is lost"
        ) from None


def _for_the_printer(edition: Edition, printer: Path) -> bool:
    """Whether to (re)make the printer's folder: wanted, or there to empty of old PDFs."""
    return FOR_THE_PRINTER in edition.config.print.variants or printer.is_symlink()


def _scan(
    clean: CleanFiles,
    website: tuple[Path, str],
    printing: Path | None,
    pub: Publication,
    private: Private,
    today: dt.date,
) -> list[Problem]:
    """The leak scan of the website (staged, and its name), and of the printer's folder."""
    folder, shown = website
    problems = leak_scan.scan(folder, shown, pub, private, today, clean)
    if printing is not None:
        problems += leak_scan.scan(
            printing, PRINTER_FOLDER, pub, private, today, clean, channel="print"
        )
    return problems


def _discard(ahead: FoldersAhead, printing: Path | None) -> None:
    """Remove a failed build's staging folders (once the folders' helper is done)."""
    ahead.stop()
    publish.discard(ahead.staging)
    if printing is not None:
        publish.discard(printing)


def _render(edition: Edition, gates: list[Gate], strict: bool, progress: Progress) -> list[Problem]:
    """Every output through the website's gate (the printer's edition through the
    printer folder's gate, if there is one), in order; stops at the first that fails."""
    problems: list[Problem] = []
    outputs: list[tuple[Output, Gate]] = [(o, gates[0]) for o in OUTPUTS]
    outputs += [(PrinterEditions(), gates[1])] if len(gates) > 1 else []
    for output, gate in outputs:
        try:
            problems += output.render(edition, gate, progress)
        except ContentError as err:  # a broken template override: the editor's to fix
            problems += err.problems
        problems += gate.problems
        gate.problems = []
        if has_errors(problems, strict):
            break
    return problems


def memory_folder(root: Path) -> Path:
    """Where outputs and the leak scan remember what they made and found clean."""
    return root / CACHE_DIR


class UnknownPerson(UsageError):
    """`flagpress where` was given an id that is not in the registry."""


def whereabouts(root: Path, person: str, today: dt.date) -> list[where_.Place]:
    """Every place `person` appears: for data-protection requests."""
    pub, private, _ = checked(root, today)
    if pub is None or person not in pub.contributors:
        known = pub.contributors if pub else {}
        raise UnknownPerson(
            f"no contributor '{person}' in content/contributors.yml{did_you_mean(person, known)}"
        )
    return where_.places(pub, private, person, today)


def status(root: Path, today: dt.date) -> tuple[list[status_.Section], list[Problem]]:
    """What is waiting (drafts, sign-offs, embargoes, consent), and the content's problems.

    Raises ContentError when the publication cannot be read at all.
    """
    pub, private, problems = checked(root, today)
    if pub is None:
        raise ContentError(problems)
    return status_.status(pub, private, today, changes.kept(root)), problems


def preview(
    root: Path, port: int, drafts: bool, echo: Callable[[str], None], today: dt.date | None = None
) -> None:
    """`flagpress serve`: show the publication on 127.0.0.1:`port` until Ctrl+C.

    Checked and rendered like a build, with `drafts` marked if asked for; nothing is
    published (no release, no `site/`, no PDFs): see commands/serve.
    """
    # Imported here: MkDocs and the watcher are loaded only when a preview runs.
    from flagpress.commands.serve import Preview

    preview = Preview(root, echo, drafts, (lambda: today) if today else dt.date.today)
    preview.serve(port)
