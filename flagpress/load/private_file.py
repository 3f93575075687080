"""Reading `content/contributors.private.yml`: real names and contact details.

The build never puts this file into the model: only the leak scan and `flagpress
where` read it, to know what must never be published. Problems with the file are
reported like any other content problem, never quoting a value.
"""

from __future__ import annotations

from pathlib import Path

from flagpress.diagnostics import ContentError, Problem
from flagpress.load.person_ids import did_you_mean_id
from flagpress.load.source_files import read_text
from flagpress.load.strict_yaml import YMap, YStr, parse_yaml
from flagpress.model import Publication

PRIVATE_FILE = "content/contributors.private.yml"

Private = dict[str, dict[str, str]]  # contributor id -> {field: value}

_SHAPE = "write one line per person: id: {real_name: ..., email: ..., phone: ...} with text values"


def load_private(root: Path, pub: Publication | None) -> tuple[Private, list[Problem]]:
    """The private registry (empty if there is none) and any problems with the file."""
    path = root / PRIVATE_FILE
    if not path.is_file():
        return {}, []
    try:
        raw = parse_yaml(read_text(path, PRIVATE_FILE), PRIVATE_FILE)
    except ContentError as err:
        return {}, err.problems
    if raw is None:
        return {}, []
    if not isinstance(raw, YMap):
        return {}, [raw.loc.error("not-a-mapping", _SHAPE)]
    private: Private = {}
    problems: list[Problem] = []
    for person, details in raw.items():
        loc = raw.key_locs[person]
        if not isinstance(details, YMap) or not all(isinstance(v, YStr) for v in details.values()):
            problems.append(loc.error("not-a-mapping", _SHAPE))
            continue
        private[person] = {key: str(value) for key, value in details.items() if value.strip()}
        if pub is not None and person not in pub.contributors:
            hint = did_you_mean_id(person, [*pub.contributors.values(), *pub.duplicates])
            problems.append(
                loc.warning(
                    "private-unknown-id",
                    f"'{person}' is not in content/contributors.yml{hint}; their private "
                    "details are still kept out of every output",
                )
            )
    return private, problems
