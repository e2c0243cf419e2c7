"""The customer screen widget: none of the five grades pre-selected, a low grade opens the reasons, a timeout
records 未评价, and the clerk's bar says only whether an evaluation was given."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from clerk_app.customer.view import CustomerView, Stage
from ui.customer_screen.screen import CustomerScreen

VIEW = CustomerView(Stage.EVALUATION, centre="中心", window="01", case_number="N1", reasons=("服务效率", "服务态度"))


def _shown(qtbot, screen: CustomerScreen, name: str) -> QPushButton:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in screen.findChildren(QPushButton, name)))
    return next(b for b in screen.findChildren(QPushButton, name) if b.isVisible())


def test_five_grades_none_chosen_and_reasons_only_after_a_low_grade(qtbot) -> None:
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_view(VIEW)
    grades = [_shown(qtbot, screen, f"grade{g}") for g in (5, 4, 3, 2, 1)]
    assert not any(b.isChecked() for b in grades) and screen.chosen_grade() is None
    assert not screen.submit.isEnabled() and not screen.reasons_box.isVisible()
    grades[0].click()
    assert not screen.reasons_box.isVisible() and screen.submit.isEnabled()
    grades[4].click()
    assert screen.reasons_box.isVisible() and [b.text() for b in screen.reason_boxes] == ["服务效率", "服务态度"]
    screen.reason_boxes[1].setChecked(True)
    screen.comment.setPlainText("态度差")
    with qtbot.waitSignal(screen.evaluation_chosen) as chosen:
        screen.submit.click()
    assert chosen.args == [1, ["服务态度"], "态度差"]


def test_a_high_grade_after_a_low_one_drops_the_reasons(qtbot) -> None:
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_view(VIEW)
    _shown(qtbot, screen, "grade2").click()
    screen.reason_boxes[0].setChecked(True)
    _shown(qtbot, screen, "grade4").click()
    with qtbot.waitSignal(screen.evaluation_chosen) as chosen:
        screen.submit.click()
    assert chosen.args == [4, [], ""]


def test_no_touch_before_the_timeout_is_recorded_as_not_evaluated(qtbot) -> None:
    screen = CustomerScreen(evaluation_timeout_ms=50)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.evaluation_chosen, timeout=3000) as chosen:
        screen.show_view(VIEW)
    assert chosen.args == [None, [], ""]


def test_rendering_a_new_view_keeps_nothing_of_the_last(qtbot) -> None:
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    screen.show_view(CustomerView(Stage.CONFIRM_IDENTITY, masked_name="张**", masked_id="110105********002X"))
    assert "张**" in screen.texts()
    screen.show_view(CustomerView(Stage.IDLE, centre="中心", window="01"))
    assert not any("张" in t or "002X" in t for t in screen.texts())
    screen.show_view(CustomerView(Stage.BLANK))
    assert screen.texts() == []
