"""快递送达 from the case dialog and the case list: the case's delivery record shown, the dispatch dialog (the gun's
burst is its waybill while it is open), and the 当日寄件清单 printed. Storage and printing run off the GUI thread
(``DatabaseOp`` / ``DeviceOp``) through the ``DeliveryDesk``."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from clerk_app.acceptance.delivery import DISPATCHABLE, DeliveryDesk, Dispatch
from clerk_app.domain.case import CaseStatus
from clerk_app.errors import UserFacingError
from offline_cache.deliveries import DeliveryRecord
from ui.acceptance.case_list import CaseDialog
from ui.acceptance.dispatch_dialog import DispatchDialog
from ui.errors import show_exception
from ui.stamps import local_minute
from ui.tasks import DatabaseOp, DeviceOp

log = logging.getLogger("onewindow.ui.acceptance")


class DeliveryActions(QObject):
    dispatched = Signal(object)  # Dispatch
    list_printed = Signal(object)  # PrintOutcome

    def __init__(self, controller: Any, desk: DeliveryDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk
        self.dialog: DispatchDialog | None = None
        controller.cases.mailing_list.setEnabled(True)
        controller.cases.mailing_list.clicked.connect(self.print_mailing_list)

    # -- the case dialog ----------------------------------------------------------------------------------------
    def attach(self, dialog: CaseDialog, case_uuid: str, status: CaseStatus) -> None:
        """Show the case's 邮寄送达 record in its dialog and offer 寄出 when the result is ready to be mailed."""
        dialog.dispatch_requested.connect(lambda key: self.open_dispatch(key, dialog))

        def shown(record: DeliveryRecord | None) -> None:
            if record is None:
                return
            dialog.show_delivery(self.describe(record), warning=record.outcome == "returned")
            dialog.dispatch.setEnabled(status in DISPATCHABLE and not record.mailed)

        DatabaseOp(dialog, lambda: self.desk.delivery(case_uuid)).success(shown).run(self.controller.tasks)

    def describe(self, record: DeliveryRecord) -> str:
        recipient = record.recipient
        text = self.tr("Mail delivery (邮寄送达) to %1, %2").replace("%1", escape(recipient.masked)) \
            .replace("%2", escape(recipient.address))
        if record.mailed:
            when = local_minute(record.mailed_at)
            text += "<br>" + self.tr("Mailed %1 with %2, waybill %3").replace("%1", escape(when)) \
                .replace("%2", escape(record.carrier or "")).replace("%3", escape(record.waybill or ""))
        if record.outcome == "delivered":
            when = local_minute(record.outcome_at)
            text += "<br>" + self.tr("Delivered (已签收) %1").replace("%1", escape(when))
        elif record.outcome == "returned":
            text += "<br><b>" + self.tr("Returned by the carrier (退回): %1. The result waits at the window: ask the "
                                        "applicant to collect it.").replace("%1", escape(record.return_reason or "—")) \
                + "</b>"
        return text

    # -- the dispatch -------------------------------------------------------------------------------------------
    def open_dispatch(self, case_uuid: str, case_dialog: CaseDialog | None = None) -> None:
        def loaded(found: tuple[str, DeliveryRecord | None]) -> None:
            number, record = found
            if record is None:
                return
            # The case dialog is deleted once closed: if the clerk closed it while the record was read, the
            # dispatch dialog opens over the main window.
            over = case_dialog if case_dialog is not None and shiboken6.isValid(case_dialog) else None
            dialog = DispatchDialog(over or self.controller.window, number, record, self.desk.read)
            dialog.dispatch_requested.connect(lambda waybill: self._dispatch(case_uuid, waybill, dialog, over))
            dialog.reveal_requested.connect(lambda: self._reveal(case_uuid, dialog))
            # While it is open, a gun burst anywhere is this dialog's waybill, never a case number to open.
            self.controller.barcode.capture = dialog.take_scan
            dialog.finished.connect(self._released)
            self.dialog = dialog
            self.controller._keep(dialog)  # noqa: SLF001 - the controller keeps its dialogs alive
            dialog.open()

        def load() -> tuple[str, DeliveryRecord | None]:
            return self.controller.service.cases.get(case_uuid).case.case_number, self.desk.delivery(case_uuid)

        DatabaseOp(self.controller.window, load).success(loaded).failure(
            lambda exc: show_exception(self.controller.window, exc)).run(self.controller.tasks)

    def _reveal(self, case_uuid: str, dialog: DispatchDialog) -> None:
        DatabaseOp(dialog, lambda: self.desk.reveal(case_uuid)).success(dialog.show_full).failure(
            lambda exc: show_exception(dialog, exc)).run(self.controller.tasks)

    def _released(self, _result: int = 0) -> None:
        if self.dialog is not None and self.controller.barcode.capture == self.dialog.take_scan:
            self.controller.barcode.capture = None
        self.dialog = None

    def _dispatch(self, case_uuid: str, waybill: str, dialog: DispatchDialog, case_dialog: CaseDialog | None) -> None:
        def done(result: Dispatch) -> None:
            self.controller._status(  # noqa: SLF001
                self.tr("Result mailed with %1 waybill %2 and queued for the platform.")
                .replace("%1", result.waybill.carrier).replace("%2", result.waybill.number))
            dialog.accept()
            if case_dialog is not None:
                case_dialog.close()
            self.controller.refresh_cases()
            self.dispatched.emit(result)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                dialog.show_refusal(exc.user_text())
                dialog.confirm.setEnabled(True)
                return
            show_exception(dialog, exc)

        DatabaseOp(dialog, lambda: self.desk.dispatch(case_uuid, waybill)).success(done).failure(refused) \
            .run(self.controller.tasks)

    # -- 当日寄件清单 -------------------------------------------------------------------------------------------
    def print_mailing_list(self) -> None:
        def done(outcome: Any) -> None:
            self.controller.show_printed([outcome])
            self.list_printed.emit(outcome)

        DeviceOp(self.controller.window, self.desk.print_mailing_list).success(done).failure(
            lambda exc: show_exception(self.controller.window, exc)).run(self.controller.tasks)
