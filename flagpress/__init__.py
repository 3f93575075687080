"""flagpress: a static site generator for co-produced publications.

The package follows the pipeline: `load` -> `validate` -> `render` -> `publish`,
with the shared core (model, diagnostics, naming, links, slugs, sign_off) at the top.
"""
