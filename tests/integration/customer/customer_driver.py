"""Run in its own process on two offscreen screens (``clerk`` and ``citizen``): the real workstation, two citizens
at the window, every customer-screen state grabbed to PNG. Writes a JSON report for the test to check.

Usage: QT_QPA_PLATFORM=offscreen:configfile=screens.json python customer_driver.py HOME OUT_DIR
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStatusBar,
    QTextEdit,
    QWidget,
)

ITEM = "51160201001101-511602000000-000-11511602MB10100010-1-00"  # 姓名变更登记: its form has 空表 and 样表
GRADE_WORDS = ("满意", "非常满意", "基本满意", "不满意", "非常不满意", "Very satisfied", "Satisfied", "Dissatisfied")


def pump(seconds: float = 0.05) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def wait_until(what: str, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        pump(0.02)
        if predicate():
            return
    raise AssertionError(f"timed out waiting for {what}")


def clerk_texts(window: QWidget) -> list[str]:
    """Every text any of the clerk's widgets holds: labels, buttons, inputs, combo items, every cell of every item
    view, status-bar messages, actions (text, tooltip, status tip), tooltips and window titles."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts += [widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QStatusBar):
            texts.append(widget.currentMessage())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


def draw_signature(pad: QWidget) -> None:
    """Strokes with QTest mouse events (press, intermediate moves as a finger gives them, release)."""
    wait_until("the pad shown", pad.isVisible, 5)
    w, h = pad.width(), pad.height()
    for stroke in ([(0.12, 0.7), (0.18, 0.3), (0.24, 0.72), (0.3, 0.28), (0.36, 0.7)],  # a zigzag
                   [(0.45, 0.35), (0.45, 0.75)], [(0.4, 0.5), (0.55, 0.5)],  # a cross
                   [(0.62, 0.3), (0.7, 0.7), (0.78, 0.3), (0.86, 0.72)]):
        points = [QPoint(int(x * w), int(y * h)) for x, y in stroke]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for last, point in zip(points, points[1:], strict=False):
            for step in range(1, 6):
                QTest.mouseMove(pad, QPoint(last.x() + (point.x() - last.x()) * step // 5,
                                            last.y() + (point.y() - last.y()) * step // 5))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def main(home: str, out: str) -> int:
    import main as entry
    from clerk_app.domain.case import Decision
    from clerk_app.paths import resolve_paths
    from ui.acceptance.controller import AcceptanceController

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = resolve_paths(Path(home)).ensure()
    paths.config_file.write_text('[acceptance]\nauto_print = false\n[queue]\nadapter = "none"\n'
                                 '[customer_screen]\nscreen = "citizen"\nthanks_seconds = 1\nevaluator = "simulated"\n',
                                 encoding="utf-8")
    started = entry.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    report: dict = {"states": [], "screens": [s.name() for s in QApplication.screens()]}
    try:
        window = started.window
        wiring = started.features.customer_screen
        screen = wiring.screen
        controller = window.findChild(AcceptanceController)
        report["placed_on"] = wiring.placed_on
        report["screen_geometry"] = [screen.geometry().x(), screen.geometry().width(), screen.isFullScreen()]
        catalog = started.services.catalog
        wait_until("the catalog", lambda: catalog.counts()["items"] > 0, 60)
        simulated = next(d for d in started.services.identity.drivers
                         if d.kind.value == "simulated").reader

        def grab(name: str) -> None:
            pump(0.1)
            path = out_dir / f"{len(report['states']):02d}-{name}.png"
            screen.grab().save(str(path))
            report["states"].append({"name": name, "stage": wiring.presenter.view.stage.value, "png": str(path),
                                     "texts": screen.texts(), "clerk_texts": clerk_texts(window)})

        def button(name: str) -> QPushButton:
            # a page added to a visible screen is shown on a later event-loop turn
            wait_until(name, lambda: any(b.isVisible() for b in screen.findChildren(QPushButton, name)), 5)
            return next(b for b in screen.findChildren(QPushButton, name) if b.isVisible())

        # Citizen 1: a ticket is called, the card is read, a material is missing: one-time notice; a low grade.
        started.features.queue.ticket_called.emit("A012", "01", "请A012号到01窗口办理业务")
        grab("idle")
        simulated.place(simulated.cards[0].key)
        wait_until("the card read", lambda: wiring.presenter.view.stage.value == "confirm_identity")
        report["card_id_number"] = controller.session.applicant.principal.id_number
        grab("confirm_identity")
        button("confirmIdentity").click()
        grab("identity_confirmed")
        controller.choose_item(ITEM)
        wait_until("the checklist", lambda: wiring.presenter.view.stage.value == "checklist"
                   and len(wiring.presenter.view.lines) > 1)
        first = controller.session.checklist[0].code
        controller.apply_action(first, "received")
        grab("checklist")
        controller.decide(Decision.ONE_TIME_NOTICE)
        wait_until("the decision", lambda: wiring.presenter.view.stage.value == "decision")
        grab("decision_one_time_notice")
        button("continueButton").click()
        wait_until("the signing pad", lambda: wiring.presenter.view.stage.value == "signature")
        grab("signature")
        draw_signature(screen.pad)
        grab("signature_drawn")
        report["clerk_paper_button_during_signature"] = wiring.paper_signature.isEnabled()
        case_1 = wiring.presenter.current_case.case_uuid
        button("confirmSignature").click()
        wait_until("the evaluation after signing", lambda: wiring.presenter.view.stage.value == "evaluation")
        printing = started.services.printing
        wait_until("the signed copy archived", lambda: any(
            d.printer == "电子签名存档" for d in printing.archived(case_1)), 30)
        signed = next(d for d in printing.archived(case_1) if d.printer == "电子签名存档")
        (out_dir / "signed_one_time_notice.pdf").write_bytes(printing.archived_pdf(signed.sha256))
        report["signatures_1"] = [r.__dict__ for r in started.services.signatures.signatures(case_1).values()]
        report["signed_kind_1"] = signed.kind.value
        grab("evaluation")
        button("grade2").click()
        grab("evaluation_low_grade_reasons")
        report["reasons_offered"] = [b.text() for b in screen.reason_boxes]
        screen.reason_boxes[0].setChecked(True)
        screen.comment.setPlainText("窗口等候时间太长")
        button("submitEvaluation").click()
        grab("thanks")
        report["clerk_evaluation_label_1"] = wiring.evaluation_state.text()
        report["decision_evaluation_1"] = controller.decision.evaluation.text()
        controller.decision.grab().save(str(out_dir / "clerk_decision_panel.png"))  # looked at: no grade on it
        wait_until("idle after the thanks", lambda: wiring.presenter.view.stage.value == "idle", 10)
        grab("idle_after_citizen")

        # Citizen 2: next ticket, accepted in full, the evaluation is skipped (未评价).
        started.features.queue.ticket_called.emit("A013", "01", "")
        simulated.remove()
        pump(0.3)
        simulated.place(simulated.cards[1 % len(simulated.cards)].key)
        wait_until("the second card", lambda: wiring.presenter.view.stage.value == "confirm_identity")
        wiring.verbal.click()
        grab("verbal_confirmation")
        controller.choose_item(ITEM)
        wait_until("the second checklist", lambda: len(wiring.presenter.view.lines) > 1
                   and wiring.presenter.view.stage.value == "checklist")
        controller.apply_action(controller.session.checklist[0].code, "all_received")
        for spec in controller.session.checklist:
            record = controller.session.record(spec.code)
            if spec.original_count and not record.original_verified:
                controller.apply_action(spec.code, "toggle_original")
            for _ in range(max(0, spec.copy_count - record.copies_received)):
                controller.apply_action(spec.code, "copies_up")
        grab("checklist_complete")
        controller.decide(Decision.ACCEPT)
        wait_until("the second decision", lambda: wiring.presenter.view.stage.value == "decision", 30)
        grab("decision_accept")
        report["case_2"] = wiring.presenter.current_case.case_uuid
        wiring.invite.click()
        wait_until("the second evaluation", lambda: wiring.presenter.view.stage.value == "evaluation")
        pad = started.services.evaluator.pad  # customer_screen.evaluator = "simulated": the training pad
        wait_until("the pad open", lambda: started.services.evaluator.connected, 10)
        pad.press(4)  # the citizen presses 满意 on the evaluation pad (read on the pad's thread)
        wait_until("the pad's evaluation", lambda: wiring.presenter.view.stage.value == "thanks", 10)
        pad.press(1)  # a second press for the same case counts for nothing
        pump(0.5)
        report["clerk_evaluation_label_2"] = wiring.evaluation_state.text()
        report["decision_evaluation_2"] = controller.decision.evaluation.text()
        wait_until("idle again", lambda: wiring.presenter.view.stage.value == "idle", 10)

        # Citizen 3: a one-time notice signed on paper (the clerk's 纸质签名), the evaluation skipped.
        started.features.queue.ticket_called.emit("A014", "01", "")
        simulated.remove()
        pump(0.3)
        simulated.place(simulated.cards[2 % len(simulated.cards)].key)
        wait_until("the third card", lambda: wiring.presenter.view.stage.value == "confirm_identity")
        wiring.verbal.click()
        controller.choose_item(ITEM)
        wait_until("the third checklist", lambda: len(wiring.presenter.view.lines) > 1
                   and wiring.presenter.view.stage.value == "checklist")
        controller.decide(Decision.ONE_TIME_NOTICE)
        wait_until("the third decision", lambda: wiring.presenter.view.stage.value == "decision", 30)
        wiring.invite.click()
        wait_until("the third signing pad", lambda: wiring.presenter.view.stage.value == "signature")
        case_3 = wiring.presenter.current_case.case_uuid
        grab("signature_before_paper_choice")
        wiring.paper_signature.click()
        wait_until("the evaluation after 纸质签名", lambda: wiring.presenter.view.stage.value == "evaluation")
        report["signatures_3"] = [r.__dict__ for r in started.services.signatures.signatures(case_3).values()]
        button("skipEvaluation").click()
        report["decision_evaluation_3"] = controller.decision.evaluation.text()
        report["grade_words_after_skip"] = [t for t in clerk_texts(window) if any(w in t for w in GRADE_WORDS)]
        wait_until("idle at last", lambda: wiring.presenter.view.stage.value == "idle", 10)
        # Citizen 2 comes back for the result (出件): the 送达回执 is signed on the screen, then thanks.
        from tests.unit.acceptance.test_handover import _ready_for_pickup

        case_2 = report["case_2"]
        _ready_for_pickup(started.workstation.db, controller.service.rules, case_2)
        controller.new_case()
        simulated.remove()
        pump(0.3)
        simulated.place(simulated.cards[1 % len(simulated.cards)].key)  # citizen 2's card again
        wait_until("the collector's card", lambda: wiring.presenter.view.stage.value == "confirm_identity")
        wiring.verbal.click()
        controller.hand_over(case_2)
        wait_until("the 送达回执 signing page", lambda: wiring.presenter.view.stage.value == "signature"
                   and wiring.presenter.view.sign_paper == "delivery_receipt", 20)
        grab("signature_delivery_receipt")
        draw_signature(screen.pad)
        button("confirmSignature").click()
        wait_until("thanks after the 送达回执", lambda: wiring.presenter.view.stage.value == "thanks", 10)
        wait_until("the signed 送达回执 archived", lambda: any(
            d.printer == "电子签名存档" and d.kind.value == "delivery_receipt" for d in printing.archived(case_2)), 30)
        receipt = next(d for d in printing.archived(case_2) if d.printer == "电子签名存档")
        (out_dir / "signed_delivery_receipt.pdf").write_bytes(printing.archived_pdf(receipt.sha256))
        wait_until("idle after 出件", lambda: wiring.presenter.view.stage.value == "idle", 10)
        rows = started.workstation.db.query("SELECT payload FROM outbox WHERE kind = 'signature' ORDER BY outbox_id")
        report["signature_rows"] = [json.loads(r[0]) for r in rows]
        window.shortcuts.actions["lock"].trigger()  # Ctrl+L: the login gate locks, the citizen's screen blanks
        wait_until("the lock", lambda: wiring.presenter.view.stage.value == "blank", 10)
        grab("blank_locked")
        pump(0.5)
        rows = started.workstation.db.query("SELECT payload FROM outbox WHERE kind = 'evaluation' ORDER BY outbox_id")
        report["evaluations"] = [json.loads(r[0]) for r in rows]
        report["grade_words_in_clerk_widgets"] = [t for t in clerk_texts(window) if any(w in t for w in GRADE_WORDS)]
    finally:
        (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
        started.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
