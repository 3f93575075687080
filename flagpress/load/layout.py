"""Where a publication keeps its files: the names every stage and command agrees on.

Kept apart from `publication.py`, which imports the Markdown and YAML readers, so that
finding the publication and telling whether anything changed since the last run
(`inputs.py`) cost no more than reading these few names.
"""

from __future__ import annotations

CONFIG_FILE = "site_config.yml"
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"
CONTRIBUTORS_FILE = f"{CONTENT_DIR}/contributors.yml"
# What flagpress remembers between runs (PDFs, leak-scan results, approved texts):
# git-ignored, never published, safe to delete.
CACHE_DIR = ".flagpress-cache"
# The printer's edition may name people who agreed to print but not to the website, so
# it is never put in the website: `build` writes it here, in the publication folder.
PRINTER_FOLDER = "print"
