"""The composition root: every service of the workstation, built once, in one place, for the GUI and the CLI alike.

``build_services`` turns an opened ``Workstation`` (paths, configuration, data key, database, blob store) into a
frozen ``Services``; the GUI (``ui/app.py``) and the CLI (``main.py``) each build one and hand it down through
constructors. Nothing is looked up by name, created on first use or attached later: a capability that needs
another takes it as a constructor argument here. What needs the GUI (the PIN prompt, the document camera) comes in
through ``DeviceHooks``.

The GUI's staged start (``ui/startup.py``) builds it in two steps: ``build_usable`` first (``UsableServices``: the
card reader, the catalog, the clerk session; this module imports only what those need), the window's first
features are wired on them, then ``build_services(ws, hooks, usable)`` completes them (importing the desks'
modules then). The one late link, the clerk session's sync service, is handed over in ``sync_slot``.

Order of construction is the order of the code below (a service is built after what it takes); ``close`` runs in
reverse. Starting the training sandbox is this root's job too (``start_platform``, blocking: off the GUI thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clerk_app.catalog.service import CatalogService
from clerk_app.config import Config
from clerk_app.security.clerk_session import Clerk, ClerkSession
from clerk_app.sync.clerk_login import clerk_session
from clerk_app.sync.sandbox_process import TrainingSandbox
from devices.identity_manager import ReaderManager, build_drivers

if TYPE_CHECKING:  # built by ``build_services``, which imports them: not on the path to a usable window
    from clerk_app.acceptance.agent_batch import AgentBatchDesk
    from clerk_app.acceptance.calibration import CalibrationDesk
    from clerk_app.acceptance.correction import CorrectionDesk
    from clerk_app.acceptance.delivery import DeliveryDesk
    from clerk_app.acceptance.documents import DocumentDesk
    from clerk_app.acceptance.fees import FeeDesk
    from clerk_app.acceptance.handover import HandoverDesk
    from clerk_app.acceptance.online import OnlineDesk
    from clerk_app.acceptance.results import ResultDesk
    from clerk_app.acceptance.routing import RoutingDesk
    from clerk_app.acceptance.service import AcceptanceService
    from clerk_app.acceptance.supplement import SupplementDesk
    from clerk_app.acceptance.void import VoidDesk
    from clerk_app.context import Workstation
    from clerk_app.customer.evaluation import EvaluationDesk
    from clerk_app.customer.evaluator_reader import PadReader
    from clerk_app.customer.signature import SignatureDesk
    from clerk_app.pages.service import ScanningService
    from clerk_app.paths import AppPaths
    from clerk_app.power import PowerSaver
    from clerk_app.print_service import PrintService
    from clerk_app.queue.service import QueueService
    from clerk_app.reports.hall import StatisticsSource
    from clerk_app.reports.service import ReportService
    from clerk_app.rules import RulesService
    from clerk_app.security.retention import RetentionService
    from clerk_app.sync.service import SyncService
    from devices.scanner.service import DriverFactory
    from offline_cache.cases import CaseRepository
    from printing.spooler import Spooler

    # what records the logged-in clerk
    ClerkBound = (AcceptanceService | DocumentDesk | CalibrationDesk | HandoverDesk | SupplementDesk
                  | CorrectionDesk | SignatureDesk | FeeDesk | DeliveryDesk | RoutingDesk)

log = logging.getLogger("onewindow.init")


@dataclass(frozen=True)
class DeviceHooks:
    """What only the caller can supply: the GUI's PIN prompt and extra scanner drivers (the Qt document camera)."""

    pin_provider: Callable[[], str | None] | None = None
    extra_scanners: dict[str, DriverFactory] = field(default_factory=dict)
    spooler: Spooler | None = None  # None = the system's (CUPS / Windows); tests pass a recording one


