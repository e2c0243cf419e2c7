"""The catalog panel offscreen: search as you type, keyboard navigation, 情形 answers drive the checklist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.catalog.service import CatalogService
from ui.catalog_panel import CatalogPanel

pytestmark = pytest.mark.gui


def paused(qtbot, panel: CatalogPanel) -> None:
    """The clerk stops typing: the guide (or the suggestions) of the last keystroke follows."""
    qtbot.waitUntil(lambda: not panel.preview_pending(), timeout=5000)


@pytest.fixture
def panel(qtbot, service: CatalogService) -> CatalogPanel:
    widget = CatalogPanel(service)
    qtbot.addWidget(widget)
    widget.catalog_ready()
    return widget


def test_typing_shows_ranked_results_and_preview(qtbot, panel: CatalogPanel) -> None:
    qtbot.keyClicks(panel.search, "bdcdj")
    assert panel.results.count() >= 5
    assert "不动产登记资料查询" in panel.results.item(0).text()
    assert panel.preview_pending()  # a keystroke refills the list only; the guide waits for a pause
    paused(qtbot, panel)
    assert "不动产登记资料查询" in panel.guide.toPlainText()
    assert panel.print_button.isEnabled()


def test_the_guide_is_rendered_once_per_selection_change(qtbot, panel: CatalogPanel) -> None:
    rendered: list[str] = []
    original = panel.guide.setHtml
    panel.guide.setHtml = lambda text: (rendered.append(text), original(text))  # type: ignore[method-assign]
    tops = []
    for n in range(1, len("bdcdj") + 1):
        rendered.clear()
        panel.search.setText("bdcdj"[:n])
        paused(qtbot, panel)
        top = panel.results.item(0).data(Qt.ItemDataRole.UserRole)
        assert len(rendered) == (0 if tops and tops[-1] == top else 1), (n, len(rendered))
        tops.append(top)
    rendered.clear()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)  # another row: one render
    assert len(rendered) == 1
    assert panel.current_code == panel.results.item(1).data(Qt.ItemDataRole.UserRole)


def test_department_filter(qtbot, panel: CatalogPanel) -> None:
    panel.department.setCurrentIndex(panel.department.findData("人社"))
    panel.search.insert("社保")  # IME commit: QTest types ASCII only
    texts = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert texts and all("人社" in t for t in texts)


def test_keyboard_choice_emits_item_and_answers_update_checklist(qtbot, panel: CatalogPanel) -> None:
    panel.search.insert("出生登记")  # IME commit: QTest types ASCII only
    with qtbot.waitSignal(panel.item_chosen) as chosen:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    code, answers = chosen.args
    assert answers == {"parents": "married", "agent": "self"}
    assert "授权委托书" not in panel.guide.toPlainText()
    combo = panel._combos["agent"]
    with qtbot.waitSignal(panel.item_chosen) as again:
        combo.setCurrentIndex(combo.findData("agent"))
    assert again.args == [code, {"parents": "married", "agent": "agent"}]
    assert "授权委托书" in panel.guide.toPlainText()


def test_arrow_keys_move_through_results(qtbot, panel: CatalogPanel) -> None:
    panel.search.insert("不动产")  # IME commit: QTest types ASCII only
    assert panel.results.currentRow() == 0
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.results.currentRow() == 1
    assert panel.search.hasFocus() or not panel.isVisible()


def test_bundle_shows_members_and_shared_materials(qtbot, panel: CatalogPanel) -> None:
    panel.search.insert("新生儿出生一件事")  # IME commit: QTest types ASCII only
    paused(qtbot, panel)
    assert panel.results.item(0).data(Qt.ItemDataRole.UserRole) == "YJS-511602-CSYJS"
    text = panel.guide.toPlainText()
    assert "父母双方居民身份证" in text and "社会保障卡申领" in text


def test_nothing_found_keeps_the_query(qtbot, panel: CatalogPanel) -> None:
    qtbot.keyClicks(panel.search, "zzzzqqq")
    assert panel.results.count() == 0
    assert panel.search.text() == "zzzzqqq"


def test_window_wiring_binds_search_shortcuts(qtbot, ow_home) -> None:
    import main

    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    try:
        window = app.window
        panel = window.findChild(CatalogPanel, "catalogPanel")
        assert panel is not None
        assert app.services.catalog is panel.service and app.features.catalog is panel
        qtbot.waitUntil(lambda: panel.department.count() > 10, timeout=15000)
        window.show()
        qtbot.waitExposed(window)
        panel.results.setFocus()
        window.shortcuts.actions["focus_search"].trigger()
        assert panel.search.hasFocus()
        panel.results.setFocus()
        window.shortcuts.actions["search"].trigger()
        assert panel.search.hasFocus()
    finally:
        app.shutdown()


def test_catalog_change_rebuilds_index_off_the_typing_path(qtbot, panel: CatalogPanel) -> None:
    from clerk_app.catalog.importer import apply_changes
    from tests.unit.catalog.conftest import document, minimal_item

    requested: list[bool] = []
    panel.refresh_index = lambda: requested.append(True)
    panel.service.index()
    apply_changes(panel.service.db, document([minimal_item("NEW-1", name="新增测试事项")]))
    panel.search.insert("新增测试事项")  # IME commit
    assert panel.results.count() == 0  # answered from the index in memory, no rebuild while typing
    assert requested
    panel.service.index()
    panel.catalog_ready()
    assert panel.results.count() == 1


def test_bundle_questions_name_their_item_and_hide_with_skipped_members(qtbot, panel: CatalogPanel) -> None:
    panel.search.insert("新生儿出生一件事")  # IME commit
    paused(qtbot, panel)
    card_item = next(s.item_code for s in panel._situations
                     if s.item_code and "社会保障卡申领" in panel._item_name(s.item_code))
    rows = [i for i, s in enumerate(panel._situations) if s.item_code == card_item]
    label = panel.question_form.itemAt(rows[0], panel.question_form.ItemRole.LabelRole).widget()
    assert label.text().startswith("【社会保障卡申领】")
    assert all(panel.question_form.isRowVisible(r) for r in rows)
    combo = panel._combos["sscard"]
    combo.setCurrentIndex(combo.findData("no"))
    assert not any(panel.question_form.isRowVisible(r) for r in rows)
    assert "社会保障卡申领申请表" not in panel.guide.toPlainText()


def test_a_keystroke_that_finds_nothing_clears_the_questions_of_the_earlier_item(
    qtbot, panel: CatalogPanel
) -> None:
    panel.search.insert("出生登记")  # IME commit: QTest types ASCII only
    paused(qtbot, panel)
    assert panel._combos and panel.question_scroll.isVisibleTo(panel)
    panel.search.setText("㐀㐀㐀㐀㐀㐀")
    assert panel.current_code is None and panel._combos == {} and panel.answers() == {}
    assert not panel.question_scroll.isVisibleTo(panel) and not panel.print_button.isEnabled()
    assert "未找到" in panel.guide.toPlainText() or "Nothing found" in panel.guide.toPlainText()


def test_a_typo_still_finds_the_item_and_an_empty_result_suggests(qtbot, panel: CatalogPanel) -> None:
    panel.search.insert("身分证补领")  # 分 for 份
    assert "居民身份证补领" in panel.results.item(0).text()
    panel.search.setText("")
    panel.search.insert("出生登记㐀㐀㐀㐀")
    assert panel.results.count() == 0
    paused(qtbot, panel)
    assert "您是不是要找" in panel.guide.toPlainText() or "Did you mean" in panel.guide.toPlainText()
    assert "出生登记" in panel.guide.toPlainText().split("要找")[-1]  # what the start of the query finds
    assert "suggest:" in panel.guide.toHtml()


def test_typing_without_a_pause_renders_only_the_last_keystrokes_guide(qtbot, panel: CatalogPanel) -> None:
    rendered: list[str] = []
    original = panel.guide.setHtml
    panel.guide.setHtml = lambda text: (rendered.append(text), original(text))  # type: ignore[method-assign]
    qtbot.keyClicks(panel.search, "sfzbl")
    assert rendered == [] and panel.results.count() > 0
    paused(qtbot, panel)
    assert len(rendered) == 1
    assert panel.current_code == panel.results.item(0).data(Qt.ItemDataRole.UserRole)


def test_a_waiting_guide_does_not_come_back_after_a_keystroke_that_finds_nothing(
    qtbot, panel: CatalogPanel
) -> None:
    panel.search.insert("出生登记")  # no pause: the guide of 出生登记 is still waiting
    panel.search.insert("㐀㐀㐀㐀㐀㐀")
    paused(qtbot, panel)
    assert panel.current_code is None and panel._combos == {}
    assert not panel.question_scroll.isVisibleTo(panel)
    assert "未找到" in panel.guide.toPlainText() or "Nothing found" in panel.guide.toPlainText()


def test_the_index_built_for_typing_is_kept_from_the_garbage_collector(service: CatalogService) -> None:
    """The collector's passes never walk the index a keystroke reads (its first passes took 30-300 ms)."""
    import gc

    from ui.catalog_panel import index_for_typing

    try:
        counts = index_for_typing(service)
        index = service.index()
        assert counts["items"] == len([r for r in index.rows if r.kind == "item"])
        assert gc.get_freeze_count() > 0
        tracked = {id(o) for o in gc.get_objects()}
        assert id(index.rows) not in tracked and id(index.spelled.keys) not in tracked
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
