"""``wire_online``: 网上申报 → 窗口接件 at the window.

The bar sits above the applicant panel. A number typed or scanned into it (the barcode gun is a keyboard; the
``WS`` prefix keeps the case-number gun filter out of the way) is fetched from the platform on the I/O pool, the
draft is built from it on the database pool and handed to the acceptance controller. A card read looks up the
applicant's open pre-applications (when online) and offers the first. Offline the bar says it cannot fetch and
offers a fresh acceptance.
"""

from __future__ import annotations

import logging
from typing import Any

from clerk_app.acceptance.online import OnlineUnavailable, PreApplicationHit
from clerk_app.domain.applicant import Applicant, NaturalPerson
from clerk_app.domain.pre_application import PreApplication
from clerk_app.errors import UserFacingError
from clerk_app.services import Services
from ui.acceptance.controller import AcceptanceController
from ui.applicant_panel import ApplicantPanel
from ui.errors import show_exception
from ui.main_window import MainWindow
from ui.online_bar import OnlineBar
from ui.tasks import DatabaseOp, NetworkOp, Operation, TaskRunner

log = logging.getLogger("onewindow.ui.online")


class OnlinePresenter:
    def __init__(self, window: MainWindow, services: Services, tasks: TaskRunner, bar: OnlineBar,
                 acceptance: AcceptanceController, applicant: ApplicantPanel | None) -> None:
        self.window, self.services, self.tasks, self.bar = window, services, tasks, bar
        self.acceptance, self.applicant = acceptance, applicant
        bar.fetch_requested.connect(self.fetch)
        bar.fresh_requested.connect(self.fresh_acceptance)
        acceptance.committed.connect(lambda _result: bar.reset())
        acceptance.online_refused.connect(bar.show_error)

    def _run(self, kind: type[Operation[Any]], fn: Any, done: Any, failed: Any) -> None:
        kind(self.window, fn).success(done).failure(failed).run(self.tasks)

    # -- by number ---------------------------------------------------------------------------------------------
    def fetch(self, number: str) -> None:
        if self.acceptance.committing:
            return
        self.bar.set_busy(True)
        desk = self.services.online
        self._run(NetworkOp, lambda: desk.fetch(number), self._fetched, self._failed)

    def _fetched(self, pre: PreApplication) -> None:
        desk, acceptance = self.services.online, self.services.acceptance

        def build() -> tuple[PreApplication, Any, str]:
            return pre, desk.session_for(pre, acceptance.new_session()), desk.item_name(pre.item_code)

        self._run(DatabaseOp, build, self._built, self._failed)

    def _built(self, built: tuple[PreApplication, Any, str]) -> None:
        pre, session, item_name = built
        self.bar.set_busy(False)
        if self.applicant is not None:
            self.applicant.clear()  # before the draft: clearing publishes "no applicant" to the controller
        self.acceptance.adopt_session(session)
        self.bar.show_taken(pre, item_name)
        log.info("online pre-application taken into a draft")

    def _failed(self, exc: BaseException) -> None:
        self.bar.set_busy(False)
        if isinstance(exc, OnlineUnavailable):
            self.bar.show_unavailable(exc.user_text())
        elif isinstance(exc, UserFacingError):
            self.bar.show_error(exc.user_text())
        else:
            show_exception(self.window, exc)

    def fresh_acceptance(self) -> None:
        self.bar.reset()
        self.acceptance.new_case()
        if self.applicant is not None:
            self.applicant.clear()
        self.window.status.showMessage(self.window.tr("Fresh acceptance: read the ID card (F2) and choose the item "
                                                      "(F3)."), 8000)

    # -- by card -----------------------------------------------------------------------------------------------
    def card_read(self, applicant: Applicant | None) -> None:
        """A card on the reader: its holder's open pre-applications, when online (offline: nothing is said here;
        the number still works once the link is back)."""
        desk = self.services.online
        session = self.acceptance.session
        principal = applicant.principal if applicant is not None else None
        if not desk.configured or not isinstance(principal, NaturalPerson) or session.online is not None:
            return

        def found(hits: list[PreApplicationHit]) -> None:
            self.bar.show_hits([h.number for h in hits])

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserFacingError):
                show_exception(self.window, exc)

        self._run(NetworkOp, lambda: desk.find_for(applicant), found, failed)


def wire_online(window: MainWindow, services: Services, tasks: TaskRunner, *, acceptance: AcceptanceController,
                applicant: ApplicantPanel | None) -> OnlinePresenter:
    bar = OnlineBar()
    window.add_to_area("applicant", bar, first=True)
    presenter = OnlinePresenter(window, services, tasks, bar, acceptance, applicant)
    window.shortcuts.bind("online", bar.focus)
    if applicant is not None:
        applicant.applicant_changed.connect(presenter.card_read)
    return presenter
