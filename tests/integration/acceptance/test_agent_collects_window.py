"""出件 to the village agent as the authorisations allow (issue 21): through the real window, a 代办批次 of two
villagers, the first one's 授权委托书 recorded as covering 领取 (the batch bar's box ticked), the second's not. With
the agent's card on the reader, the case dialog's 出件 hands the first result to the agent and refuses the second,
in Chinese; the second villager in person collects it. The unit cases of the check are in
tests/unit/acceptance/test_agent_collects.py."""

from __future__ import annotations

from pathlib import Path

import PySide6.QtMultimedia  # noqa: F401  (before the window starts: see test_followup_window.py)
import pytest
import shiboken6
from PySide6.QtCore import Qt

import sandbox.app  # noqa: F401
from clerk_app.domain.case import CaseStatus, Decision
from tests.integration.acceptance.test_agent_batch_window import ITEM
from tests.unit.acceptance.test_handover import _ready_for_pickup

pytestmark = [pytest.mark.integration, pytest.mark.gui]


@pytest.fixture
def app(qapp, ow_home: Path):
    import main
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(ow_home).ensure()
    paths.config_file.write_text('[acceptance]\nauto_print = false\n[platform]\nbase_url = "http://127.0.0.1:9"\n',
                                 encoding="utf-8")
    started = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield started
    started.shutdown()


def _case_dialog(qtbot, controller, number: str):
    controller.open_case(number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() and number in d.windowTitle()
                                for d in controller._dialogs), timeout=10_000)
    return next(d for d in controller._dialogs if d.objectName() == "caseDialog" and number in d.windowTitle())


def _card(qtbot, simulated, controller, key: str, name: str) -> None:
    simulated.remove()
    simulated.place(key)
    qtbot.waitUntil(lambda: controller.session.applicant is not None
                    and controller.session.applicant.principal.name == name, timeout=20_000)


def test_the_agent_collects_only_what_the_villager_authorised(qtbot, app) -> None:
    services, features = app.services, app.features
    controller, presenter = features.acceptance, features.agent_batch
    qtbot.waitUntil(lambda: not services.catalog.is_empty(), timeout=60_000)
    simulated = next(d for d in services.identity.drivers if d.kind.value == "simulated").reader
    simulated.place("resident")  # the village agent
    qtbot.waitUntil(lambda: controller.session.applicant is not None, timeout=20_000)
    agent = controller.session.applicant.principal.name
    qtbot.mouseClick(presenter.bar.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.agent_batch is not None, timeout=10_000)
    assert presenter.bar.collects.isVisible() and not presenter.bar.collects.isChecked()

    cases = []
    for key, covers in (("resident_appended", True), ("foreign_2023", False)):
        simulated.remove()
        simulated.place(key)
        qtbot.waitUntil(lambda: controller.session.applicant is not None and controller.session.agent_batch
                        is not None and not controller.session.committed, timeout=20_000)
        if covers:  # the clerk reads the villager's signed paper: it says 代为领取
            qtbot.mouseClick(presenter.bar.collects, Qt.MouseButton.LeftButton)
        assert controller.session.agent_collects is covers
        session = controller.session
        controller.choose_item(ITEM)
        qtbot.waitUntil(lambda s=session: "poa" in s.records, timeout=10_000)
        controller.apply_action("poa", "all_received")
        with qtbot.waitSignal(controller.committed, timeout=20_000) as committed:
            controller.decide(Decision.ACCEPT)
        result = committed.args[0]
        cases.append((result.case_uuid, result.case_number, session.applicant.principal.name))
        assert not presenter.bar.collects.isChecked()  # the next villager's paper is read anew
    with qtbot.waitSignal(controller.printed, timeout=60_000):
        qtbot.mouseClick(presenter.bar.finish, Qt.MouseButton.LeftButton)
    for case_uuid, _number, _name in cases:  # the back office decided: both results wait at the window
        _ready_for_pickup(services.workstation.db, services.acceptance.rules, case_uuid)

    _card(qtbot, simulated, controller, "resident", agent)  # the agent comes back for the results
    (first_uuid, first, _), (second_uuid, second, villager) = cases
    dialog = _case_dialog(qtbot, controller, first)
    qtbot.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.cases.get(first_uuid).case.status is CaseStatus.HANDED_OVER, timeout=10_000)
    if shiboken6.isValid(dialog):  # the handover closes the dialog, which is deleted once closed
        dialog.close()
    dialog = _case_dialog(qtbot, controller, second)
    qtbot.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不含代为领取" in dialog.collector_note.text(), timeout=10_000)
    assert services.cases.get(second_uuid).case.status is CaseStatus.READY_FOR_PICKUP
    dialog.close()

    _card(qtbot, simulated, controller, "foreign_2023", villager)  # the villager in person
    dialog = _case_dialog(qtbot, controller, second)
    qtbot.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.cases.get(second_uuid).case.status is CaseStatus.HANDED_OVER, timeout=10_000)
    if shiboken6.isValid(dialog):
        dialog.close()
