"""打印结果/证照 from the case dialog: the decision paper and, for a licence, the certificate on pre-printed stock
(``ResultDesk``), printed off the GUI thread on the device executor; a second 补打 goes through the supervisor's
approval like every paper."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from clerk_app.acceptance.results import ResultDesk
from clerk_app.print_service import ReprintNeedsApproval
from ui.tasks import DatabaseOp, DeviceOp

log = logging.getLogger("onewindow.ui.acceptance")


def tr_results(text: str) -> str:
    """The results strings (ui/i18n/results_zh_CN.ts)."""
    return QCoreApplication.translate("results", text)


class ResultActions(QObject):
    printed = Signal(object)  # list of PrintOutcome
    offered = Signal(str, object)  # case uuid, ResultOffer (the dialog's button and line follow it)

    def __init__(self, controller: Any, desk: ResultDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk

    def load_offer(self, case_uuid: str, dialog: Any) -> None:
        """What the dialog can offer (reads the case's result and the templates: off the GUI thread)."""
        def shown(offer: Any) -> None:
            dialog.show_result_offer(offer)
            self.offered.emit(case_uuid, offer)

        # Delivered to the dialog while it exists: a case dialog is deleted when it closes.
        DatabaseOp(dialog, lambda: self.desk.offer(case_uuid)).success(shown) \
            .failure(dialog.show_result_error).run(self.controller.tasks)

    def print_results(self, case_uuid: str) -> None:
        desk, controller = self.desk, self.controller

        def done(outcomes: list[Any]) -> None:
            controller._printed(outcomes)  # noqa: SLF001 - the controller's notice (training PDFs, status line)
            controller._status(tr_results("Result printed: %1.").replace(  # noqa: SLF001
                "%1", "、".join(o.title for o in outcomes)))
            self.printed.emit(outcomes)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReprintNeedsApproval) and controller.approvals is not None:
                controller.approvals.reprint(case_uuid, exc.user_text(),
                                             lambda approver: desk.print_results(case_uuid, approver), done)
                return
            controller._print_failed(exc)  # noqa: SLF001

        DeviceOp(controller.window, lambda: desk.print_results(case_uuid)).success(done).failure(failed) \
            .run(controller.tasks)
