"""Time one command in its own process: wall seconds, CPU seconds and peak memory.

CPU time is what the benchmarks compare, because wall time on a shared machine
mostly measures the neighbours. It is taken from `getrusage(RUSAGE_CHILDREN)` before
and after the command, so it counts every process the command waited for (the PDF
workers too). Peak memory comes from `wait4` for that one process: the
`RUSAGE_CHILDREN` figure is a high-water mark over every child so far, so it could
only ever grow across a run and would blame each command for the biggest before it.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one piece of work (possibly several commands in a row)."""

    wall: float
    cpu: float
    peak_mb: float

    def __add__(self, other: Sample) -> Sample:
        return Sample(self.wall + other.wall, self.cpu + other.cpu,
                      max(self.peak_mb, other.peak_mb))


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], log: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `command` to completion; stop the benchmark if it fails, showing its log."""
    with log.open("w", encoding="utf-8") as out:
        cpu_before, start = _cpu_of_children(), time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall, cpu = time.perf_counter() - start, _cpu_of_children() - cpu_before
    if os.waitstatus_to_exitcode(status) != 0:
        tail = log.read_text(encoding="utf-8").splitlines()[-15:]
        raise SystemExit(f"{' '.join(command)} failed:\n" + "\n".join(tail))
    return Sample(wall, cpu, usage.ru_maxrss / 1024)  # Linux reports kilobytes


@dataclass(frozen=True)
class Summary:
    """Medians over the repetitions, and the largest peak seen."""

    wall: float
    cpu: float
    peak_mb: float
    runs: int


def summarise(samples: list[Sample]) -> Summary:
    return Summary(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.peak_mb for s in samples),
        len(samples),
    )
