"""Independent pieces of work done on every core, by forked workers.

Some work is many independent pieces: reading each Markdown file, the checks of each
text, rendering each page of the website. When at least `MIN_ITEMS` pieces are
waiting and the machine has more than one core, a pool of worker processes (one per
core) does them, and each result is handed to the caller in the main process as it
arrives. A caller always has a way to do the work itself, piece by piece, and does
so for whatever the workers did not do: what is made is the same either way; only the
time on the clock differs.

Workers are forked, so the data and the code are already in memory: a task is only
the number of a piece. Not where there is no fork (Windows: one process does the work,
as before), nor when other threads run (`flagpress serve`), where forking is not
safe. A pool that fails leaves the work to the caller, which does it, and reports any
problem, as it always does.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from flagpress import heap

T = TypeVar("T")
MIN_ITEMS = 32  # fewer are done sooner by one process than a pool can start
# What the forked workers find in memory: the work to do on a piece, by its number.
_job: Callable[[int], Any] | None = None


def on_every_core(work: Callable[[int], Any], count: int, take: Callable[[int, Any], None]) -> bool:
    """Do `work(n)` for every n below `count` in forked workers, handing each result to
    `take(n, result)` here as it comes, in any order. Results travel pickled.

    A piece whose work raised is not handed over: the caller does, itself, whatever
    `take` was not given, and so raises or reports any problem as it always does. False
    when no pool ran (one core, too few pieces, no fork, other threads, or the pool
    failed).
    """
    global _job  # noqa: PLW0603 - handed to the forked workers through memory
    cores = cores_here()
    if cores < 2 or count < MIN_ITEMS or not _may_fork():
        return False
    _job = work
    try:
        workers = min(cores, count // MIN_ITEMS + 1)
        with multiprocessing.get_context("fork").Pool(workers, heap.collecting_worker) as pool:
            for number, done, result in pool.imap_unordered(_do, range(count), chunksize=8):
                if done:
                    take(number, result)
    except (OSError, pickle.PicklingError, multiprocessing.ProcessError):
        return False  # the caller does the work, and reports any problem
    finally:
        _job = None
    return True


def cores_here() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _may_fork() -> bool:
    """Forking is safe here: the system has it (not Windows) and no other thread runs."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _do(number: int) -> tuple[int, bool, Any]:
    """In a worker: piece `number`, whether it was done, and its result."""
    assert _job is not None
    try:
        return number, True, _job(number)
    except Exception:  # noqa: BLE001 - done again by the caller, which reports it
        return number, False, None


def in_order(
    count: int,
    ahead: list[int],
    work: Callable[[int], Any],
    use: Callable[[int, Any], None],
) -> None:
    """`use(n, made)` for every n below `count`, in order, where `made` is what a worker
    made of `work(n)` for the n in `ahead`, or None (the caller then does the work).

    Each result is used as soon as every piece before it has been, while the workers
    go on: few results wait in memory, and the main process's part of the work (which
    must be done in order) runs beside theirs. An error raised by `use` is raised here
    once the pool has stopped, as it would have been raised doing the pieces in order.
    """
    ready: dict[int, Any] = {}
    waiting = set(ahead)
    following = 0
    failed: list[BaseException] = []

    def drain() -> None:
        nonlocal following
        while following < count and (following not in waiting or following in ready):
            use(following, ready.pop(following, None))
            following += 1

    def take(number: int, made: Any) -> None:
        ready[ahead[number]] = made
        if not failed:
            try:
                drain()
            except BaseException as err:  # noqa: BLE001 - raised below, after the pool
                failed.append(err)

    drain()  # the pieces before the first one made ahead
    on_every_core(lambda number: work(ahead[number]), len(ahead), take)
    if failed:
        raise failed[0]
    waiting.clear()  # what no worker made is done by the caller, in order
    drain()


class Helper(Generic[T]):
    """A forked helper doing one piece of work (see `meanwhile`)."""

    def __init__(self, process: BaseProcess, reading: Connection) -> None:
        self._process, self._reading = process, reading

    def result(self) -> T | None:
        """Wait for the helper: what its work returned, or None if it failed or was stopped."""
        try:
            done: T | None = self._reading.recv()
        except (EOFError, OSError):
            done = None
        finally:
            self._reading.close()
            self._process.join()
        return done

    def stop(self) -> None:
        """Stop the helper where it is, and wait for it to end."""
        self._process.terminate()
        self.result()


def meanwhile(work: Callable[[], T]) -> Helper[T] | None:
    """Have a forked helper do `work()` while this process goes on.

    For work that waits on the file system rather than the processor (making
    thousands of folders), beside work that needs none. None when no helper can be
    forked (see `_may_fork`): the caller does without, or does the work itself.
    """
    if not _may_fork():
        return None
    context = multiprocessing.get_context("fork")
    reading, writing = context.Pipe(duplex=False)
    process = context.Process(target=_help, args=(work, writing), daemon=True)
    try:
        process.start()
    except OSError:
        reading.close()
        return None
    finally:
        writing.close()
    return Helper(process, reading)


def _help(work: Callable[[], Any], writing: Connection) -> None:
    """In a helper: send what `work()` returns, or None if it raised."""
    try:
        done = work()
    except Exception:  # noqa: BLE001 - the caller hears None, and does without
        done = None
    writing.send(done)
    writing.close()
