"""Work on every core, used in order (flagpress/every_core.py `in_order`)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from flagpress import every_core

pytestmark = pytest.mark.skipif(every_core.cores_here() < 2, reason="one core: no workers")


def _slow_first(number: int) -> int:
    time.sleep(0.0005 * (60 - number) if number < 60 else 0)  # the first pieces finish last
    return number * 10


def test_results_are_used_in_order_whatever_order_they_come_in() -> None:
    used: list[tuple[int, int | None]] = []
    ahead = [n for n in range(100) if n % 3]  # every third piece is left to the caller
    every_core.in_order(100, ahead, _slow_first, lambda n, made: used.append((n, made)))
    assert used == [(n, n * 10 if n % 3 else None) for n in range(100)]


def test_a_piece_no_worker_made_is_left_to_the_caller() -> None:
    def failing(number: int) -> int:
        if number == 41:
            raise RuntimeError("only in a worker")
        return number

    used: list[tuple[int, int | None]] = []
    every_core.in_order(64, list(range(64)), failing, lambda n, made: used.append((n, made)))
    assert [n for n, _ in used] == list(range(64))
    assert used[41] == (41, None) and used[40] == (40, 40)


def test_an_error_in_using_a_result_is_raised_as_it_would_be_in_order() -> None:
    used: list[int] = []

    def use(number: int, _made: object) -> None:
        if number == 50:
            raise ValueError("the 50th")
        used.append(number)

    with pytest.raises(ValueError, match="the 50th"):
        every_core.in_order(100, list(range(100)), _slow_first, use)
    assert used == list(range(50))


def test_a_helper_does_its_work_beside_this_process(tmp_path: Path) -> None:
    def work() -> list[int]:
        (tmp_path / "done").write_text("by the helper")
        return [os.getpid()]

    helper = every_core.meanwhile(work)
    assert helper is not None
    (pid,) = helper.result()  # type: ignore[misc]
    assert pid != os.getpid()
    assert (tmp_path / "done").read_text() == "by the helper"


def test_a_helper_that_fails_gives_nothing() -> None:
    def work() -> int:
        raise OSError("no such folder")

    helper = every_core.meanwhile(work)
    assert helper is not None and helper.result() is None


def test_a_helper_stopped_ends_at_once_and_gives_nothing() -> None:
    helper = every_core.meanwhile(lambda: time.sleep(60))
    assert helper is not None
    started = time.monotonic()
    helper.stop()
    assert time.monotonic() - started < 5
    assert helper.result() is None


def test_no_helper_is_forked_while_other_threads_run() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert every_core.meanwhile(lambda: 1) is None
    finally:
        stop.set()
        other.join()
