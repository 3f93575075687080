"""Where a command may write: never over the publication's own sources.

Editors' files are the only copy of their work, and `content/contributors.private.yml`
is git-ignored, so nothing else holds it. Only `flagpress sign-off` edits a source
(and only its `sign_off` block); `build --output` and `pdf --output` are refused
anywhere in `content/` or `templates/`, or on `site_config.yml`. Paths are compared
after resolving symlinks, so a link that points into `content/` is refused too.
"""

from __future__ import annotations

from pathlib import Path

from flagpress.diagnostics import UsageError

SOURCE_FOLDERS = ("content", "templates")
SOURCE_FILES = ("site_config.yml",)


class SourceOutput(UsageError):
    """An output path that would overwrite the publication's sources (a usage error)."""


def refuse_sources(root: Path, output: Path, shown: str | None = None) -> None:
    """Raise SourceOutput if writing `output` could replace or sit among the sources.

    `shown` names the place in the message when the user did not type one (a PDF's
    default name in the current folder).
    """
    out, base = output.resolve(), root.resolve()
    place = shown or str(output)
    for name in SOURCE_FOLDERS:
        folder = (base / name).resolve()
        if out.is_relative_to(folder):
            raise SourceOutput(
                f"refusing to write to {place}: it is in the publication's {name}/ folder, "
                f"whose files must never be overwritten; {_CHOOSE}"
            )
    for name in SOURCE_FOLDERS + SOURCE_FILES:
        if (base / name).resolve().is_relative_to(out):
            what = f"the {name} folder" if name in SOURCE_FOLDERS else name
            raise SourceOutput(
                f"refusing to write to {place}: it is or contains {what}, which must never "
                f"be overwritten; {_CHOOSE}"
            )


_CHOOSE = "choose a place outside content/, templates/ and site_config.yml"
