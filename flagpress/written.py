"""Where an editor wrote each part of a mapping: kept beside the plain values.

Its own module (not model.py) so that the settings can keep it too: a check on
`site_config.yml` then points at the very value that is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flagpress.diagnostics import Location

_NOWHERE = Location("")


@dataclass(frozen=True)
class Written:
    """Where an editor wrote a mapping and each of its parts, by model field name.

    Kept explicitly beside the plain values so that a check can point at the very
    id or word that is wrong; each lookup falls back to the nearest known place.
    """

    at: Location = _NOWHERE  # the mapping itself (for a whole file: its first line)
    keys: Mapping[str, Location] = field(default_factory=dict)
    values: Mapping[str, Location] = field(default_factory=dict)  # single values
    items: Mapping[str, tuple[Location, ...]] = field(default_factory=dict)  # list items

    def key(self, name: str) -> Location:
        """Where the key `name` was written, or the mapping when it was left out."""
        return self.keys.get(name, self.at)

    def value(self, name: str) -> Location:
        """Where the single value of `name` was written."""
        return self.values.get(name, self.key(name))

    def item(self, name: str, index: int) -> Location:
        """Where item `index` of the list `name` was written."""
        items = self.items.get(name, ())
        return items[index] if index < len(items) else self.key(name)
