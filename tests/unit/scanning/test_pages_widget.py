"""The thumbnail strip driven offscreen: scan from the simulated scanner, edit, move across materials, caps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clerk_app.pages.model import CasePages
from clerk_app.pages.service import ScanningService
from devices.scanner.errors import PaperJam
from devices.scanner.service import ScannerService
from devices.scanner.simulated import SimulatedScanner

pytestmark = pytest.mark.gui


@pytest.fixture
def setup(qtbot: Any, workstation: Any) -> Any:
    from ui.pages_widget import PageStripRegistry, PagesWidget
    from ui.tasks import TaskRunner

    strips = PageStripRegistry()
    simulated = SimulatedScanner(feeder_pages=3)
    service = ScanningService(workstation.blobs, ScannerService({"simulated": lambda: simulated}), training=True)
    tasks = TaskRunner()
    case = CasePages(cap_for=lambda code: 400_000 if code == "small" else None)
    first = PagesWidget("申请书", case.slot("申请书"), service, tasks, strips, material_name="申请书")
    second = PagesWidget("small", case.slot("small"), service, tasks, strips, material_name="身份证明")
    for widget in (first, second):
        qtbot.addWidget(widget)
        widget.resize(900, 260)
        widget.show()
    qtbot.waitUntil(lambda: first.scan_button.isEnabled() and second.scan_button.isEnabled())
    yield first, second, case, simulated
    tasks.shutdown()
    service.close()


def wait_idle(qtbot: Any, widget: Any) -> None:
    qtbot.waitUntil(lambda: widget._token is None and not widget._loading, timeout=20000)


def test_sources_label_the_simulated_scanner(setup: Any) -> None:
    first, *_ = setup
    assert first.source_box.count() == 1
    assert "training, not a real scanner" in first.source_box.itemText(0)
    assert first.source_box.currentData() == "simulated:training-0"


def test_feeder_scan_edit_and_move(setup: Any, qtbot: Any, tmp_path: Path) -> None:
    first, second, case, _sim = setup
    first.feeder_box.setChecked(True)
    first.scan_button.click()
    wait_idle(qtbot, first)
    assert len(case.slot("申请书")) == 3 and first.strip.count() == 3
    assert first.size_label.text().startswith("3")
    first.strip.setCurrentRow(0)
    first.rotate_right.click()
    assert case.slot("申请书")[0].rotation == 90
    first.right_button.click()
    assert case.slot("申请书")[1].rotation == 90 and first.strip.currentRow() == 1
    moved = case.slot("申请书")[1].sha256
    second.drop_page("申请书", 1, None)  # a drag from the first strip dropped on the second
    assert [p.sha256 for p in case.slot("small")] == [moved]
    assert second.strip.count() == 1 and first.strip.count() == 2
    first.strip.setCurrentRow(0)
    first.preview_selected()
    qtbot.waitUntil(lambda: first.preview is not None)
    assert not first.preview.image.pixmap().isNull()
    first.preview.close()
    assert not first.verified_label.isVisibleTo(first)
    first.set_original_verified(True)
    assert case.slot("申请书").original_verified and first.verified_label.isVisibleTo(first)
    case.slot("申请书").original_verified = False  # the checklist may set the model directly
    assert not first.verified_label.isVisibleTo(first)
    first.delete_button.click()
    assert len(case.slot("申请书")) == 1
    wait_idle(qtbot, first)
    first.grab().save(str(tmp_path / "pages.png"))
    assert (tmp_path / "pages.png").stat().st_size > 1000


def test_cap_stops_the_feeder_with_a_clear_message_and_keeps_pages(setup: Any, qtbot: Any) -> None:
    _first, second, case, _sim = setup
    second.feeder_box.setChecked(True)
    second.mode_box.setCurrentIndex(0)
    second.scan_button.click()
    wait_idle(qtbot, second)
    kept = len(case.slot("small"))
    assert 0 < kept < 3
    assert second.message.isVisibleTo(second) and "KB" in second.message.text()


def test_jam_is_shown_and_earlier_pages_stay(setup: Any, qtbot: Any) -> None:
    first, _second, case, simulated = setup
    first.scan_button.click()
    wait_idle(qtbot, first)
    simulated.fail_next = PaperJam()
    first.scan_button.click()
    wait_idle(qtbot, first)
    assert len(case.slot("申请书")) == 1
    assert first.message.isVisibleTo(first) and first.message.text()


def test_rescan_replaces_only_the_selected_page(setup: Any, qtbot: Any) -> None:
    first, _second, case, _sim = setup
    first.feeder_box.setChecked(True)
    first.scan_button.click()
    wait_idle(qtbot, first)
    before = [p.sha256 for p in case.slot("申请书")]
    first.mode_box.setCurrentIndex(2)  # black and white gives different bytes
    first.strip.setCurrentRow(1)
    first.rescan_button.click()
    wait_idle(qtbot, first)
    after = [p.sha256 for p in case.slot("申请书")]
    assert after[0] == before[0] and after[2] == before[2] and after[1] != before[1]
    assert case.slot("申请书")[1].mime == "image/png"


def test_the_chosen_source_is_remembered_for_the_next_material(qtbot: Any, workstation: Any, tmp_path: Path) -> None:
    from devices.scanner.folder import WatchedFolder
    from ui.pages_widget import PageStripRegistry, PagesWidget
    from ui.tasks import TaskRunner

    drop = tmp_path / "drop"
    drop.mkdir()
    service = ScanningService(workstation.blobs, ScannerService(
        {"folder": lambda: WatchedFolder([drop]), "simulated": SimulatedScanner}), training=True)
    tasks = TaskRunner()
    case = CasePages()
    strips = PageStripRegistry()
    try:
        first = PagesWidget("A", case.slot("A"), service, tasks, strips)
        qtbot.addWidget(first)
        qtbot.waitUntil(lambda: first.source_box.count() == 2)
        assert first.source_box.currentData() == f"folder:{drop}"  # real sources first
        first.source_box.setCurrentIndex(1)
        listed: list[int] = []
        original = first._set_sources
        first._set_sources = lambda sources: (listed.append(1), original(sources))  # type: ignore[method-assign]
        first.refresh_button.click()
        qtbot.waitUntil(lambda: listed == [1])
        assert first.source_box.currentData() == "simulated:training-0"  # a refresh keeps the choice
        second = PagesWidget("B", case.slot("B"), service, tasks, strips)
        qtbot.addWidget(second)
        qtbot.waitUntil(lambda: second.source_box.count() == 2)
        assert second.source_box.currentData() == "simulated:training-0"
    finally:
        tasks.shutdown()
        service.close()


def test_adjust_menu_sets_the_scan_adjustments(setup: Any) -> None:
    first, *_ = setup
    assert first.adjustments() == {"autocrop": False, "deskew": False}
    first.deskew_action.setChecked(True)
    assert first.adjustments() == {"autocrop": False, "deskew": True}
