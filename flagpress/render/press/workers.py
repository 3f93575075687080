"""Rendering PDFs in worker processes, as many at once as there are cores, each timed.

WeasyPrint lays out one document on one core, and one document cannot be split,
so each PDF is rendered by a worker process of its own while the others render.
Results come back as each PDF is ready, so the caller can start on it (imposing
the booklet) while the rest are still being rendered.

Every PDF gets a fresh process with a processor-time limit (see
`jobs.cpu_seconds_allowed`): an SVG of nested <use> references would otherwise
render forever. When the time is up the worker says where it was and stops; if it
cannot (stuck outside Python), the kernel's limit kills it a little later. Either
way the job fails with a diagnostic and no PDF is written.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import Any, cast

from flagpress.diagnostics import Problem
from flagpress.render.press.jobs import RenderJob, RenderResult, cpu_seconds_allowed

DIED = (
    "the process making this PDF stopped unexpectedly (was the machine out of memory?); "
    "run the build again, or make one edition at a time with `flagpress pdf`"
)
_GRACE_SECONDS = 5  # after the limit, before the kernel kills a worker stuck outside Python


_AGAIN_SECONDS = 0.05


class _OutOfTime(BaseException):
    """Not an Exception, so that WeasyPrint's `except Exception` blocks let it through."""


@dataclass
class _Running:
    index: int
    process: multiprocessing.process.BaseProcess
    results: Connection


def render_all(
    jobs: list[RenderJob], workers: int | None, cpu_seconds: float | None = None
) -> Iterator[tuple[int, RenderResult]]:
    """(index in `jobs`, result) for every job, in the order they finish."""
    limit = cpu_seconds or cpu_seconds_allowed()
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    # fork: a worker starts in milliseconds with WeasyPrint already imported (spawn and
    # forkserver import it again, ~0.6 s each, and re-run the caller's __main__).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    waiting = list(enumerate(jobs))
    running: dict[Connection, _Running] = {}
    try:
        while waiting or running:
            while waiting and len(running) < count:
                started = _start(context, *waiting.pop(0), limit)
                running[started.results] = started
            for results in wait(list(running)):
                done = running.pop(cast(Connection, results))
                yield done.index, _collect(done, jobs[done.index], limit)
    finally:  # interrupted (Ctrl+C, or the caller gave up): no worker outlives the build
        for left in running.values():
            left.process.kill()
            left.process.join()
            left.results.close()
            Path(jobs[left.index].output + ".partial").unlink(missing_ok=True)


def _start(context: Any, index: int, job: RenderJob, limit: float) -> _Running:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(job, limit, sender), daemon=True)
    process.start()
    sender.close()  # the parent's copy: reading sees the end when the worker is gone
    return _Running(index, process, receiver)


def _collect(done: _Running, job: RenderJob, limit: float) -> RenderResult:
    """The worker's result, or a problem saying why there is none."""
    try:
        result = done.results.recv()
    except (EOFError, OSError):
        result = None
    done.results.close()
    done.process.join()
    if isinstance(result, RenderResult):
        return result
    Path(job.output + ".partial").unlink(missing_ok=True)
    if done.process.exitcode == -signal.SIGXCPU:  # the kernel's limit, see _work
        from flagpress.render.press.overtime import overtime_problem

        return RenderResult([overtime_problem(job, None, limit)])
    return RenderResult([job.fallback.error("print-failed", DIED)])


def _work(job: RenderJob, limit: float, results: Connection) -> None:
    """In the worker: render `job` within `limit` seconds of processor time."""
    from flagpress.render.press.overtime import overtime_problem
    from flagpress.render.press.render import render  # WeasyPrint is imported only to render

    stopped: list[Problem] = []

    def expire(_signum: int, frame: FrameType | None) -> None:
        if not stopped:  # where it was when the time ran out, not where it unwinds to
            stopped.append(overtime_problem(job, frame, limit))
        # WeasyPrint catches even BaseException around SVG drawing: interrupt again soon.
        signal.setitimer(signal.ITIMER_PROF, _AGAIN_SECONDS)
        raise _OutOfTime

    # The backstop, for a worker stuck outside Python: SIGXCPU ends it (no core file).
    soft = math.ceil(limit) + _GRACE_SECONDS
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
    signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, limit)
    result = RenderResult()
    try:
        try:
            result = render(job)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OutOfTime:
        pass  # `stopped` says where
    if stopped:  # even if WeasyPrint swallowed the interruption and carried on
        for leftover in (job.output + ".partial", job.output):
            Path(leftover).unlink(missing_ok=True)
        result = RenderResult(stopped[:1])
    results.send(result)
    results.close()
