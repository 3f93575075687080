"""The co-production report: what the Edition says about how the work was made, added up.

Figures are counted from the Edition and the registry (`compute`), small numbers about
people hidden (`suppress`), then written as text, CSV or JSON (`writers`), drawn as
SVG charts (`charts`), shown on the website (`web`) and printed (`pdf`). The website
and the print code never import this package: `render/__init__.py` hands the website
its pages, and the pipeline makes the PDF.
"""

from __future__ import annotations

from flagpress.render.report.compute import build_report
from flagpress.render.report.figures import Figure, Report, Table
from flagpress.render.report.scope import Scope
from flagpress.render.report.writers import FORMATS, write

__all__ = ["FORMATS", "Figure", "Report", "Scope", "Table", "build_report", "write"]
