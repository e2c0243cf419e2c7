"""``wire_agent_batch``: 代办批次 at the window. The agent's card on the applicant panel starts the batch (the agent
identified once); while it is open, each applicant the panel publishes is a villager for whom the agent acts (the
acceptance controller records the agent and the batch on the draft); ending the batch prints the batch receipt."""

from __future__ import annotations

from typing import Any

from clerk_app.acceptance.agent_batch import AgentBatch
from clerk_app.domain.applicant import NaturalPerson
from clerk_app.domain.case import TakenAt
from clerk_app.errors import UserFacingError
from clerk_app.services import Services
from ui.acceptance.controller import AcceptanceController
from ui.agent_batch_bar import AgentBatchBar
from ui.applicant_panel import ApplicantPanel
from ui.errors import error_html, show_exception
from ui.main_window import MainWindow
from ui.tasks import DatabaseOp, DeviceOp, Operation, TaskRunner


class AgentBatchPresenter:
    def __init__(self, window: MainWindow, services: Services, tasks: TaskRunner, bar: AgentBatchBar,
                 acceptance: AcceptanceController, applicant: ApplicantPanel | None) -> None:
        self.window, self.services, self.tasks, self.bar = window, services, tasks, bar
        self.acceptance, self.applicant = acceptance, applicant
        self.cases = 0
        bar.start_requested.connect(self.start)
        bar.finish_requested.connect(self.finish)
        acceptance.committed.connect(lambda _result: self._committed())
        bar.set_taken_at(services.acceptance.taken_at)
        bar.taken_at_changed.connect(self.set_taken_at)
        bar.collects.toggled.connect(self.set_agent_collects)

    def set_agent_collects(self, collects: bool) -> None:
        """The current villager's 授权委托书 covers 领取 (recorded with the case's row of the batch at the commit)."""
        self.acceptance.agent_collects = collects
        if self.batch is not None and self.acceptance.session.agent_batch == self.batch.batch_uuid:
            self.acceptance.session.agent_collects = collects

    def set_taken_at(self, place: TakenAt) -> None:
        """上门办理 / 代办点: the next cases are recorded as taken there (the configuration's place until changed)."""
        self.services.acceptance.taken_at = place

    def _run(self, kind: type[Operation[Any]], fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.bar.show_idle(error_html(exc.user_text()))
            else:
                show_exception(self.window, exc)

        kind(self.window, fn).success(done).failure(failed).run(self.tasks)

    @property
    def batch(self) -> AgentBatch | None:
        return self.acceptance.agent_batch

    def start(self, village: str = "") -> None:
        current = self.applicant.current_applicant() if self.applicant is not None else None
        principal = current.principal if current is not None else None
        desk = self.services.agent_batches
        if not isinstance(principal, NaturalPerson):
            from clerk_app.acceptance.agent_batch import AgentNotRead

            self.bar.show_idle(error_html(AgentNotRead().user_text()))
            return
        self._run(DatabaseOp, lambda: desk.open(principal, village=village), self._opened)

    def _opened(self, batch: AgentBatch) -> None:
        self.cases = 0
        self.acceptance.new_case()
        if self.applicant is not None:
            self.applicant.clear()  # the next card on the reader is the first villager's
        self.acceptance.agent_batch = batch
        self.bar.show_batch(batch, 0)

    def _committed(self) -> None:
        batch = self.batch
        if batch is not None and self.acceptance.session.agent_batch == batch.batch_uuid:
            self.cases += 1
            self.bar.show_batch(batch, self.cases)

    def finish(self) -> None:
        batch = self.batch
        if batch is None:
            return
        desk = self.services.agent_batches

        def work() -> list[Any]:
            desk.close(batch)
            return desk.print_receipt(batch.batch_uuid)

        def done(outcomes: list[Any]) -> None:
            self.acceptance.agent_batch = None
            self.acceptance.new_case()
            if self.applicant is not None:
                self.applicant.clear()
            self.bar.show_idle(self.window.tr("Agent batch %1 ended: %2 case(s); the batch receipt is printing.")
                               .replace("%1", batch.batch_number).replace("%2", str(self.cases)))
            self.acceptance.show_printed(outcomes[:1])

        self._run(DeviceOp, work, done)


def wire_agent_batch(window: MainWindow, services: Services, tasks: TaskRunner, *,
                     acceptance: AcceptanceController, applicant: ApplicantPanel | None) -> AgentBatchPresenter:
    bar = AgentBatchBar()
    window.add_to_area("applicant", bar, first=True)
    return AgentBatchPresenter(window, services, tasks, bar, acceptance, applicant)
