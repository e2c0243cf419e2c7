"""The GUI process gives memory back during the day, off the GUI thread; workers hand the GIL over quickly."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from ui import memory
from ui.tasks import GIL_SWITCH_S, TaskRunner

pytestmark = pytest.mark.gui


class _Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.painted: list[Callable[[], None]] = []

    def after_first_paint(self, callback: Callable[[], None], fallback_ms: int = 2000) -> None:
        self.painted.append(callback)


@pytest.fixture
def tasks() -> Any:
    runner = TaskRunner()
    yield runner
    runner.shutdown(5_000)


def test_release_drops_the_cached_source_lines() -> None:
    assert linecache.getlines(__file__)
    assert __file__ in linecache.cache
    memory.release_memory()
    assert __file__ not in linecache.cache


def test_release_trims_the_heap_with_no_padding_and_reports_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: lambda pad: calls.append(pad) or 1)
    assert memory.release_memory() is True and calls == [0]
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)  # Windows, musl: nothing to trim
    assert memory.release_memory() is False


def test_glibc_trim_is_found_on_linux() -> None:
    if sys.platform.startswith("linux"):
        assert memory._malloc_trim() is not None  # noqa: SLF001 - the heap is given back on the clerk's Linux PC


def test_wired_release_runs_after_the_first_paint_and_then_on_a_timer(qtbot: Any, tasks: TaskRunner) -> None:
    window = _Window()
    qtbot.addWidget(window)
    timer = memory.wire_memory(window, tasks)  # type: ignore[arg-type]
    assert not timer.isActive() and len(window.painted) == 1
    linecache.getlines(__file__)
    window.painted[0]()  # the first paint
    assert timer.isActive() and timer.interval() == memory.RELEASE_INTERVAL_MS
    qtbot.waitUntil(lambda: __file__ not in linecache.cache and tasks.running == 0, timeout=5_000)


def test_the_task_runner_bounds_the_wait_for_the_gil(tasks: TaskRunner) -> None:
    assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_S)
