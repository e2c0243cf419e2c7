"""Drafts per clerk over 交班 and the outbox per clerk, on the real widgets: the leaving clerk keeps or discards the
open draft, the next clerk starts empty and never sees it, the first clerk gets it back at their next login; each
outbox row names the clerk whose action it carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from offline_cache import audit_log
from tests.unit.acceptance.test_ui import _ready, desk  # noqa: F401 - the fixture
from tests.unit.acceptance.test_void import practice_check
from tests.unit.acceptance.test_void_ui import chinese  # noqa: F401 - the fixture
from ui.clerk_gate import ask_shift_change

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/clerk")


@pytest.fixture
def clerks(chinese, desk, monkeypatch):  # noqa: F811
    window, controller, spooler = desk
    session = controller.approvals.session
    monkeypatch.setattr(session, "_check_password", practice_check)
    session.login("trainee", "trainee")
    return window, controller, session


def _click(qtbot, box: QMessageBox, name: str | None = None, standard=None) -> None:
    button = box.findChild(type(box.buttons()[0]), name) if name else box.button(standard)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_kept_draft_is_its_clerks_alone(qtbot, clerks, workstation) -> None:
    window, controller, session = clerks
    _ready(qtbot, controller)
    draft = controller.session
    assert controller.drafts.has_open_draft()
    box = ask_shift_change(window, session, controller.drafts)
    assert box.objectName() == "shiftChangeDraftBox"
    SHOTS.mkdir(parents=True, exist_ok=True)
    box.grab().save(str(SHOTS / "shift_change_draft.png"))
    _click(qtbot, box, "keepDraft")
    qtbot.waitUntil(lambda: session.clerk is None)
    qtbot.waitUntil(lambda: controller.session is not draft)
    assert controller.session.applicant is None and not controller.session.items
    entry = audit_log.recent(workstation.db, 1)[0]
    assert entry["kind"] == "shift_change" and '"kept"' in entry["details"]

    session.login("trainee2", "trainee2")  # the next clerk: an empty window, nothing of trainee's
    qtbot.waitUntil(lambda: controller.drafts.current == "trainee2")
    assert controller.session is not draft and controller.session.applicant is None
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)  # nothing to mark: no checklist
    session.end("shift_change")
    session.login("trainee", "trainee")  # trainee is back: their draft with its applicant and item
    qtbot.waitUntil(lambda: controller.session is draft)
    assert controller.session.applicant is not None and controller.checklist.table.rowCount() == 2

    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    rows = workstation.db.query("SELECT kind, clerk_id FROM outbox")
    assert [tuple(r) for r in rows] == [("case_upsert", "trainee")]


def test_a_discarded_draft_is_gone_after_a_second_confirmation(qtbot, clerks, workstation) -> None:
    window, controller, session = clerks
    _ready(qtbot, controller)
    box = ask_shift_change(window, session, controller.drafts)
    _click(qtbot, box, "discardDraft")
    qtbot.waitUntil(lambda: any(b.objectName() == "confirmDiscardDraft" and b.isVisible()
                                for b in window.findChildren(QMessageBox)))
    confirm = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "confirmDiscardDraft")
    assert session.clerk is not None  # nothing ended before the second answer
    _click(qtbot, confirm, standard=QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: session.clerk is None)
    session.login("trainee", "trainee")
    qtbot.waitUntil(lambda: controller.drafts.current == "trainee")
    assert controller.session.applicant is None and not controller.drafts.parked
    assert '"discarded"' in audit_log.recent(workstation.db, 10, kind="shift_change")[0]["details"]


def test_a_shift_change_on_the_lock_screen_keeps_the_draft(qtbot, clerks) -> None:
    _window, controller, session = clerks
    _ready(qtbot, controller)
    draft = controller.session
    session.lock("idle")
    assert session.unlock("trainee2", "trainee2") == "shift_change"
    qtbot.waitUntil(lambda: controller.drafts.current == "trainee2")
    assert controller.session is not draft and controller.drafts.parked["trainee"][0] is draft


def test_the_applicant_panel_is_empty_for_the_next_clerk(qtbot, chinese, workstation, monkeypatch) -> None:  # noqa: F811
    from clerk_app.services import DeviceHooks, build_services
    from tests.unit.printing.helpers import RecordingSpooler
    from ui.acceptance.wiring import wire_acceptance
    from ui.applicant_panel import ApplicantPanel
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    services = build_services(workstation, DeviceHooks(spooler=RecordingSpooler()))
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    panel = ApplicantPanel()
    window.install_area("applicant", panel)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks, applicant=panel)
    session = controller.approvals.session
    monkeypatch.setattr(session, "_check_password", practice_check)
    session.login("trainee", "trainee")
    try:
        panel.start_manual_entry()
        panel.name.setText("张三")
        assert panel.name.text() == "张三"
        session.end("shift_change")
        qtbot.waitUntil(lambda: panel.name.text() == "")
    finally:
        tasks.shutdown()
        services.close()
