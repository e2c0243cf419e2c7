"""The case dialog of an accepted agent's case without a 授权委托书 offers to print one (and only then); the button
prints and archives it through the print service."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.applicant import AgentAuthorisation, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_documents import RecordingSpooler
from tests.unit.acceptance.test_handover_ui import _dialog
from tests.unit.acceptance.test_ui import REPLACEMENT, desk  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui

AGENT = NaturalPerson("李代办", IdDocumentType.RESIDENT_ID, "330302198805060017", source=CaptureSource.CARD_READER)
SHOTS = Path("/tmp/after-paper")


def _commit(qtbot, controller, with_agent: bool):
    controller.new_case()
    person = applicant()
    controller.set_applicant(replace(person, agent=AgentAuthorisation(AGENT, "亲属")) if with_agent else person)
    controller.choose_item(REPLACEMENT)
    qtbot.waitUntil(lambda: len(controller.session.checklist) >= 2 and controller.checklist.table.rowCount() >= 2,
                    timeout=10_000)
    controller.checklist.table.setFocus()
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: controller.decision.is_enabled(Decision.ACCEPT), timeout=10_000)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    return controller.last_result


def test_the_agent_case_dialog_prints_the_authorisation(qtbot, desk, workstation) -> None:  # noqa: F811
    _window, controller, spooler = desk
    plain = _commit(qtbot, controller, with_agent=False)
    dialog = _dialog(qtbot, controller, plain.case_number)
    assert dialog.print_authorisation.isHidden(), "no agent: nobody to authorise"
    dialog.close()

    result = _commit(qtbot, controller, with_agent=True)
    dialog = _dialog(qtbot, controller, result.case_number)
    assert not dialog.print_authorisation.isHidden()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "authorisation_case_dialog.png"))
    def printed() -> int:
        return sum(title.startswith("授权委托书") for _, _, title in spooler.jobs)

    # the commit's papers already end with it (the print after the commit runs in the background)
    qtbot.waitUntil(lambda: printed() == 1, timeout=10_000)
    QTest.mouseClick(dialog.print_authorisation, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printed() == 2, timeout=10_000)
    archived = workstation.db.query(
        "SELECT details FROM case_blobs WHERE case_uuid = ? AND role = 'printed_document'", (result.case_uuid,))
    assert any("authorisation" in r["details"] for r in archived)
    dialog.close()


@pytest.fixture
def desk_and_screen(qtbot, workstation):
    """The acceptance desk with the customer screen wired to it (a window of its own, closed at the end)."""
    from clerk_app.services import DeviceHooks, build_services
    from ui.acceptance.wiring import wire_acceptance
    from ui.customer_screen.wiring import CustomerScreenWiring
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    services = build_services(workstation, DeviceHooks(spooler=RecordingSpooler()))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks)
    wiring = CustomerScreenWiring(window, services, tasks, controller)
    controller.committed.connect(wiring.committed)
    window.show()
    yield controller, wiring
    wiring.close()
    tasks.shutdown()
    services.close()


def test_the_principal_signs_the_authorisation_on_the_customer_screen_first(qtbot, desk_and_screen,
                                                                              workstation) -> None:
    from clerk_app.customer.view import Stage
    from tests.unit.customer.test_signature import stroke_png

    controller, wiring = desk_and_screen
    result = _commit(qtbot, controller, with_agent=True)
    assert wiring.presenter.invite_evaluation()  # the citizen's 继续
    view = wiring.presenter.view
    assert (view.stage, view.sign_paper, view.signer) == (Stage.SIGNATURE, "authorisation", "委托人")
    with qtbot.waitSignal(wiring.signature_archived, timeout=10_000) as archived:
        wiring.screen.signature_confirmed.emit("authorisation", stroke_png())
    assert archived.args == [result.case_uuid, "authorisation"]
    rows = workstation.db.query("SELECT document_kind, method FROM case_signatures WHERE case_uuid = ?",
                                (result.case_uuid,))
    assert [(r["document_kind"], r["method"]) for r in rows] == [("authorisation", "screen")]
    qtbot.waitUntil(lambda: wiring.presenter.view.stage is Stage.EVALUATION, timeout=5_000)
