"""The item area: a search box one key away (F3 / Ctrl+K), type-as-you-go results, the 情形 questions and the
guide with the material checklist for the chosen answers.

Search runs on the GUI thread on purpose: it reads only the in-memory index (see bench/bench_catalog.py for the
per-keystroke figure through this panel at 50,000 items), so results follow every keystroke without the
stale-result juggling of a worker. Building that index and the first-start training import run on the database
pool. A keystroke refills only the result list (a model swap, ui/catalog_results.py); the guide and the 情形
questions of the top hit, and the "您是不是要找" suggestions, follow once typing pauses (``PREVIEW_DELAY_MS``):
rendering a guide costs more than the search itself, and nobody reads the guide of a half-typed query. Choosing
(Enter) or moving through the rows shows the guide at once.
"""

from __future__ import annotations

import gc
import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clerk_app.catalog.service import CatalogService
from clerk_app.domain.catalog import Bundle, MaterialSpec, Necessity, ServiceItem, Situation, TimeLimit
from ui.catalog_results import ResultList
from ui.errors import show_exception

if TYPE_CHECKING:
    from clerk_app.services import Services, UsableServices
    from printing.spooler import PrintJob
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

log = logging.getLogger("onewindow.ui.catalog")

__all__ = ["PREVIEW_DELAY_MS", "CatalogPanel", "index_for_typing", "wire_catalog", "wire_guide_printing"]

# Longer than the gap between two keys of a clerk typing (~100 ms), short enough to read as "at once" when the
# clerk stops: the guide of a half-typed query is never rendered.
PREVIEW_DELAY_MS = 150


