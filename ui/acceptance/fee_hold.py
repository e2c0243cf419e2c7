"""受理前收费 in the decision panel: 受理 / 容缺受理 stay disabled with the reason until the platform confirms the
payment of the draft's 缴费通知书; the notice prints from the panel; 查询缴费 asks the platform now; a draft waiting
for its payment can be parked while the window serves the next applicant, and resumed.

Whether a hold applies is known from the draft's items alone (``effective_stage``); whether it is paid is read from
the stored notice off the GUI thread and cached here per draft. Until that read answers, the draft counts as unpaid
(the safe side). The commit checks again inside its transaction (``FeeDesk.hold_decision``), so a stale cache can
never accept an unpaid case. Offline the window cannot learn the payment: the panel says so and offers parking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from clerk_app.acceptance.fee_hold_paper import draft_fee_notice_context, print_draft_fee_notice
from clerk_app.acceptance.fees import DecisionHold, FeeDesk
from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.domain.case import Decision
from clerk_app.domain.fees import FeeStage, effective_stage, yuan
from clerk_app.domain.masking import mask_name
from ui.errors import show_exception
from ui.tasks import DatabaseOp, DeviceOp, NetworkOp

log = logging.getLogger("onewindow.ui.acceptance")

HELD = frozenset({Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY})


class FeeHoldActions(QObject):
    def __init__(self, controller: Any, desk: FeeDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk
        self.holds: dict[str, DecisionHold] = {}  # draft case UUID -> its hold as last read
        self.offline = False  # the last 查询缴费 could not reach the platform
        # 查询缴费: one sync pass (sends the queued order, pulls the payments); returns False when offline.
        self.payment_check: Callable[[], bool] | None = None
        self.parked: dict[str, tuple[AcceptanceSession, Any]] = {}  # drafts waiting for their payment
        panel = controller.decision
        panel.fee_notice_requested.connect(self.print_notice)
        panel.fee_check_requested.connect(self.check)
        panel.park_requested.connect(self.park)
        panel.resume_requested.connect(self.resume)

    # -- the state the panel shows ------------------------------------------------------------------------------
    @staticmethod
    def applies(session: AcceptanceSession) -> bool:
        return bool(session.items) and effective_stage(session.items) is FeeStage.BEFORE_ACCEPTANCE

    def held(self, session: AcceptanceSession) -> str | None:
        """The reason 受理 / 容缺受理 are held (Chinese on a Chinese desk), None when not held."""
        if not self.applies(session):
            return None
        hold = self.holds.get(session.case_uuid)
        if hold is not None and hold.paid:
            return None
        if hold is None or hold.notice is None:
            amount = hold.amount_fen if hold is not None else None
            text = self.tr("Fees before acceptance (受理前收费)%1: print the payment notice; accept once paid.") \
                .replace("%1", f" {yuan(amount)} " + self.tr("yuan") if amount else "")
        else:
            text = self.tr("Fees before acceptance (受理前收费): %1 yuan not paid yet (payment code %2); accept once "
                           "paid.").replace("%1", yuan(hold.amount_fen)).replace("%2", hold.notice.payment_code)
        if self.offline:  # first: in a short decision area the reason's tail may be cut, never this
            text = self.tr("Offline: the payment cannot be learnt now. Park the draft and serve the next "
                           "applicant.") + "\n" + text
        return text

    def show(self, session: AcceptanceSession) -> None:
        panel = self.controller.decision
        reason = self.held(session) if not session.committed else None
        panel.set_fee_hold(reason, applies=self.applies(session) and not session.committed,
                           parked=len(self.parked))

    def reload(self) -> None:
        """Read the draft's notice and paid state off the GUI thread, then show it."""
        session = self.controller.session
        if not self.applies(session) or session.committed:
            self.show(session)
            return

        def done(hold: DecisionHold | None) -> None:
            if hold is not None:
                self.holds[session.case_uuid] = hold
            self.controller.refresh()

        DatabaseOp(self.controller.window, lambda: self.desk.decision_hold(session)).success(done) \
            .run(self.controller.tasks)

    # -- actions ---------------------------------------------------------------------------------------------
    def print_notice(self) -> None:
        c = self.controller
        session = c.session
        if not self.applies(session) or session.committed:
            return
        desk, documents = self.desk, c.desk
        service = c.service

        def work() -> Any:
            notice = desk.issue_for_draft(session)
            ctx = draft_fee_notice_context(session, notice, desk.qr_text(notice, ""), documents.letterhead,
                                           centre_code=service.centre_code, window_code=service.window_code,
                                           clerk_id=desk.clerk_id)
            print_draft_fee_notice(documents.printer, ctx)
            return notice

        def done(notice: Any) -> None:
            c._status(self.tr("Payment notice printed: %1 yuan, payment code %2.").replace(  # noqa: SLF001
                "%1", yuan(notice.amount_fen)).replace("%2", notice.payment_code))
            self.reload()

        DeviceOp(c.window, work).success(done).failure(lambda exc: show_exception(c.window, exc)).run(c.tasks)

    def check(self) -> None:
        c = self.controller
        check = self.payment_check

        def work() -> bool:
            return bool(check()) if check is not None else False

        def done(online: bool) -> None:
            self.offline = not online
            if not online:
                c._status(self.tr("Offline: the payment cannot be checked now."))  # noqa: SLF001
            self.reload()

        NetworkOp(c.window, work).success(done).failure(lambda exc: show_exception(c.window, exc)).run(c.tasks)

    def park(self) -> None:
        """The applicant goes to pay: the draft (with its scanned pages) waits here; the window takes the next."""
        c = self.controller
        session = c.session
        if session.committed or not self.applies(session):
            return
        self.parked[session.case_uuid] = (session, c.strips.case_pages)
        log.info("draft parked until its fee is paid")
        c.new_case()
        c._status(self.tr("Draft parked until paid. Resume it with 恢复待缴费草稿."))  # noqa: SLF001

    def labels(self) -> list[tuple[str, str]]:
        rows = []
        for key, (session, _pages) in self.parked.items():
            hold = self.holds.get(key)
            name = session.applicant.display_name if session.applicant is not None else ""
            paid = self.tr("paid") if hold is not None and hold.paid else self.tr("not paid yet")
            rows.append((key, f"{mask_name(name)}　{'、'.join(i.name for i in session.items)}　{paid}"))
        return rows

    def resume(self) -> None:
        rows = self.labels()
        if not rows:
            return
        c = self.controller
        chosen, ok = QInputDialog.getItem(c.window, self.tr("Resume a draft waiting for payment"),
                                          self.tr("Draft"), [text for _key, text in rows], 0, False)
        if not ok:
            return
        key = next(k for k, text in rows if text == chosen)
        self.resume_draft(key)

    def resume_draft(self, case_uuid: str) -> None:
        session, pages = self.parked.pop(case_uuid)
        self.controller.restore_draft(session, pages)
        self.reload()
