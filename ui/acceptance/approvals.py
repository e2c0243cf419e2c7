"""What needs the supervisor at the window: 作废 of a case from its dialog, and a second or later 补打.

Both open the ``SupervisorApprovalDialog``; the credential check and the action run off the GUI thread together
(``VoidDesk.void`` checks the approval itself; a reprint asks ``ClerkSession.approve`` then prints with the
approver's account). A refusal stays in the dialog for another try; success closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clerk_app.acceptance.void import VoidDesk
from clerk_app.security.clerk_session import ClerkSession
from ui.approval_dialog import SupervisorApprovalDialog
from ui.tasks import DeviceOp, NetworkOp

log = logging.getLogger("onewindow.ui.acceptance")


class ApprovalActions(QObject):
    def __init__(self, controller: Any, session: ClerkSession, voids: VoidDesk | None) -> None:
        super().__init__(controller)
        self.controller = controller
        self.session = session
        self.voids = voids
        self.dialog: SupervisorApprovalDialog | None = None

    def _open(self, parent: QWidget | None, title: str, explanation: str, ask_reason: bool) -> SupervisorApprovalDialog:
        dialog = SupervisorApprovalDialog(parent or self.controller.window, title, explanation, ask_reason=ask_reason)
        self.dialog = dialog
        self.controller._keep(dialog)  # noqa: SLF001
        dialog.open()
        return dialog

    # -- 作废 ---------------------------------------------------------------------------------------------------
    def void_case(self, case_uuid: str, case_dialog: QWidget | None = None) -> None:
        if self.voids is None:
            return
        dialog = self._open(case_dialog, self.tr("Void the case (作废)"), self.tr(
            "Voiding is for a case committed in error. It cannot be undone: the case stays on record as voided and "
            "the platform is told. The supervisor (值班长) approves with their own account and password."), True)
        desk = self.voids

        def done(record: Any) -> None:
            dialog.accept()
            if case_dialog is not None:
                case_dialog.close()
            self.controller._status(self.tr("Case voided and queued for the platform."))  # noqa: SLF001
            self.controller.refresh_cases()
            self.controller.show_case_by_uuid(record.case_uuid)

        def submitted(account: str, password: str, reason: str) -> None:
            # the approval may ask the platform (a login check), then the void is one transaction
            NetworkOp(dialog, lambda: desk.void(case_uuid, reason, account, password)).success(done) \
                .failure(dialog.refused).run(self.controller.tasks)

        dialog.submitted.connect(submitted)

    # -- the second and later 补打 ------------------------------------------------------------------------------
    def reprint(self, case_uuid: str, message: str, print_with: Callable[[str], Any] | None = None,
                printed: Callable[[Any], None] | None = None) -> None:
        """``print_with(approver)`` prints the refused papers again with the approval (default: the case's papers
        as the case dialog's 补打 printed them); ``printed`` gets its outcomes (default: the controller's notice)."""
        dialog = self._open(None, self.tr("Reprint needs approval"), message, False)
        session, desk = self.session, self.controller.desk
        again = print_with or (lambda approver: desk.print_case(case_uuid, approved_by=approver))

        def approve_and_print(account: str, password: str) -> Any:
            approver = session.approve(account, password, "reprint", case_uuid=case_uuid)
            return again(approver.account)

        def done(outcomes: Any) -> None:
            dialog.accept()
            (printed or self.controller._printed)(outcomes)  # noqa: SLF001

        dialog.submitted.connect(lambda account, password, _reason: DeviceOp(
            dialog, lambda: approve_and_print(account, password)).success(done).failure(dialog.refused)
            .run(self.controller.tasks))