class CatalogPanel(QWidget):
    """Emits ``item_chosen(code, answers)`` when the clerk picks an item or bundle (Enter) or changes an answer."""

    item_chosen = Signal(str, dict)
    print_requested = Signal(str, dict)
    prepared = Signal()  # the first index is built (or failed to be): ``wire_catalog``'s first background work
    is_prepared = False  # ``prepared`` was emitted
    can_print = True  # False while nothing prints the guide yet (``wire_catalog``, ``wire_guide_printing``)

    def __init__(self, service: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPanel")
        self.service = service
        self.current_code: str | None = None
        self.chosen_code: str | None = None
        self._situations: list[Situation] = []
        self._combos: dict[str, QComboBox] = {}
        self._guide_for: str | None = None  # the item or bundle whose guide is on screen
        # Set by the wiring: rebuilds the search index in the background, then calls ``catalog_ready``.
        self.refresh_index: Callable[[], None] | None = None

        self.search = QLineEdit()
        self.search.setObjectName("catalogSearch")
        self.search.setPlaceholderText(self.tr("Name, code, pinyin or initials (F3 / Ctrl+K)"))
        self.search.setClearButtonEnabled(True)
        self.department = QComboBox()
        self.department.setObjectName("catalogDepartment")
        self.department.addItem(self.tr("All departments"), None)
        self.results = ResultList(self.tr("[Combined] "))
        self.results.setObjectName("catalogResults")
        self.status = QLabel()
        self.status.setObjectName("catalogStatus")
        self.status.setStyleSheet("color: #757575;")

        self.questions = QWidget()
        self.questions.setObjectName("catalogSituations")
        self.question_form = QFormLayout(self.questions)
        self.question_form.setContentsMargins(0, 0, 0, 0)
        self.question_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Bundles ask many questions: they scroll, so the guide below keeps its room.
        self.question_scroll = QScrollArea()
        self.question_scroll.setWidgetResizable(True)
        self.question_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.question_scroll.setWidget(self.questions)
        self.question_scroll.setMaximumHeight(170)
        self.question_scroll.setVisible(False)
        self.guide = QTextBrowser()
        self.guide.setObjectName("catalogGuide")
        self.guide.setOpenLinks(False)
        self.print_button = QPushButton(self.tr("Print guide"))
        self.print_button.setObjectName("catalogPrint")
        self.print_button.setEnabled(False)
        # What waits for typing to pause: the code whose guide to show, or the query that found nothing.
        self._pending_code: str | None = None
        self._pending_nothing: str | None = None
        self._preview_timer = _single_shot(self, PREVIEW_DELAY_MS, self._show_pending)

        self._lay_out()

        self.search.textChanged.connect(self.run_search)
        self.department.currentIndexChanged.connect(lambda _i: self.run_search())
        self.search.installEventFilter(self)
        self.results.current_changed.connect(self._preview_current)
        self.results.chosen.connect(self.choose_current)
        self.print_button.clicked.connect(self._request_print)
        self.guide.anchorClicked.connect(self._follow_link)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.department, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.results)
        left_layout.addWidget(self.status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.question_scroll)
        right_layout.addWidget(self.guide, 1)
        right_layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignRight)
        # The item area is narrow (between applicant and materials): results above, guide below.
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("catalogSplitter")
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- search -------------------------------------------------------------------------------------------------
    def catalog_ready(self, counts: dict[str, int] | None = None) -> None:
        """The index is built (and the training catalog loaded on first start): fill filters, show results.
        ``counts`` come from the background job that built the index (counting on the GUI thread reads the
        whole catalog table)."""
        current = self.department.currentData()
        self.department.blockSignals(True)
        while self.department.count() > 1:
            self.department.removeItem(1)
        for name in self.service.departments():
            self.department.addItem(name, name)
        index = self.department.findData(current)
        self.department.setCurrentIndex(max(index, 0))
        self.department.blockSignals(False)
        counts = counts if counts is not None else self.service.counts()
        self.status.setText(self.tr("%n item(s) in the catalog", "", counts["items"]))
        self._guide_for = None  # the item on screen may have a new version: render its guide again
        self.run_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        query = self.search.text()
        self._cancel_pending()
        if not query.strip():
            self.results.set_hits([])
            return
        try:
            department = self.department.currentData()
            hits = self.service.search(query, limit=50, department=department, include_bundles=True, stale_ok=True)
            if self.refresh_index is not None and self.service.is_stale():
                self.refresh_index()  # a sync import changed the catalog: rebuild off the GUI thread
        except Exception as exc:  # a storage error must not lose what the clerk typed
            show_exception(self, exc)
            return
        self.results.set_hits(hits)
        if hits:
            # The guide follows the top hit once typing pauses, and only if it changed.
            if hits[0].item_code != self.current_code or self._guide_for != hits[0].item_code:
                self._pending_code = hits[0].item_code
                self._preview_timer.start()
        else:
            self._show_nothing_found(query)

    def preview_pending(self) -> bool:
        """A guide or the suggestions wait for typing to pause."""
        return self._preview_timer.isActive()

    def _cancel_pending(self) -> None:
        self._preview_timer.stop()
        self._pending_code = self._pending_nothing = None

    def _show_pending(self) -> None:
        code, nothing = self._pending_code, self._pending_nothing
        self._pending_code = self._pending_nothing = None
        if code is not None:
            self.show_code(code)
        elif nothing is not None:
            self._render_nothing_found(nothing, with_suggestions=True)

    def _show_nothing_found(self, query: str) -> None:
        # Nothing is selected any more, at once: the 情形 questions of an item previewed at an earlier keystroke
        # must not stay on screen under "未找到". Only the suggestions (several searches) wait for a pause.
        self._guide_for = None
        self.current_code = None
        self._build_questions([])
        self.print_button.setEnabled(False)
        self._render_nothing_found(query, with_suggestions=False)
        self._pending_nothing = query
        self._preview_timer.start()

    def _render_nothing_found(self, query: str, with_suggestions: bool) -> None:
        text = f"<p>{html.escape(self.tr('Nothing found for “%1”.').replace('%1', query))}</p>"
        suggestions = []
        if with_suggestions:
            try:
                suggestions = self.service.suggest(query)
            except Exception:  # suggestions are a courtesy; a failure must not hide the "nothing found"
                log.exception("catalog suggestions failed")
        if suggestions:
            # Links in the guide, not rows in the result list: the list stays the answer to what was typed.
            links = "、".join(
                f"<a href='suggest:{html.escape(hit.name, quote=True)}'>{html.escape(hit.name)}</a>"
                for hit in suggestions
            )
            text += f"<p>{html.escape(self.tr('Did you mean:'))} {links}</p>"
        self.guide.setHtml(text)

    def _follow_link(self, url: Any) -> None:
        target = url.toString()
        if target.startswith("suggest:"):
            self.search.setText(target.removeprefix("suggest:"))
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
                step = steps[Qt.Key(key)]
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
        return super().eventFilter(watched, event)

    # -- preview and choice -------------------------------------------------------------------------------------
    def _preview_current(self, code: str) -> None:
        self._cancel_pending()  # the clerk moved to a row: its guide now, not the top hit's later
        self.show_code(code)

    def show_code(self, code: str) -> None:
        try:
            situations = self.service.situations(code)
        except Exception as exc:
            show_exception(self, exc)
            return
        self.current_code = code
        self._build_questions(situations)
        self._refresh_guide()
        self.print_button.setEnabled(self.can_print)

    def choose_current(self) -> None:
        code = self.results.current_code()
        if code is None:
            return
        self._cancel_pending()
        if code != self.current_code or self._guide_for != code:
            self.show_code(code)
        self.chosen_code = code
        self.item_chosen.emit(code, self.answers())
        if self._combos:
            next(iter(self._combos.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> dict[str, str]:
        return {code: str(combo.currentData()) for code, combo in self._combos.items()}

    def _build_questions(self, situations: list[Situation]) -> None:
        while self.question_form.rowCount():
            self.question_form.removeRow(0)
        self._combos = {}
        self._situations = situations
        for situation in situations:
            combo = QComboBox()
            combo.setObjectName(f"situation_{situation.code}")
            for option in situation.options:
                combo.addItem(option.label, option.code)
            combo.setCurrentIndex(max(combo.findData(situation.default), 0))
            combo.currentIndexChanged.connect(self._answer_changed)
            self._combos[situation.code] = combo
            text = situation.question
            if situation.item_code:  # a member item's question inside a bundle: say which item asks
                text = f"【{self._item_name(situation.item_code)}】{text}"
            label = QLabel(text)
            label.setWordWrap(True)
            self.question_form.addRow(label, combo)
        self.questions.setVisible(bool(situations))
        self.question_scroll.setVisible(bool(situations))
        self._hide_skipped_questions()

    def _item_name(self, code: str) -> str:
        try:
            return self.service.get_item(code).name
        except Exception:  # a name is only decoration here
            return code

    def _hide_skipped_questions(self) -> None:
        """In a bundle, questions of member items the answers leave out are hidden (and do not count)."""
        code = self.current_code
        if code is None or not any(s.item_code for s in self._situations):
            return
        needed = {item.implementation_code for item in self.service.bundle_members(code, self.answers())}
        for row, situation in enumerate(self._situations):
            self.question_form.setRowVisible(row, situation.item_code is None or situation.item_code in needed)

    def _answer_changed(self, _index: int) -> None:
        self._hide_skipped_questions()
        self._refresh_guide()
        if self.chosen_code is not None and self.chosen_code == self.current_code:
            self.item_chosen.emit(self.chosen_code, self.answers())

    def _refresh_guide(self) -> None:
        code = self.current_code
        if code is None:
            return
        try:
            checklist = self.service.checklist(code, self.answers())
            if self.service.is_bundle(code):
                bundle = self.service.get_bundle(code)
                items = self.service.bundle_members(code, self.answers())
                text = self.bundle_html(bundle, items, checklist)
            else:
                text = self.item_html(self.service.get_item(code), checklist)
        except Exception as exc:
            show_exception(self, exc)
            return
        self.guide.setHtml(text)
        self._guide_for = code

    def _request_print(self) -> None:
        if self.current_code is not None:
            self.print_requested.emit(self.current_code, self.answers())

    # -- guide text ---------------------------------------------------------------------------------------------
    def _limit(self, limit: TimeLimit | None) -> str:
        if limit is None:
            return "—"
        unit = self.tr("working days") if limit.unit.value == "working_days" else self.tr("calendar days")
        return f"{limit.value} {unit}"

    def _materials_html(self, checklist: list[MaterialSpec], names: dict[str, str] | None = None) -> str:
        rows = []
        for number, material in enumerate(checklist, 1):
            marks = []
            if material.necessity is not Necessity.REQUIRED:
                marks.append(self.tr("optional"))
            if material.deferrable:
                marks.append(self.tr("may be supplied later (容缺)"))
            if material.elicence_type:
                marks.append(self.tr("e-licence accepted: %1").replace("%1", material.elicence_type))
            if names and material.used_by:
                marks.append(self.tr("for: %1").replace("%1", "、".join(names.get(c, c) for c in material.used_by)))
            counts = material.paper_form.value
            if material.original_count or material.copy_count:
                counts += f" {material.original_count}/{material.copy_count}"
            rows.append(
                f"<tr><td>{number}</td><td><b>{html.escape(material.name)}</b></td><td>{html.escape(counts)}</td>"
                f"<td>{html.escape('；'.join(marks))}</td></tr>"
            )
        material_head, form, notes = self.tr("Material"), self.tr("Form (originals/copies)"), self.tr("Notes")
        head = f"<tr><th>#</th><th>{material_head}</th><th>{form}</th><th>{notes}</th></tr>"
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{head}{''.join(rows)}</table>"

    def item_html(self, item: ServiceItem, checklist: list[MaterialSpec]) -> str:
        body = item.implementing_body.name if item.implementing_body else item.department
        fee = self.tr("free of charge")
        if item.fees.charged:
            fee = "；".join(f"{f.name} {f.standard}" for f in item.fees.items)
        facts = [
            (self.tr("Item type"), item.item_type.value),
            (self.tr("Handling"), item.handling_type.value),
            (self.tr("Legal time limit"), self._limit(item.legal_limit)),
            (self.tr("Promised time limit"), self._limit(item.promised_limit)),
            (self.tr("Implementing body"), body),
            (self.tr("Fees"), fee),
            (self.tr("Result"), item.result.name if item.result else "—"),
            (self.tr("Location and hours"), f"{item.location} {item.hours}".strip() or "—"),
            (self.tr("Consultation / complaints"), f"{item.consultation_phone} / {item.complaint_phone}"),
            (self.tr("Basic code"), item.basic_code),
        ]
        rows = "".join(f"<tr><td><i>{html.escape(k)}</i></td><td>{html.escape(v)}</td></tr>" for k, v in facts)
        conditions_label = self.tr("Acceptance conditions")
        conditions = (
            f"<p><b>{conditions_label}</b>: {html.escape(item.acceptance_conditions)}</p>"
            if item.acceptance_conditions
            else ""
        )
        withdrawn = self.tr("This item has been withdrawn.")
        retired = f"<p style='color:#c62828'>{withdrawn}</p>" if item.retired else ""
        collect = self.tr("Materials to collect (%n)", "", len(checklist))
        return (
            f"<h3>{html.escape(item.name)}</h3>{retired}<table cellpadding='2'>{rows}</table>{conditions}"
            f"<p><b>{collect}</b></p>{self._materials_html(checklist)}"
        )

    def bundle_html(self, bundle: Bundle, items: list[ServiceItem], checklist: list[MaterialSpec]) -> str:
        names = {item.implementation_code: item.name for item in items}
        members = "".join(f"<li>{html.escape(i.name)}（{html.escape(i.handling_type.value)}）</li>" for i in items)
        members_label = self.tr("Items in this combined service")
        collect = self.tr("Materials to collect (%n)", "", len(checklist))
        return (
            f"<h3>{html.escape(bundle.name)}</h3><p>{html.escape(bundle.description)}</p>"
            f"<p><b>{members_label}</b></p><ul>{members}</ul>"
            f"<p><b>{collect}</b></p>{self._materials_html(checklist, names)}"
        )


def index_for_typing(service: CatalogService) -> dict[str, int]:
    """Build the search index (on a worker thread) and keep the garbage collector off it; the catalog's counts.

    The index is millions of small new objects: the collector's first passes over them, on whatever keystroke came
    next, took 30-300 ms at 50,000 items (bench/bench_catalog.py). ``gc.freeze`` here, once per catalog change:
    later passes skip everything alive now. A replaced index is still freed (by reference counting: it holds no
    cycles). No collection first, on this worker thread: a collection finalises whatever unreachable Qt objects
    (and PySide's wrappers) it finds on the thread that runs it, which Qt does not allow and a full test run
    tripped over; the few cycles alive now stay frozen instead (the start's collection, on the GUI thread, went
    before)."""
    service.index()
    gc.freeze()
    return service.counts()


def _single_shot(parent: QObject, interval_ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def wire_catalog(window: MainWindow, services: UsableServices, tasks: TaskRunner) -> CatalogPanel:
    """Attach the catalog panel; load the training catalog on first start in training mode. The guide is printed
    once ``wire_guide_printing`` has wired the printing (after the window is usable: the print service's modules
    are not on that path); until then the print button stays disabled."""
    from ui.tasks import DatabaseOp

    service = services.catalog
    panel = CatalogPanel(service)
    panel.can_print = False
    window.install_area("item", panel)
    window.shortcuts.bind("search", panel.focus_search)
    window.shortcuts.bind("focus_search", panel.focus_search)

    def prepare() -> dict[str, int]:
        if services.is_training:
            report = service.ensure_training_catalog()
            if report is not None:
                log.info("training catalog loaded: %d items", len(report.added))
        return index_for_typing(service)

    def rebuild() -> dict[str, int]:
        return index_for_typing(service)  # built aside and swapped in; typing keeps using the old index meanwhile

    def prepared(counts: dict[str, int] | None, exc: BaseException | None = None) -> None:
        if exc is not None:
            show_exception(panel, exc)
        else:
            panel.catalog_ready(counts)
        panel.is_prepared = True
        panel.prepared.emit()

    first = DatabaseOp(panel, prepare).success(prepared).failure(lambda exc: prepared(None, exc))
    window.after_first_paint(lambda: first.run(tasks))

    rebuilding: list[bool] = []

    def refresh_index() -> None:
        if rebuilding:
            return
        rebuilding.append(True)

        def done(counts: dict[str, int]) -> None:
            rebuilding.clear()
            panel.catalog_ready(counts)

        def failed(exc: BaseException) -> None:
            rebuilding.clear()
            show_exception(panel, exc)

        DatabaseOp(panel, rebuild).success(done).failure(failed).run(tasks)

    panel.refresh_index = refresh_index
    return panel


def wire_guide_printing(window: MainWindow, services: Services, tasks: TaskRunner, panel: CatalogPanel,
                        print_guide: Callable[[str, dict[str, str]], PrintJob] | None = None) -> None:
    """The catalog panel's 打印一次性告知/办事指南 (``print_guide``: instead of the A4 guide, for tests)."""
    from clerk_app.catalog.guide import print_guide as print_on_a4
    from ui.tasks import DeviceOp

    service = panel.service
    printer = print_guide or (lambda code, answers: print_on_a4(service, services.printing, code, answers))

    def do_print(code: str, answers: dict[str, str]) -> None:
        window.status.showMessage(panel.tr("Printing the guide…"), 3000)
        DeviceOp(panel, lambda: printer(code, answers)).success(
            lambda job: window.status.showMessage(panel.tr("Guide sent to %1").replace("%1", str(job.printer)), 5000)
        ).run(tasks)

    panel.print_requested.connect(do_print)
    panel.can_print = True
    panel.print_button.setEnabled(panel.current_code is not None)
