"""快递送达 in the real widgets, offscreen and in Chinese: 邮寄送达 offered only for an item that allows 物流快递, the
recipient checked before the commit, the case dialog's 寄出 opening the dispatch dialog, the waybill typed by the
gun into it (and a long numeric burst taken as the waybill, not as a case number to open, only while it is open),
the recipient shown in full for the waybill label only when asked (audited), the 当日寄件清单 printed from the case
list, and a result the carrier returned flagged in the case list and shown in the case dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clerk_app.sync.pulls import pull_case_changes
from offline_cache.sync_store import SyncStore
from tests.integration.sync.test_express_delivery import _code_of
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_fee_ui import chinese_errors  # noqa: F401 - the fixture
from tests.unit.acceptance.test_handover_ui import _dialog
from tests.unit.acceptance.test_reuse_ui import chinese  # noqa: F401 - the fixture
from tests.unit.acceptance.test_ui import REPLACEMENT, desk  # noqa: F401 - the fixture
from tests.unit.printing.test_documents import text_of
from tests.unit.sync.fake_platform import FakePlatform

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/after-paper")
EXPRESS = "无犯罪记录证明开具"


def _approved(db, rules, case_uuid: str) -> None:
    """What sync does when the back office approves (accepted → approved)."""
    with db.transaction() as conn:
        rules.record_event(conn, case_uuid=case_uuid, kind="conclude", from_status="accepted", to_status="approved",
                           clerk_id="platform", window_code="01", details={})
        conn.execute("UPDATE cases SET status = 'approved' WHERE case_uuid = ?", (case_uuid,))


def _commit_mail(qtbot, controller, address: str) -> str:
    controller.new_case()
    controller.set_applicant(applicant())
    controller.choose_item(_code_of(EXPRESS))
    qtbot.waitUntil(lambda: controller.checklist.table.rowCount() > 0 and bool(controller.session.items),
                    timeout=10_000)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    choice = controller.decision.delivery
    assert choice.mail.isEnabled()
    choice.mail.setChecked(True)
    entry = choice.dialog
    qtbot.waitUntil(entry.isVisible)
    assert entry.name.text() == "张三"  # the applicant's name suggested
    entry.phone.setText("13912345678")
    entry.address.setText(address)
    entry.ok.click()
    qtbot.waitUntil(lambda: not entry.isVisible())
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    return controller.last_result.case_uuid


def _burst(widget, text: str) -> None:
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_mail_delivery_chosen_dispatched_by_the_gun_listed_and_returned(qtbot, chinese_errors, desk,  # noqa: F811
                                                                        workstation) -> None:
    window, controller, spooler = desk
    choice = controller.decision.delivery
    controller.set_applicant(applicant())
    controller.choose_item(REPLACEMENT)
    qtbot.waitUntil(lambda: controller.checklist.table.rowCount() == 2)
    assert not choice.mail.isEnabled() and "物流快递" in choice.note.text()  # the catalog does not allow it

    controller.new_case()
    controller.set_applicant(applicant())
    controller.choose_item(_code_of(EXPRESS))
    qtbot.waitUntil(lambda: bool(controller.session.items) and choice.mail.isEnabled(), timeout=10_000)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    choice.mail.setChecked(True)  # opens the recipient dialog
    entry = choice.dialog
    qtbot.waitUntil(entry.isVisible)
    entry.reject()  # cancelled without a recipient: back to 窗口自取
    assert choice.pickup.isChecked()
    choice.mail.setChecked(True)
    qtbot.waitUntil(entry.isVisible)
    assert entry.name.text() == "张三"  # the applicant's name suggested
    QTest.mouseClick(entry.ok, Qt.MouseButton.LeftButton)  # no phone, no address: the dialog says what is missing
    assert entry.isVisible() and "邮寄送达需要手机号码（11位）或带区号的固定电话" in entry.error.text()
    QTest.keyClicks(entry.phone, "13912345678")
    entry.address.setText("四川省南充市顺庆区人民中路88号")  # Chinese comes through the IME, not key codes
    QTest.mouseClick(entry.postcode, Qt.MouseButton.LeftButton)
    QTest.keyClicks(entry.postcode, "6370")
    QTest.mouseClick(entry.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.barcode.pending == "")
    assert entry.isVisible() and "六位邮政编码" in entry.error.text()
    SHOTS.mkdir(exist_ok=True)
    entry.grab().save(str(SHOTS / "recipient_dialog.png"))
    QTest.keyClicks(entry.postcode, "00")
    qtbot.waitUntil(lambda: controller.barcode.pending == "" and entry.postcode.text() == "637000")
    QTest.mouseClick(entry.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not entry.isVisible())
    assert choice.summary.text() == "张* 139****5678，四川省南充市顺庆区人民中路88号"
    assert workstation.db.query("SELECT count(*) FROM cases")[0][0] == 0  # nothing committed before the decision
    controller.decision.grab().save(str(SHOTS / "delivery_choice.png"))
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    first = controller.last_result
    assert workstation.db.query("SELECT count(*) FROM case_deliveries")[0][0] == 1
    assert choice.mail.isChecked() and not choice.isEnabled()  # the decided case's choice, frozen
    controller.new_case()
    assert not choice.mail.isChecked() and choice.dialog.address.text() == ""  # the next draft: 窗口自取
    qtbot.waitUntil(lambda: len(spooler.jobs) >= 1, timeout=10_000)

    rules = controller.service.rules
    _approved(workstation.db, rules, first.case_uuid)
    dialog = _dialog(qtbot, controller, first.case_number)
    qtbot.waitUntil(dialog.dispatch.isEnabled, timeout=10_000)
    assert "张* 139****5678" in dialog.delivery_note.text() and "人民中路88号" in dialog.delivery_note.text()
    QTest.mouseClick(dialog.dispatch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.delivery.dialog is not None and controller.delivery.dialog.isVisible(),
                    timeout=10_000)
    dispatch = controller.delivery.dialog
    assert controller.barcode.capture == dispatch.take_scan
    assert dispatch.recipient.text() == "张* 139****5678"  # masked until the clerk writes the waybill label
    QTest.mouseClick(dispatch.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dispatch.recipient.text() == "张三 13912345678", timeout=10_000)
    [audit] = workstation.db.query("SELECT details FROM audit_log WHERE kind = 'recipient_revealed'")
    assert first.case_number in audit[0] and "张三" not in audit[0] and "13912345678" not in audit[0]
    QTest.keyClicks(dispatch.waybill, "EA12345")
    # typed digits are held a moment by the gun's filter (a burst?), then handed on to the field
    qtbot.waitUntil(lambda: controller.barcode.pending == "" and dispatch.waybill.text() == "EA12345")
    assert "不是本中心使用的快递公司的运单号" in dispatch.carrier.text() and not dispatch.confirm.isEnabled()
    dispatch.waybill.clear()
    QTest.keyClicks(dispatch.waybill, "ea123456789cn")
    qtbot.waitUntil(lambda: controller.barcode.pending == "" and dispatch.waybill.text() == "ea123456789cn")
    assert "中国邮政EMS" in dispatch.carrier.text() and dispatch.confirm.isEnabled()
    dispatch.grab().save(str(SHOTS / "dispatch_dialog.png"))
    dispatch.waybill.clear()
    _burst(dispatch.waybill, "1234567890123")  # a 13-digit EMS waybill from the gun, Enter at the end
    qtbot.waitUntil(lambda: controller.service.cases.get(first.case_uuid).case.status.value == "mailed",
                    timeout=10_000)
    qtbot.waitUntil(lambda: controller.barcode.capture is None)  # the dialog closed: bursts open cases again
    assert workstation.db.query("SELECT waybill FROM case_deliveries")[0][0] == "1234567890123"
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'dispatch'")[0][0] == 1

    # A 14-digit burst is a case number outside the dialog; while the dialog is open it is its waybill.
    controller.delivery.desk.waybill_rules += ("中通快递=7[0-9]{13}",)
    second = _commit_mail(qtbot, controller, "四川省南充市高坪区江东中路1号")
    _approved(workstation.db, rules, second)
    number = controller.service.cases.get(second).case.case_number
    dialog = _dialog(qtbot, controller, number)
    qtbot.waitUntil(dialog.dispatch.isEnabled, timeout=10_000)
    QTest.mouseClick(dialog.dispatch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.delivery.dialog is not None and controller.delivery.dialog.isVisible(),
                    timeout=10_000)
    dispatch = controller.delivery.dialog
    dispatch.activateWindow()
    dispatch.waybill.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dispatch.waybill, timeout=5_000)
    with qtbot.assertNotEmitted(controller.barcode.scanned):
        _burst(dispatch.waybill, "73123456789012")
    qtbot.waitUntil(lambda: controller.service.cases.get(second).case.status.value == "mailed", timeout=10_000)
    assert workstation.db.query("SELECT waybill FROM case_deliveries WHERE case_uuid = ?",
                                (second,))[0][0] == "73123456789012"

    QTest.mouseClick(controller.cases.mailing_list, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(title.startswith("当日寄件清单-YJ01") for _, _, title in spooler.jobs),
                    timeout=10_000)
    [mailing_list] = [pdf for _, pdf, title in spooler.jobs if title.startswith("当日寄件清单-YJ01")]
    assert "73123456789012" in text_of(mailing_list)  # the day's list names the waybill just taken

    # The carrier returned the first result: the status pull puts it back to window pickup with the reason.
    platform = FakePlatform()
    platform.changes = [{"seq": 1, "case_uuid": first.case_uuid, "status": "returned", "note": "收件人拒收",
                         "at": "2026-12-03T10:00:00+08:00"}]
    assert pull_case_changes(workstation.db, platform, SyncStore(workstation.db)) == 1
    controller.refresh_cases()
    qtbot.waitUntil(lambda: any(r.returned == "收件人拒收" for r in controller.cases.rows), timeout=10_000)
    row = next(i for i, r in enumerate(controller.cases.rows) if r.summary.case_uuid == first.case_uuid)
    status = controller.cases.model.index(row, 3)
    assert status.data() == "待领取 · 邮寄退回" and "收件人拒收" in status.data(Qt.ItemDataRole.ToolTipRole)
    dialog = _dialog(qtbot, controller, first.case_number)
    qtbot.waitUntil(lambda: "收件人拒收" in dialog.delivery_note.text(), timeout=10_000)
    assert "退回" in dialog.delivery_note.text() and "b26a00" in dialog.delivery_note.text()
    assert dialog.handover.isEnabled() and not dialog.dispatch.isEnabled()
    dialog.grab().save(str(SHOTS / "case_dialog_returned.png"))
