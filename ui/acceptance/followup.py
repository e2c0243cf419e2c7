"""Follow-up actions from the case dialog: 补齐 of a 容缺 case, and a new acceptance after a one-time notice.

The supplement is committed off the GUI thread in one transaction (``SupplementDesk.commit``, idempotent per dialog:
the dialog's draft keeps its UUID), then its receipt (补齐材料接收回执) is printed and archived. The follow-up
acceptance replaces the window's draft with one pre-filled from the noticed case and chooses its item again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from clerk_app.acceptance.service import ExtraWrites
from clerk_app.acceptance.supplement import SupplementDesk, SupplementDraft, SupplementResult
from clerk_app.domain.case import MaterialState
from clerk_app.pages.commit import archive_material_pdfs, link_material_pdfs, link_pages
from clerk_app.pages.model import CasePages
from clerk_app.print_service import ReprintNeedsApproval
from ui.acceptance.supplement_dialog import SupplementDialog
from ui.errors import show_exception
from ui.tasks import DatabaseOp, DeviceOp

log = logging.getLogger("onewindow.ui.acceptance")


class FollowUpActions(QObject):
    supplement_committed = Signal(object)  # SupplementResult
    supplement_printed = Signal(object)  # list of PrintOutcome
    follow_up_started = Signal(str)  # number of the noticed case

    def __init__(self, controller: Any, desk: SupplementDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk
        self.dialog: SupplementDialog | None = None

    # -- 补齐 ------------------------------------------------------------------------------------------------------
    def supplement_case(self, case_uuid: str) -> None:
        cases = self.controller.service.cases
        DatabaseOp(self.controller.window, lambda: cases.get(case_uuid)).success(self._open_supplement) \
            .run(self.controller.tasks)

    def _open_supplement(self, stored: Any) -> None:
        deferred = [m for m in stored.case.materials if m.state is MaterialState.DEFERRED]
        c = self.controller
        dialog = SupplementDialog(c.window, stored, deferred, c.service.today(), c.scanner, c.tasks, c.registry)
        draft = self.desk.new_draft(str(stored.case.case_uuid))
        dialog.commit_requested.connect(lambda: self._commit(dialog, draft))
        dialog.reprint_requested.connect(lambda: self._print(draft))
        self.dialog = dialog
        c._keep(dialog)  # noqa: SLF001
        dialog.open()

    def _prepare_pages(self, dialog: SupplementDialog) -> Callable[[], ExtraWrites | None]:
        return self.prepare_pages(self.controller.scanner, dialog, "补齐材料")

    @staticmethod
    def prepare_pages(scanner: Any, dialog: SupplementDialog, label: str) -> Callable[[], ExtraWrites | None]:
        """Snapshot the supplied pages on the GUI thread; the material PDFs are built off it (also for 补正)."""
        chosen = {m.material_code for m in dialog.supplied()}
        snapshot = CasePages()
        for slot in dialog.pages.slots():
            if slot.material_code in chosen and len(slot):
                copy = snapshot.slot(slot.material_code)
                copy.add(slot.pages)
                copy.original_verified = any(
                    m.original_verified for m in dialog.supplied() if m.material_code == slot.material_code)
        if scanner is None:
            return lambda: None

        def build() -> ExtraWrites | None:
            rows = snapshot.pages_for_commit()
            if not rows:
                return None
            pdfs = archive_material_pdfs(scanner, snapshot, label)

            def writes(conn: Any, case_uuid: str) -> None:
                link_pages(conn, case_uuid, rows)
                link_material_pdfs(conn, case_uuid, pdfs)

            return writes

        return build

    def _commit(self, dialog: SupplementDialog, draft: SupplementDraft) -> None:
        if draft.result is not None:
            return
        for material in dialog.supplied():
            draft.set(material)
        prepare = self._prepare_pages(dialog)
        dialog.set_busy(True)
        desk = self.desk

        def work() -> SupplementResult:
            return desk.commit(draft, extra_writes=prepare())

        def failed(exc: BaseException) -> None:
            dialog.set_busy(False)
            from ui.errors import show_exception

            show_exception(dialog, exc)

        DatabaseOp(self.controller.window, work).success(lambda r: self._committed(dialog, draft, r)) \
            .failure(failed).run(self.controller.tasks)

    def _committed(self, dialog: SupplementDialog, draft: SupplementDraft, result: SupplementResult) -> None:
        if result.remaining:
            text = self.tr("Supplement recorded and queued; %1 material(s) stay deferred.").replace(
                "%1", str(len(result.remaining)))
        else:
            text = self.tr("All deferred materials supplied: the case is accepted and queued for the platform.")
        dialog.set_done(text)
        self.controller._status(text)  # noqa: SLF001
        self.controller.refresh_cases()
        self.supplement_committed.emit(result)
        if self.controller.auto_print:
            self._print(draft)

    def _print(self, draft: SupplementDraft) -> None:
        result = draft.result
        if result is None:
            return
        documents = self.controller.desk

        def done(outcomes: list[Any]) -> None:
            self.controller._status(self.tr("Receipt printed."))  # noqa: SLF001
            self.supplement_printed.emit(outcomes)

        def failed(exc: BaseException) -> None:
            approvals = self.controller.approvals
            if isinstance(exc, ReprintNeedsApproval) and approvals is not None:  # a second 补打 of this receipt
                approvals.reprint(result.case_uuid, exc.user_text(),
                                  lambda approver: documents.print_supplement(result.case_uuid, result, approver), done)
                return
            show_exception(self.controller.window, exc)

        DeviceOp(self.controller.window, lambda: documents.print_supplement(result.case_uuid, result)) \
            .success(done).failure(failed).run(self.controller.tasks)

    # -- after a one-time notice ------------------------------------------------------------------------------------
    def follow_up(self, case_uuid: str, dialog: Any = None) -> None:
        c = self.controller
        if c.committing:
            return
        service = c.service

        def load() -> tuple[Any, str]:
            return service.follow_up_session(case_uuid), service.follow_up_item(case_uuid)

        def loaded(found: tuple[Any, str]) -> None:
            session, code = found
            c.new_case()
            c.session = session
            c.refresh()
            if dialog is not None and shiboken6.isValid(dialog):  # a case dialog is deleted once closed
                dialog.close()
            number = session.follows["case_number"] if session.follows else ""
            c._status(self.tr("New acceptance following the one-time notice of case %1.").replace(  # noqa: SLF001
                "%1", number))
            self.follow_up_started.emit(number)
            c.choose_item(code, dict(session.answers))

        DatabaseOp(c.window, load).success(loaded).run(c.tasks)
