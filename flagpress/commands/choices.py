"""The fixed choices the command line offers, importable without what the commands use.

click needs them when `flagpress` starts, for every command, while the code behind
them (the report's writers, `new`'s skeletons) is imported only by the command that
runs; `flagpress check` with nothing changed must not pay for all of it.
"""

from __future__ import annotations

from flagpress.model import ARTICLE_TYPES

# What `flagpress new` makes.
NEW_KINDS = (*ARTICLE_TYPES, "page", "issue", "contributor")
# What render/report/writers.py writes (tests/test_unchanged_inputs.py checks they agree:
# importing the writers here would import every output).
REPORT_FORMATS = ("text", "csv", "json")
