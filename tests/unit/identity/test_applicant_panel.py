"""The applicant panel offscreen: card fill, masking, manual entry, legal entity, agent, clear, wiring."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from clerk_app.domain.applicant import CaptureSource, IdDocumentType, LegalEntity, NaturalPerson
from clerk_app.identity.validation import ManualReasonMissing
from devices.identity_base import LiftAndReplace, NoCard
from devices.identity_simulated import training_cards
from ui.applicant_panel import ApplicantPanel

pytestmark = pytest.mark.gui
CARDS = {c.key: c.record for c in training_cards()}
TODAY = date(2026, 11, 22)


@pytest.fixture
def panel(qtbot) -> ApplicantPanel:
    widget = ApplicantPanel(training=True)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_card_fills_person_with_masked_number(panel: ApplicantPanel, qtbot) -> None:
    with qtbot.waitSignal(panel.applicant_changed) as signal:
        panel.show_card(CARDS["resident_appended"], today=TODAY)
    applicant = signal.args[0]
    assert isinstance(applicant.principal, NaturalPerson)
    assert applicant.principal.id_number == CARDS["resident_appended"].id_number
    assert panel.current_applicant() is applicant
    assert panel.name.text() == "培训李娜" and panel.name.isReadOnly()
    assert panel.id_number.text() == "430802********1427"
    assert "迁入" in panel.details.text()
    assert panel.simulated_badge.isVisible()
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    assert panel.id_number.text() == CARDS["resident_appended"].id_number
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    assert "*" in panel.id_number.text()


def test_expired_card_is_flagged(panel: ApplicantPanel) -> None:
    panel.show_card(CARDS["hk_macau_taiwan"], today=TODAY)
    assert "2026-06-01" in panel.validity.text() and "EXPIRED" in panel.validity.text()
    panel.show_card(CARDS["resident"], today=TODAY)
    assert "long-term" in panel.validity.text()


def test_manual_entry_validates_and_keeps_input(panel: ApplicantPanel, qtbot) -> None:
    panel.show_card(CARDS["resident"], today=TODAY)
    with qtbot.waitSignal(panel.applicant_changed) as cleared:
        qtbot.mouseClick(panel.manual_button, Qt.MouseButton.LeftButton)
    assert cleared.args == [None]
    assert not panel.name.isReadOnly() and panel.name.text() == ""
    assert panel.id_type.currentData() is IdDocumentType.RESIDENT_ID
    panel.name.setText("王五")
    qtbot.keyClicks(panel.id_number, "110105194912310021")  # wrong check digit
    panel.confirm()
    assert panel.current_applicant() is None
    assert "check digit" in panel.message.text()
    assert panel.id_number.text() == "110105194912310021" and panel.name.text() == "王五"  # nothing lost
    panel.id_number.setText("110105194912310011")
    panel.confirm()
    assert panel.current_applicant() is None
    assert panel.message.text() == ManualReasonMissing().user_text()
    panel.reason.setCurrentText("未带身份证")
    with qtbot.waitSignal(panel.applicant_changed) as signal:
        panel.confirm()
    person = signal.args[0].principal
    assert person.source is CaptureSource.MANUAL and person.manual_entry_reason == "未带身份证"
    assert person.birth_date == date(1949, 12, 31)
    assert not panel.simulated_badge.isVisible()


def test_legal_entity_with_representative_from_card(panel: ApplicantPanel, qtbot) -> None:
    panel.tabs.setCurrentIndex(1)
    panel.show_card(CARDS["resident"], today=TODAY)
    assert panel.representative.from_card
    assert panel.representative.id_number.text() == "110105********0011"
    panel.entity_name.setText("温州演示有限公司")
    panel.credit_code.setText("91110000600037341A")
    panel.confirm()
    assert panel.current_applicant() is None and "credit code" in panel.message.text()
    panel.credit_code.setText("91110000600037341L")
    with qtbot.waitSignal(panel.applicant_changed) as signal:
        panel.confirm()
    entity = signal.args[0].principal
    assert isinstance(entity, LegalEntity) and entity.legal_representative.name == "培训张三"


def test_agent_from_card_with_relation(panel: ApplicantPanel, qtbot) -> None:
    panel.show_card(CARDS["foreign_2023"], today=TODAY)
    panel.agent_box.setChecked(True)
    assert panel.current_applicant() is None  # agent still missing
    panel.card_target_agent.setChecked(True)
    panel.show_card(CARDS["resident"], today=TODAY)
    assert panel.agent_fields.name.text() == "培训张三"
    assert panel.name.text() == "培训阿里"  # the principal stays
    panel.relation.setCurrentText("村（社区）代办员")
    with qtbot.waitSignal(panel.applicant_changed) as signal:
        panel.confirm()
    applicant = signal.args[0]
    assert applicant.principal.name == "培训阿里"
    assert applicant.agent.agent.name == "培训张三" and applicant.agent.relation == "村（社区）代办员"
    assert applicant.agent.authorisation_material_code == "agent_authorisation"


def test_clear_and_errors(panel: ApplicantPanel, qtbot) -> None:
    panel.show_card(CARDS["social_security"], today=TODAY)
    assert "Social security card" in panel.source_label.text()
    with qtbot.waitSignal(panel.applicant_changed) as signal:
        panel.clear()
    assert signal.args == [None] and panel.current_applicant() is None
    assert panel.name.text() == "" and not panel.name.isReadOnly()
    panel.show_error(NoCard())
    assert panel.message.text() == NoCard().user_text()


def test_wired_into_the_main_window_with_f2(qtbot, ow_home) -> None:
    import main

    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    try:
        window = app.window
        panel = window.areas["applicant"].findChild(ApplicantPanel)
        manager = app.services.identity
        simulated = QCoreApplication.translate("identity", "simulated")
        assert simulated == "模拟"  # main.run installed the Chinese catalogue
        qtbot.waitUntil(lambda: simulated in window.status.device_labels["idcard"].text(), timeout=10_000)
        assert panel.training_row.isVisibleTo(panel)
        panel.training_cards.setCurrentIndex(panel.training_cards.findData("foreign_2017"))
        with qtbot.waitSignal(panel.applicant_changed, timeout=10_000):
            qtbot.mouseClick(panel.place_button, Qt.MouseButton.LeftButton)
        assert panel.current_applicant().principal.id_type is IdDocumentType.FOREIGN_PERMANENT_2017
        window.shortcuts.actions["read_card"].trigger()  # F2 on the same card: lift and re-place
        expected = LiftAndReplace().user_text()  # translated: main.run installed the Chinese catalogue
        assert expected != LiftAndReplace.message
        qtbot.waitUntil(lambda: panel.message.text() == expected, timeout=10_000)
        assert manager.connected
    finally:
        app.shutdown()