@dataclass(frozen=True, kw_only=True)
class UsableServices:
    """What the window needs to be usable, built first (``build_usable``): the card reader, the catalog and the
    clerk session. The GUI wires the card reader, the catalog and the clerk gate on these while
    ``build_services`` builds the rest off the GUI thread; ``Services`` has them all. The clerk session asks the
    platform through the sync service, which ``build_services`` builds: a password is checked with it once the
    platform is ready (``platform_ready``, set by ``Services.start_platform``), until then without it."""

    workstation: Workstation
    catalog: CatalogService
    identity: ReaderManager
    sandbox: TrainingSandbox | None  # training mode without a platform URL: the bundled platform, not yet started
    base_url: str | None  # the platform's (the sandbox's in training), None: no platform configured
    clerk_session: ClerkSession  # who is logged in; acceptance and the desks follow its logins
    platform_ready: threading.Event  # set once start_platform succeeded
    sync_slot: list[SyncService]  # the sync service once built, for the clerk session's password check

    @property
    def config(self) -> Config:
        return self.workstation.config

    @property
    def is_training(self) -> bool:
        return self.workstation.is_training

    def close(self) -> None:
        self._close_all(())

    def _close_all(self, before: tuple[tuple[str, Callable[[], None]], ...]) -> None:
        for name, closer in (*before, ("sandbox", self._stop_sandbox), *self._close_devices(),
                             ("identity", self.identity.close)):
            try:
                closer()
            except Exception:  # a failing service must not keep the others (or the database) from closing
                log.exception("closing %s failed", name)
        self.workstation.close()

    def _close_devices(self) -> tuple[tuple[str, Callable[[], None]], ...]:
        return ()

    def _stop_sandbox(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()


@dataclass(frozen=True, kw_only=True)
class Services(UsableServices):
    printing: PrintService
    sync: SyncService
    rules: RulesService
    cases: CaseRepository
    acceptance: AcceptanceService
    documents: DocumentDesk
    handover: HandoverDesk
    supplements: SupplementDesk
    scanning: ScanningService
    queue: QueueService  # queue calling; without a queue system (adapter None) the window calls by hand
    reports: ReportService  # supervision reports of this workstation's own data (the CLI's ``report``)
    corrections: CorrectionDesk  # 补正 asked by the back office: the request, the materials received for it
    signatures: SignatureDesk  # the citizen's signatures on the customer screen (or 纸质签名), with the case
    evaluations: EvaluationDesk  # 好差评: one per case, through the outbox
    online: OnlineDesk  # 网上申报 → 窗口接件: online pre-applications fetched from the platform
    retention: RetentionService  # purge of concluded cases' personal data (daily at start, ``retention run``)
    agent_batches: AgentBatchDesk  # 代办批次: a village agent's visit, one case per villager, the batch receipt
    statistics: StatisticsSource  # the statistics view's: the hall's from the platform, else this window's
    evaluator: PadReader  # the evaluation pad (评价器), if configured; started by the customer screen's wiring
    fees: FeeDesk  # 缴费通知书 and payments; 办结前收费 holds 出件 (a hold of the handover desk)
    voids: VoidDesk  # 作废 of a case committed in error, with a supervisor's approval
    deliveries: DeliveryDesk  # 快递送达: the waybill at dispatch, the 当日寄件清单 (the choice is the acceptance's)
    results: ResultDesk  # the decision paper and the 证照 on pre-printed stock, after the back office decided
    calibration: CalibrationDesk  # per-printer x/y correction of pre-printed stock (打印机校准)
    power: PowerSaver  # on battery the card, queue and sync loops slow down (clerk_app/power.py)
    routing: RoutingDesk  # 按责转办: 材料流转单 per department and batch, the department's receipt scanned back

    def start_platform(self) -> None:
        """Blocking (process start, key store): start the training sandbox if there is one, then resume the last
        clerk's platform session. The GUI runs this off the GUI thread; the CLI's ``sync`` runs it first."""
        if self.sandbox is not None:
            self.sandbox.start()
        self.sync.resume_session()
        self.platform_ready.set()  # the clerk login may now ask the platform

    def close(self) -> None:
        self._close_all((("evaluator", self.evaluator.close), ("queue", self.queue.close),
                         ("sync", self.sync.close), ("render worker", self.printing.close)))

    def _close_devices(self) -> tuple[tuple[str, Callable[[], None]], ...]:
        return (("scanning", self.scanning.close),)


def build_usable(ws: Workstation, hooks: DeviceHooks | None = None) -> UsableServices:
    """The services the usable window needs (see ``UsableServices``); ``build_services`` completes them."""
    hooks = hooks or DeviceHooks()
    config = ws.config
    base_url = str(config.get("platform.base_url")) or None
    sandbox = None
    if base_url is None and ws.is_training:
        sandbox = TrainingSandbox(ws.paths.data_dir / "sandbox" / "platform.sqlite3",
                                  port=int(config.get("sandbox.port")),
                                  backoffice_delay=float(config.get("sandbox.backoffice_delay_seconds")),
                                  queue_arrivals_per_hour=float(config.get("queue.training_arrivals_per_hour")),
                                  centre_code=str(config.get("centre.code")))
        base_url = sandbox.base_url
    catalog = CatalogService(ws.db, centre_region=config.region_code)
    identity = ReaderManager(build_drivers(config, pin_provider=hooks.pin_provider),
                             keep_photo=config.get("devices.keep_photo"))
    platform_ready = threading.Event()
    sync_slot: list[SyncService] = []
    session = clerk_session(ws, lambda: sync_slot[0] if sync_slot else None, platform_ready)
    return UsableServices(workstation=ws, catalog=catalog, identity=identity, sandbox=sandbox,
                          base_url=base_url, clerk_session=session, platform_ready=platform_ready,
                          sync_slot=sync_slot)


def build_services(ws: Workstation, hooks: DeviceHooks | None = None,  # noqa: PLR0915 - see below
                   usable: UsableServices | None = None) -> Services:
    """Every service; ``usable``: the ones ``build_usable`` built for this workstation already (the GUI's staged
    start), else built here. The desks' modules are imported here, not with this module: the window is usable
    before they are loaded (their imports are most of this function's statements; the root reads top to
    bottom)."""
    from pathlib import Path

    from clerk_app.acceptance.agent_batch import AgentBatchDesk
    from clerk_app.acceptance.calibration import CalibrationDesk
    from clerk_app.acceptance.correction import CorrectionDesk
    from clerk_app.acceptance.delivery import DeliveryDesk
    from clerk_app.acceptance.documents import DocumentDesk, Letterhead, paper_of
    from clerk_app.acceptance.fees import FeeDesk
    from clerk_app.acceptance.handover import HandoverDesk
    from clerk_app.acceptance.online import OnlineDesk
    from clerk_app.acceptance.results import ResultDesk
    from clerk_app.acceptance.routing import RoutingDesk
    from clerk_app.acceptance.rules_adapter import RulesEngineAdapter
    from clerk_app.acceptance.service import AcceptanceService, local_now
    from clerk_app.acceptance.supplement import SupplementDesk
    from clerk_app.acceptance.void import VoidDesk
    from clerk_app.customer.evaluation import EvaluationDesk
    from clerk_app.customer.evaluator_reader import PadReader, evaluator_pad
    from clerk_app.customer.signature import SignatureDesk
    from clerk_app.domain.case import TakenAt
    from clerk_app.pages.policy import PolicyBook
    from clerk_app.pages.service import ScanningService
    from clerk_app.power import PowerSaver
    from clerk_app.print_service import PrintService
    from clerk_app.queue.factory import queue_service, ticket_source
    from clerk_app.reports.hall import StatisticsSource
    from clerk_app.reports.service import ReportService
    from clerk_app.rules import RulesService
    from clerk_app.security.retention import RetentionService
    from clerk_app.sync.service import SyncService
    from devices.scanner.drivers import build_scanner_service
    from offline_cache.cases import CaseRepository
    from printing import render_worker
    from printing.stock import TemplateLibrary

    hooks = hooks or DeviceHooks()
    if usable is None:
        usable = build_usable(ws, hooks)
    assert usable.workstation is ws
    config = ws.config
    centre, window, clerk = config.get("centre.code"), config.get("window.code"), config.get("clerk.default_id")
    sandbox, catalog, identity, session = usable.sandbox, usable.catalog, usable.identity, usable.clerk_session
    printing = PrintService(ws, hooks.spooler)
    render_worker.configure(idle_s=float(config.get("printing.render_worker_idle_s")))
    sync = SyncService(ws, base_url=usable.base_url)
    usable.sync_slot.append(sync)
    queue = queue_service(config, sandbox.base_url if sandbox is not None else None)  # no I/O until started

    rules = RulesService(ws)
    cases = CaseRepository(ws.db, ws.cipher, ws.applicants)
    acceptance = AcceptanceService(ws.db, ws.cipher, ws.applicants, cases, RulesEngineAdapter(rules),
                                   centre_code=centre, window_code=window, clerk_id=clerk,
                                   ticket_source=ticket_source(queue),
                                   taken_at=TakenAt(str(config.get("acceptance.taken_at"))),
                                   centre_region=config.region_code)
    signatures = SignatureDesk(ws.db, ws.blobs, window_code=window, clerk_id=clerk, clock=local_now)
    documents = DocumentDesk(cases, printing, Letterhead.from_config(config, clerk), clerk_id=clerk,
                             thermal_receipt=bool(config.get("acceptance.thermal_receipt")),
                             paper=paper_of(config),
                             department_of=lambda code: catalog.get_item(code).department,
                             item_of=catalog.get_item,
                             signature_of=lambda case_uuid, kind: signatures.image_of(case_uuid, kind)[0],
                             rules=acceptance.rules, today=acceptance.today)
    fees = FeeDesk(ws.db, cases, acceptance.rules, catalog.get_item, province=config.get_str("fees.province_code"),
                   window_code=window, clerk_id=clerk, qr_format=config.get_str("fees.qr_format"),
                   expiry_days=config.get_int("fees.expiry_days"), clock=local_now)
    acceptance.decision_holds = (fees.hold_decision,)  # 受理前收费 holds 受理 / 容缺受理 until paid
    acceptance.case_writes = (fees.record_paid_on_commit,)
    handover = HandoverDesk(ws.db, ws.cipher, acceptance.rules, window_code=window, clerk_id=clerk, clock=local_now,
                            blobs=ws.blobs, holds=(fees.hold_handover,))
    supplements = SupplementDesk(ws.db, cases, acceptance.rules, window_code=window, clerk_id=clerk,
                                 clock=local_now)
    scanning = ScanningService(ws.blobs, build_scanner_service(config, hooks.extra_scanners or None),
                               PolicyBook.from_config(config), training=config.is_training,
                               resolution=int(config.get("scanning.resolution")))
    corrections = CorrectionDesk(ws.db, cases, acceptance.rules, window_code=window, clerk_id=clerk,
                                 clock=local_now)
    deliveries = DeliveryDesk(ws.db, ws.cipher, cases, acceptance.rules, documents,
                              config.get_list("delivery.waybill_rules"), window_code=window, clerk_id=clerk,
                              clock=local_now)
    routing = RoutingDesk(ws.db, cases, catalog.get_item, window_code=window, clerk_id=clerk, clock=local_now)
    follow_clerk(session, acceptance, documents, handover, supplements, corrections, signatures, fees, deliveries,
                 routing)
    reports = ReportService(ws.db, rules.calendar, int(config.get("deadline.yellow_working_days")))
    evaluations = EvaluationDesk(ws.db)
    online = OnlineDesk(sync.client, catalog, configured=sync.configured, token_rejected=sync.auth.token_rejected)
    retention = RetentionService(ws.db, ws.blobs, int(config.get("retention.personal_days")))
    agent_batches = AgentBatchDesk(ws.db, ws.cipher, acceptance, documents, window_code=window, clock=local_now)
    statistics = StatisticsSource(reports, sync.client if sync.configured else None)
    evaluator = PadReader(evaluator_pad(config))  # nothing opened until started
    voids = VoidDesk(ws.db, acceptance.rules, session, window_code=window, clock=local_now)
    site_templates = config.get_str("printing.stock_templates_dir")
    results = ResultDesk(ws.db, ws.cipher, documents,
                         lambda: TemplateLibrary.load(Path(site_templates) if site_templates else None),
                         item_of=catalog.get_item)
    calibration = CalibrationDesk(ws, printing, clerk_id=clerk)
    follow_clerk(session, calibration)
    power = PowerSaver(identity, queue, sync, root=Path(config.get_str("power.supply_dir")),
                       enabled=config.get_bool("power.battery_saving"))
    return Services(workstation=ws, printing=printing, catalog=catalog, identity=identity, sandbox=sandbox,
                    base_url=usable.base_url, sync=sync, clerk_session=session,
                    platform_ready=usable.platform_ready, sync_slot=usable.sync_slot, rules=rules, cases=cases,
                    acceptance=acceptance, documents=documents, handover=handover, supplements=supplements,
                    scanning=scanning, queue=queue, reports=reports, corrections=corrections,
                    signatures=signatures, evaluations=evaluations, online=online, retention=retention,
                    agent_batches=agent_batches, statistics=statistics, evaluator=evaluator, fees=fees, voids=voids,
                    deliveries=deliveries, results=results, calibration=calibration, power=power, routing=routing)


def follow_clerk(session: ClerkSession, *desks: ClerkBound) -> None:
    """These record the logged-in clerk (``clerk_id``; a paper's letterhead names them), not the configuration's
    ``clerk.default_id``: they follow every login and shift change of the clerk session."""

    def on_event(event: str, clerk: Clerk | None) -> None:
        if event in ("login", "unlock") and clerk is not None:
            apply_clerk(clerk, *desks)

    session.add_listener(on_event)
    if session.clerk is not None:
        apply_clerk(session.clerk, *desks)


def apply_clerk(clerk: Clerk, *desks: ClerkBound) -> None:
    from clerk_app.acceptance.documents import DocumentDesk  # loaded already: a desk of it is here

    for desk in desks:
        desk.clerk_id = clerk.account
        if isinstance(desk, DocumentDesk):
            desk.letterhead = replace(desk.letterhead, clerk_name=clerk.name)


def open_services(paths: AppPaths | None = None, config: Config | None = None,
                  hooks: DeviceHooks | None = None) -> Services:
    """Open the workstation's data and build its services (closing the data again if building fails)."""
    from clerk_app.context import open_workstation

    ws = open_workstation(paths, config)
    try:
        return build_services(ws, hooks)
    except BaseException:
        ws.close()
        raise
