"""补正 from the case dialog: print the 补正告知书 of the back office's request, and receive the materials with the
补齐 dialog's keyboard flow (checklist, page strip); the commit runs off the GUI thread in one transaction
(``CorrectionDesk.commit``, idempotent per dialog: the draft keeps its UUID), then the receipt is printed."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from clerk_app.acceptance.correction import CorrectionDesk, CorrectionDraft, CorrectionResult
from clerk_app.domain.case import MaterialRecord, MaterialState
from clerk_app.domain.masking import mask_name
from offline_cache.corrections import CorrectionRequest
from ui.acceptance.followup import FollowUpActions
from ui.acceptance.supplement_dialog import DialogWording, SupplementDialog
from ui.tasks import DatabaseOp, DeviceOp

log = logging.getLogger("onewindow.ui.acceptance")


class CorrectionActions(QObject):
    notice_printed = Signal(object)  # PrintOutcome
    correction_committed = Signal(object)  # CorrectionResult
    receipt_printed = Signal(object)  # PrintOutcome

    def __init__(self, controller: Any, desk: CorrectionDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk
        self.dialog: SupplementDialog | None = None

    # -- the notice -----------------------------------------------------------------------------------------------
    def print_notice(self, case_uuid: str) -> None:
        desk, documents = self.desk, self.controller.desk

        def work() -> Any:
            draft = desk.new_draft(case_uuid)  # refuses a case without an open request
            return documents.print_correction_notice(case_uuid, draft.request)

        def done(outcome: Any) -> None:
            self.controller._status(self.tr("补正告知书 printed: hand it to the applicant."))  # noqa: SLF001
            self.notice_printed.emit(outcome)

        DeviceOp(self.controller.window, work).success(done).run(self.controller.tasks)

    # -- receiving the materials ----------------------------------------------------------------------------------
    def receive(self, case_uuid: str) -> None:
        cases, desk = self.controller.service.cases, self.desk

        def load() -> tuple[Any, CorrectionDraft]:
            return cases.get(case_uuid), desk.new_draft(case_uuid)

        DatabaseOp(self.controller.window, load).success(self._open).run(self.controller.tasks)

    def wording(self, stored: Any, request: CorrectionRequest) -> DialogWording:
        due = request.due_by.isoformat() if request.due_by else "—"
        return DialogWording(
            title=self.tr("Receive the 补正 materials – %1"),
            head=self.tr("%1 · %2 · the back office asked for 补正 (notice %3, bring by %4): mark what the "
                         "applicant brings; every requested material is needed.")
            .replace("%1", "、".join(stored.item_names)).replace("%2", mask_name(stored.case.applicant.display_name))
            .replace("%3", request.request_id).replace("%4", due),
            material_column=self.tr("Requested material (what is asked)"), due_column=self.tr("Bring by"),
            commit=self.tr("Record the 补正 (Ctrl+Enter)"),
            nothing=self.tr("Nothing marked yet: Space marks the current material as received."),
            partial=self.tr("%1 material(s) marked, %2 still missing: the notice asked for all of them."),
            complete=self.tr("Every requested material is here: recording sends the case back to review."),
            all_required=True)

    def _open(self, loaded: tuple[Any, CorrectionDraft]) -> None:
        stored, draft = loaded
        request = draft.request
        rows = [MaterialRecord(i.material_code, f"{i.name}（{i.requirement}）" if i.requirement else i.name,
                               MaterialState.DEFERRED, supply_by=request.due_by) for i in request.items]
        c = self.controller
        dialog = SupplementDialog(c.window, stored, rows, c.service.today(), c.scanner, c.tasks, c.registry,
                                  wording=self.wording(stored, request))
        dialog.setObjectName("correctionDialog")
        dialog.commit_requested.connect(lambda: self._commit(dialog, draft))
        dialog.reprint_requested.connect(lambda: self._print_receipt(draft))
        self.dialog = dialog
        c._keep(dialog)  # noqa: SLF001
        dialog.open()

    def _commit(self, dialog: SupplementDialog, draft: CorrectionDraft) -> None:
        if draft.result is not None:
            return
        for material in dialog.supplied():
            draft.set(material)
        prepare = FollowUpActions.prepare_pages(self.controller.scanner, dialog, "补正材料")
        dialog.set_busy(True)
        desk = self.desk

        def work() -> CorrectionResult:
            return desk.commit(draft, extra_writes=prepare())

        def failed(exc: BaseException) -> None:
            dialog.set_busy(False)
            from ui.errors import show_exception

            show_exception(dialog, exc)

        DatabaseOp(self.controller.window, work).success(lambda r: self._committed(dialog, draft, r)).failure(failed) \
            .run(self.controller.tasks)

    def _committed(self, dialog: SupplementDialog, draft: CorrectionDraft, result: CorrectionResult) -> None:
        text = self.tr("补正 recorded and queued for the platform: the case is back in review, the clock runs again.")
        dialog.set_done(text)
        self.controller._status(text)  # noqa: SLF001
        self.controller.refresh_cases()
        self.correction_committed.emit(result)
        if self.controller.auto_print:
            self._print_receipt(draft)

    def _print_receipt(self, draft: CorrectionDraft) -> None:
        result = draft.result
        if result is None:
            return
        documents = self.controller.desk

        def done(outcome: Any) -> None:
            self.controller._status(self.tr("补正 receipt printed."))  # noqa: SLF001
            self.receipt_printed.emit(outcome)

        def work() -> Any:
            return documents.print_correction_receipt(result.case_uuid, result, draft.request)

        DeviceOp(self.controller.window, work).success(done).run(self.controller.tasks)
