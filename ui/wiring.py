"""Attaching features to the main window: one ``wire_*`` call per feature, each returning what it built.

The services come from the composition root (``clerk_app.services``); a feature that needs another feature's
panel gets it as an argument here, from the value the other's ``wire_*`` returned. Keep this file to wiring.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from clerk_app.services import DeviceHooks
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the features' modules load off the GUI thread (ui/startup.py), not with this one
    from PySide6.QtCore import QTimer

    from clerk_app.services import Services, UsableServices
    from ui.acceptance.controller import AcceptanceController
    from ui.agent_batch_wiring import AgentBatchPresenter
    from ui.applicant_panel import ApplicantPanel
    from ui.catalog_panel import CatalogPanel
    from ui.customer_screen.wiring import CustomerScreenWiring
    from ui.online_wiring import OnlinePresenter
    from ui.pages_widget import PageStripRegistry
    from ui.queue_bar import QueuePresenter
    from ui.statistics.wiring import StatisticsController
    from ui.sync_wiring import SyncPresenter
    from ui.tasks import Operation


@dataclass(frozen=True)
class Usable:
    """What makes the window usable, wired first (``usable_steps``): a card read reaches the applicant panel and
    the catalog search answers."""

    applicant: ApplicantPanel
    catalog: CatalogPanel


@dataclass(frozen=True)
class Features:
    applicant: ApplicantPanel
    catalog: CatalogPanel
    sync: SyncPresenter
    queue: QueuePresenter
    strips: PageStripRegistry
    acceptance: AcceptanceController
    customer_screen: CustomerScreenWiring | None  # None: customer_screen.enabled is off
    online: OnlinePresenter  # 网上申报 → 窗口接件: the bar above the applicant panel
    retention: Operation[Any]  # the daily purge of concluded cases' personal data, started after the first paint
    statistics: StatisticsController  # the 统计 toolbar entry and its view
    agent_batch: AgentBatchPresenter  # 代办批次: a village agent's visit, one case per villager
    memory: QTimer  # gives cached source lines and free heap pages back during the day (ui/memory.py)
    power: QTimer  # reads the power supply: on battery the card, queue and sync loops slow down


def pin_hooks() -> DeviceHooks:
    """What the card reader's service needs from the GUI (``build_usable``): the PIN prompt, a dialog on the GUI
    thread."""
    from ui.identity_wiring import PinPrompt

    return DeviceHooks(pin_provider=PinPrompt())


def with_camera(hooks: DeviceHooks) -> DeviceHooks:
    """``hooks`` with the document camera, found through Qt Multimedia on the GUI thread (for the scanning
    service, built after the window is usable)."""
    from ui.scanning_wiring import camera_driver

    camera = camera_driver()
    return replace(hooks, extra_scanners={"camera": lambda: camera} if camera is not None else {})


def usable_steps(window: MainWindow, services: UsableServices,
                 tasks: TaskRunner) -> Generator[str, None, Usable]:
    """The card reader and the catalog, one per ``next()``: what makes the window usable. The staged start
    (``ui/startup.py``) wires the clerk gate after these, and every other feature (``feature_steps``) after the
    gate, once their modules have been imported off the GUI thread."""
    from ui.catalog_panel import wire_catalog
    from ui.identity_wiring import wire_identity

    applicant = wire_identity(window, services, tasks)
    yield "identity"
    return Usable(applicant, wire_catalog(window, services, tasks))  # the staged start names this step "catalog"


def feature_steps(window: MainWindow, services: Services, tasks: TaskRunner,
                  usable: Usable) -> Generator[str, None, Features]:
    """Attach the other features one at a time: each ``next()`` wires one and yields its name, the last returns
    the ``Features``. The staged start runs one step per event-loop turn, so the window keeps painting and no
    single step holds the GUI thread for the whole wiring."""
    from ui.acceptance.wiring import wire_acceptance
    from ui.agent_batch_wiring import wire_agent_batch
    from ui.catalog_panel import wire_guide_printing
    from ui.customer_screen.wiring import wire_customer_screen
    from ui.memory import wire_memory, wire_render_worker
    from ui.online_wiring import wire_online
    from ui.power_wiring import wire_power
    from ui.queue_wiring import wire_queue
    from ui.results_wiring import wire_results
    from ui.retention_wiring import wire_retention
    from ui.scanning_wiring import wire_scanning
    from ui.statistics.wiring import wire_statistics
    from ui.sync_wiring import wire_sync

    applicant, catalog = usable.applicant, usable.catalog
    wire_guide_printing(window, services, tasks, catalog)
    yield "guide printing"
    sync = wire_sync(window, services, tasks)
    yield "sync"
    queue = wire_queue(window, services, tasks)
    yield "queue"
    strips = wire_scanning(window, services, tasks)
    yield "scanning"
    acceptance = wire_acceptance(window, services, tasks, applicant=applicant, catalog=catalog, strips=strips)
    yield "acceptance"
    # The citizen's screen follows the queue, the card reader and the acceptance flow wired above.
    customer_screen = wire_customer_screen(window, services, tasks, acceptance, applicant, queue)
    yield "customer_screen"
    online = wire_online(window, services, tasks, acceptance=acceptance, applicant=applicant)
    yield "online"
    agent_batch = wire_agent_batch(window, services, tasks, acceptance=acceptance, applicant=applicant)
    yield "agent_batch"
    retention = wire_retention(window, services, tasks)
    yield "retention"
    statistics = wire_statistics(window, services, tasks)
    wire_results(window, services, tasks, acceptance)  # 打印结果/证照 in the case dialog, 打印机校准 in the toolbar
    memory = wire_memory(window, tasks)
    wire_render_worker(window, services, tasks)
    power = wire_power(window, services, tasks)
    return Features(applicant, catalog, sync, queue, strips, acceptance, customer_screen, online, retention,
                    statistics, agent_batch, memory, power)


def wiring_steps(window: MainWindow, services: Services, tasks: TaskRunner) -> Generator[str, None, Features]:
    """Every feature, one per ``next()``: the usable ones first, then the others (no clerk gate)."""
    usable = yield from usable_steps(window, services, tasks)
    return (yield from feature_steps(window, services, tasks, usable))


def wire_features(window: MainWindow, services: Services, tasks: TaskRunner) -> Features:
    """Every feature at once (a caller that does not need the staging)."""
    steps = wiring_steps(window, services, tasks)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value
