"""Finding the publication from wherever an editor happens to be, as Git does.

Volunteers open a terminal in the folder of the article they are writing, not at the
top of the publication; every command should still work there. Without `--root`,
flagpress walks up from the current folder to the first one holding `site_config.yml`.
"""

from __future__ import annotations

from pathlib import Path

from flagpress.diagnostics import UsageError
from flagpress.load.layout import CONFIG_FILE


class NoPublication(UsageError):
    """No folder from here up holds a site_config.yml (a usage error)."""


def find_root(start: Path) -> Path:
    """The nearest folder from `start` upwards holding site_config.yml."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NoPublication(
        f"no {CONFIG_FILE} here or in any folder above; run flagpress inside a "
        "publication folder or point --root at one"
    )


def publication_root(given: Path | None) -> Path:
    """`--root` as given (checked when it is read), or the publication found from here."""
    return given if given is not None else find_root(Path.cwd())
