"""信息跑路 on the real widgets: a simulated card read marks 申请人居民身份证; F reuses an earlier case's material."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.services import DeviceHooks, build_services
from devices.identity_simulated import training_cards
from tests.unit.acceptance.test_documents import RecordingSpooler
from ui.acceptance.wiring import wire_acceptance
from ui.applicant_panel import ApplicantPanel
from ui.i18n import load_translators
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

BIRTH = "51160201000500-511602000000-000-11511602MB1010020Y-1-00"  # 出生登记: 申请人居民身份证, 居民户口簿, …
CARD = {c.key: c.record for c in training_cards()}["resident"]


@pytest.fixture
def chinese(qapp):
    """The Simplified Chinese translations the application loads (ui/i18n/*.qm), removed again afterwards."""
    translators = load_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def desk(qtbot, workstation, chinese):
    """The main window with the real applicant panel (as ``wire_identity`` installs it) and the acceptance."""
    services = build_services(workstation, DeviceHooks(spooler=RecordingSpooler()))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    applicant = ApplicantPanel(training=True)
    window.install_area("applicant", applicant)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks, applicant=applicant)
    window.show()
    yield window, controller
    tasks.shutdown()
    services.close()


def _read_card_and_choose(qtbot, window, controller) -> None:
    panel = window.findChild(ApplicantPanel)
    assert panel is not None
    panel.show_card(CARD, today=date.today())
    controller.choose_item(BIRTH)
    qtbot.waitUntil(lambda: bool(controller.session.items) and controller.checklist.table.rowCount() > 0)


def _row(controller, name: str) -> int:
    return [s.name for s in controller.session.checklist].index(name)


def test_card_read_marks_the_id_and_f_reuses_an_earlier_cases_material(qtbot, desk, workstation) -> None:
    window, controller = desk
    table = controller.checklist.table
    _read_card_and_choose(qtbot, window, controller)
    id_row = _row(controller, "申请人居民身份证")
    id_code = controller.session.checklist[id_row].code
    record = controller.session.record(id_code)
    assert record.state is MaterialState.RECEIVED and record.original_verified
    assert record.source is MaterialSource.CARD_READER
    assert "读卡器核验" in table.item(id_row, 2).text() and table.item(id_row, 3).text() == "✔"

    # The first case: every material received at the window, accepted.
    QTest.keyClick(table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000) as first:
        controller.decide(Decision.ACCEPT)
    first_number = first.args[0].case_number

    # The same person again, another day's case: F on 居民户口簿 takes it from the first case.
    controller.new_case()
    _read_card_and_choose(qtbot, window, controller)
    hukou = _row(controller, "居民户口簿")
    code = controller.session.checklist[hukou].code
    assert controller.session.record(code).state is MaterialState.MISSING
    table.setCurrentCell(hukou, 0)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: controller.session.record(code).source is MaterialSource.EARLIER_CASE)
    reused = controller.session.record(code)
    assert reused.state is MaterialState.RECEIVED and reused.reused_from == first_number
    assert first_number in table.item(hukou, 2).text() and "复用" in table.item(hukou, 2).text()
    shot = os.environ.get("REUSE_SHOT")
    if shot:
        window.resize(1400, 900)
        controller.checklist.grab().save(shot)

    QTest.keyClick(table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000) as second:
        controller.decide(Decision.ACCEPT)
    row = workstation.db.query("SELECT payload FROM outbox WHERE case_uuid = ?", (second.args[0].case_uuid,))[0]
    materials = {m["material_code"]: m for m in json.loads(row["payload"])["materials"]}
    assert materials[code]["source"] == "earlier_case" and materials[code]["reused_from"] == first_number
    assert materials[id_code]["source"] == "card_reader"
