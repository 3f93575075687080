"""Rendering PDFs in worker processes, as many at once as there are cores.

WeasyPrint lays out one document on one core, and one document cannot be split,
so each PDF is rendered by a worker process of its own while the others render.
Results come back as each PDF is ready, so the caller can start on it (imposing
the booklet) while the rest are still being rendered.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from flagpress.render.press.jobs import RenderJob, RenderResult

DIED = (
    "the process making this PDF stopped unexpectedly (was the machine out of memory?); "
    "run the build again, or make one edition at a time with `flagpress pdf`"
)


def render_all(jobs: list[RenderJob], workers: int | None) -> Iterator[tuple[int, RenderResult]]:
    """(index in `jobs`, result) for every job, in the order they finish."""
    from flagpress.render.press.render import render  # WeasyPrint is imported only to render

    count = min(workers or os.cpu_count() or 1, len(jobs))
    if count <= 1:
        for index, job in enumerate(jobs):
            yield index, render(job)
        return
    # fork: a worker starts in milliseconds with WeasyPrint already imported (spawn and
    # forkserver import it again, ~0.6 s each, and re-run the caller's __main__).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = {pool.submit(render, job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:  # a worker was killed: a problem, not a traceback
                result = RenderResult([jobs[index].fallback.error("print-failed", DIED)])
            yield index, result
