"""A build keeps Python's cycle collector off its model (flagpress/heap.py), and gives
it back as it found it."""

from __future__ import annotations

import gc

from conftest import copy_sample, run

from flagpress import pipeline


def test_a_build_sets_its_model_aside_and_puts_it_back(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    seen: list[tuple[bool, int]] = []
    real = pipeline.build_edition

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_edition", watched)
    root = copy_sample(tmp_path / "sample")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    ((enabled, frozen),) = seen
    assert enabled and frozen > 10_000  # the loaded model, set aside while outputs are made
    assert gc.isenabled() and gc.get_freeze_count() == 0  # all handed back


def test_every_command_loads_without_collections(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    seen: list[bool] = []
    real = pipeline.load_publication

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_publication", watched)
    root = copy_sample(tmp_path / "sample")
    assert run("check", "--root", str(root)).exit_code == 0
    assert seen == [False] and gc.isenabled()
