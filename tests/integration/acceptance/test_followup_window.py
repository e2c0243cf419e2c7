"""Follow-up actions at the real window, offscreen: a 容缺 case past its supply-by date shows red in the case list;
the clerk opens it, supplies the deferred materials (pages imported through the page strip's real pipeline) and the
补齐材料接收回执 prints through CUPS (Code128 + QR decoded with zbar). A one-time-noticed case is followed by a new
acceptance pre-filled from it, which refers to it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

# Imported here, before the window starts: the start-up imports Qt Multimedia on the GUI thread while the training
# sandbox (FastAPI) is imported on a worker, and the two imports at once were seen to deadlock (shiboken import hook).
import PySide6.QtMultimedia  # noqa: F401
import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import sandbox.app  # noqa: F401  (see the note above)
from clerk_app.acceptance.service import AcceptanceService, local_now
from clerk_app.domain.case import Decision, MaterialState
from tests.integration.acceptance.test_window_flow import _decode
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_followup import DEFERRABLE, _item

pytestmark = [pytest.mark.integration, pytest.mark.gui]

SHOTS = Path("/tmp/followup")


@pytest.fixture
def app(qapp, ow_home: Path, cups_pdf):
    import main
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(ow_home).ensure()
    # Offline (nothing listens on port 9): a background sync pass must not move the cases under the test.
    paths.config_file.write_text(f'[printing]\na4_printer = "{cups_pdf.queue}"\n'
                                 '[platform]\nbase_url = "http://127.0.0.1:9"\n', encoding="utf-8")
    started = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield started
    started.shutdown()


def _late_deficient_case(services) -> tuple[str, str]:
    """A 容缺 case accepted 20 days ago whose materials were due 10 days ago."""
    workstation = services.workstation
    real = services.acceptance
    past = local_now() - timedelta(days=20)
    service = AcceptanceService(workstation.db, workstation.cipher, workstation.applicants, real.cases, real.rules,
                                centre_code=real.centre_code, window_code=real.window_code, clerk_id=real.clerk_id,
                                clock=lambda: past)
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((_item(),), DEFERRABLE)
    session.mark_received("M1")
    for code in ("D1", "D2", "D3"):
        session.update(code, state=MaterialState.DEFERRED, supply_by=past.date() + timedelta(days=10))
    result = service.commit(session, Decision.ACCEPT_WITH_DEFICIENCY)
    return result.case_uuid, result.case_number


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def _dialog(qtbot, name: str):
    found: list = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=20_000)
    return found[-1]


def test_supplement_from_the_case_dialog_to_the_printed_receipt(qtbot, app, cups_pdf, tmp_path: Path) -> None:
    from ui.acceptance.case_list import LEVEL_COLOURS
    from ui.acceptance.controller import AcceptanceController

    window = app.window
    controller = window.findChild(AcceptanceController)
    assert controller is not None and controller.followups is not None
    case_uuid, number = _late_deficient_case(app.services)

    panel = controller.cases
    controller.refresh_cases()  # the list loaded at start-up may still be arriving: wait for this case's row
    qtbot.waitUntil(lambda: any(r.summary.case_number == number for r in panel.rows), timeout=20_000)
    [index] = [i for i, r in enumerate(panel.rows) if r.summary.case_number == number]
    assert panel.rows[index].supply_overdue
    brush = panel.model.data(panel.model.index(index, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == LEVEL_COLOURS["red"]
    _shot(panel, "case_list.png")

    controller.open_case(number)
    case_dialog = _dialog(qtbot, "caseDialog")
    assert case_dialog.supplement.isEnabled() and not case_dialog.follow_up.isEnabled()
    _shot(case_dialog, "case_dialog.png")
    qtbot.mouseClick(case_dialog.supplement, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "supplementDialog")
    assert dialog.table.rowCount() == 3 and not dialog.commit_button.isEnabled()

    # D1: pages imported through the page strip's real pipeline, which marks it received.
    scan = tmp_path / "lease.png"
    Image.new("RGB", (800, 1100), "white").save(scan)
    dialog.table.setCurrentCell(0, 0)
    strip = dialog._strip(0)  # noqa: SLF001
    assert strip is not None, "the scanning area is wired in the real window"
    strip.import_paths([scan])
    qtbot.waitUntil(lambda: len(dialog.pages.slot("D1")) == 1, timeout=30_000)
    # D2 by keyboard: Space = received (one copy), + = another copy; D3: O = original checked.
    dialog.table.setCurrentCell(1, 0)
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)
    QTest.keyClick(dialog.table, Qt.Key.Key_Plus)
    dialog.table.setCurrentCell(2, 0)
    QTest.keyClick(dialog.table, Qt.Key.Key_O)
    assert dialog.commit_button.isEnabled()
    _shot(dialog, "supplement_dialog.png")

    with qtbot.waitSignal(controller.followups.supplement_printed, timeout=60_000) as printed:
        QTest.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # a second Ctrl+Enter
    _shot(dialog, "supplement_done.png")
    (outcome,) = printed.args[0]
    assert outcome.archived.kind.value == "supplement_receipt" and not outcome.archived.reprint
    pdf = cups_pdf.wait_for_output(int(outcome.job.job_id))
    codes = _decode(pdf, tmp_path)
    assert f"CODE-128:{number}" in codes
    assert any(line.startswith("QR-Code:") and number in line for line in codes)

    db = app.workstation.db
    stored = controller.service.cases.get(case_uuid)
    # The training sandbox syncs meanwhile: the platform may already have moved the case on (submitted).
    assert stored.case.status.value in ("accepted", "submitted", "in_review")
    [event] = [e for e in stored.events if e.kind == "supplemented"]
    assert event.details["remaining"] == [] and len(event.details["materials"]) == 3
    materials = {m.material_code: m for m in stored.case.materials}
    assert materials["D2"].copies_received == 2 and materials["D3"].original_verified
    assert len(materials["D1"].page_blob_ids) == 1
    rows = db.query("SELECT kind, payload FROM outbox WHERE case_uuid = ? ORDER BY outbox_id", (case_uuid,))
    assert [r["kind"] for r in rows] == ["case_upsert", "supplement"]  # one supplement despite two Ctrl+Enter
    payload = json.loads(rows[1]["payload"])
    assert payload["materials"][0]["files"] == list(materials["D1"].page_blob_ids)
    assert db.query("SELECT count(*) FROM case_blobs WHERE case_uuid = ? AND role = 'material_pdf'",
                    (case_uuid,))[0][0] == 1
    controller.refresh_cases()
    qtbot.waitUntil(lambda: not any(r.supply_overdue for r in panel.rows), timeout=20_000)


def test_new_acceptance_after_a_notice_refers_to_the_noticed_case(qtbot, app, cups_pdf) -> None:
    from ui.acceptance.controller import AcceptanceController
    from ui.catalog_panel import CatalogPanel

    window = app.window
    controller = window.findChild(AcceptanceController)
    catalog = window.findChild(CatalogPanel)
    qtbot.waitUntil(lambda: catalog.service.counts()["items"] > 0, timeout=30_000)
    hit = catalog.service.search("ldhtba")[0]  # 劳动合同备案: no fee before acceptance holds the decision
    item = catalog.service.get_item(hit.item_code)
    checklist = tuple(catalog.service.checklist(hit.item_code))
    service = controller.service
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item,), checklist)
    session.mark_received(checklist[0].code)
    noticed = service.commit(session, Decision.ONE_TIME_NOTICE)

    controller.open_case(noticed.case_number)
    case_dialog = _dialog(qtbot, "caseDialog")
    assert case_dialog.follow_up.isEnabled() and not case_dialog.supplement.isEnabled()
    with qtbot.waitSignal(controller.followups.follow_up_started, timeout=20_000):
        qtbot.mouseClick(case_dialog.follow_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(controller.session.checklist) == len(checklist), timeout=20_000)
    assert controller.session.follows == {"case_uuid": noticed.case_uuid, "case_number": noticed.case_number}
    assert controller.session.record(checklist[0].code).state is MaterialState.RECEIVED  # carried over
    assert controller.session.applicant == applicant()
    assert not shiboken6.isValid(case_dialog) or not case_dialog.isVisible()  # closed, deleted once closed
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)  # the rest received as the guide asks
    qtbot.waitUntil(lambda: controller.decision.is_enabled(Decision.ACCEPT))
    with qtbot.waitSignal(controller.printed, timeout=60_000):
        controller.decision.buttons[Decision.ACCEPT].click()
    result = controller.last_result
    assert result.case_uuid != noticed.case_uuid
    new = service.cases.get(result.case_uuid)
    assert new.details["decision_details"]["follows"]["case_number"] == noticed.case_number
    assert [e for e in new.events if e.kind == "follows_notice"]
    notes = [e.details for e in service.cases.get(noticed.case_uuid).events if e.kind == "note"]
    assert notes == [{"action": "note", "followed_by_case_uuid": result.case_uuid,
                      "followed_by_case_number": result.case_number}]
