"""Today's cases at this window with 电子监察 colours, and the dialog that shows one case.

Rows are loaded off the GUI thread by the controller (``show_rows``) into a model/view table that updates only the
rows that changed; Enter or a double click opens a case.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.acceptance.authorisation_paper import needs_authorisation_paper
from clerk_app.acceptance.supplement import overdue
from clerk_app.acceptance.void import void_of
from clerk_app.customer.signature import AUTHORISED_DECISIONS
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import can_transition
from clerk_app.domain.masking import mask_id_number, mask_name
from clerk_app.domain.supervision import CaseSupervision
from offline_cache.cases import CaseSummary, StoredCase
from offline_cache.sub_cases import SubCase
from ui.acceptance.case_actions import CaseActionBar
from ui.acceptance.result_actions import tr_results
from ui.stamps import local_minute
from ui.sub_case_table import add_sub_case_table, routing_line

_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_ROLES = frozenset((_DISPLAY, _BACKGROUND, Qt.ItemDataRole.ToolTipRole.value))
LEVEL_COLOURS = {"normal": None, "yellow": "#fff59d", "red": "#ef9a9a", "paused": "#e0e0e0"}
CORRECTION_COLOUR = "#bbdefb"  # 补正 asked by the back office: the window has something to do
VOIDED_COLOUR = "#bdbdbd"  # a voided case stays in the list, greyed: it happened, and was undone


@dataclass(frozen=True)
class CaseRow:
    summary: CaseSummary
    level: str  # normal / yellow / red / paused / none
    supply_overdue: bool = False  # 容缺: a deferred material's supply-by date has passed (电子监察 red)
    correction: bool = False  # the back office asked for 补正 and the materials are not in yet
    correction_due: date | None = None  # the date the 补正 request asks the materials by
    returned: str | None = None  # 邮寄送达 returned by the carrier (its reason): the result waits at the window


@dataclass(frozen=True)
class _Cells:
    texts: tuple[str, ...]
    colour: str | None
    tooltips: dict[int, str]


class CaseListModel(QAbstractTableModel):
    """The rows of the case list, keyed by case uuid. ``set_rows`` changes only what changed: rows kept at the
    head and tail of the list are updated in place (``dataChanged`` for those that differ), the middle is removed
    and inserted. Cell text is rendered when a view asks for it (only visible rows) and kept until the row changes,
    so a refresh costs what changed and what is on screen, not the size of the list."""

    COLUMNS = 6

    def __init__(self, headers: list[str], render: Callable[[CaseRow], _Cells], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._render = render
        self._rows: list[CaseRow] = []
        self._cells: list[_Cells | None] = []
        self._brushes: dict[str, QBrush] = {}

    # -- Qt model interface --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell on each paint: plain ints, no enum look-ups.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        cells = self._cells[row]
        if cells is None:
            cells = self._cells[row] = self._render(self._rows[row])
        if role == _DISPLAY:
            return cells.texts[index.column()]
        if role == _BACKGROUND:
            if not cells.colour:
                return None
            brush = self._brushes.get(cells.colour)
            if brush is None:
                brush = self._brushes[cells.colour] = QBrush(QColor(cells.colour))
            return brush
        return cells.tooltips.get(index.column())

    # -- content --
    @property
    def rows(self) -> list[CaseRow]:
        return self._rows

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_rows(self, rows: list[CaseRow]) -> None:
        old, new = self._rows, rows
        shortest = min(len(old), len(new))
        head = 0
        while head < shortest and old[head].summary.case_uuid == new[head].summary.case_uuid:
            head += 1
        tail = 0
        while tail < shortest - head and old[-1 - tail].summary.case_uuid == new[-1 - tail].summary.case_uuid:
            tail += 1
        old_mid_end, new_mid_end = len(old) - tail, len(new) - tail
        changed = [i for i in range(head) if old[i] != new[i]]
        changed += [new_mid_end + i for i in range(tail) if old[old_mid_end + i] != new[new_mid_end + i]]
        cells = self._cells[:head] + [None] * (new_mid_end - head) + self._cells[old_mid_end:]
        for row in changed:
            cells[row] = None
        if old_mid_end > head:
            self.beginRemoveRows(_ROOT, head, old_mid_end - 1)
            self._rows = old[:head] + old[old_mid_end:]
            self._cells = self._cells[:head] + self._cells[old_mid_end:]
            self.endRemoveRows()
        if new_mid_end > head:
            self.beginInsertRows(_ROOT, head, new_mid_end - 1)
            self._rows, self._cells = list(new), cells
            self.endInsertRows()
        self._rows, self._cells = list(new), cells
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))


class CaseListPanel(QWidget):
    open_requested = Signal(str)  # case number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseList")
        self.model = CaseListModel([
            self.tr("Case number"), self.tr("Item"), self.tr("Applicant"), self.tr("Status"),
            self.tr("Promised date"), self.tr("Supervision"),
        ], self._render, self)
        self._texts: dict[str, str] = {}
        self.table = QTableView(self)
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed row height and column widths: measuring contents per row made every refresh quadratic.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("0")
        for column, chars in ((0, 26), (2, 8), (3, 14), (4, 13), (5, 20)):
            header.resizeSection(column, em * chars)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.hint = QLabel(self.tr("Scan a case number with the barcode gun or press Ctrl+F to open a case."))
        self.hint.setStyleSheet("color: #757575;")
        # 补正 filter: only the cases whose 补正 materials the window is waiting for.
        self._all_rows: list[CaseRow] = []
        self.correction_filter = QCheckBox(self)
        self.correction_filter.setObjectName("correctionFilter")
        self.correction_filter.toggled.connect(lambda _on: self._apply_filter())
        self._show_filter_count(0)
        # 快递送达: the day's mailing list for the courier (connected by the delivery actions; disabled without them)
        self.mailing_list = QPushButton(self.tr("Print today's mailing list (当日寄件清单)"))
        self.mailing_list.setObjectName("mailingListButton")
        self.mailing_list.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.mailing_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.correction_filter)
        layout.addWidget(self.table)
        layout.addLayout(bottom)

    @property
    def rows(self) -> list[CaseRow]:
        return self.model.rows

    def status_text(self, status: str) -> str:
        return {
            "accepted": self.tr("Accepted"),
            "accepted_pending_supplement": self.tr("Accepted, awaiting deferred materials"),
            "notice_issued": self.tr("One-time notice issued"),
            "rejected": self.tr("Rejected"),
            "concluded": self.tr("Concluded"),
            "submitted": self.tr("Submitted"),
            "in_review": self.tr("In review"),
            "correction_requested": self.tr("Correction requested (补正)"),
            "special_procedure": self.tr("Special procedure"),
            "approved": self.tr("Approved"),
            "denied": self.tr("Denied"),
            "ready_for_pickup": self.tr("Ready for pickup"),
            "handed_over": self.tr("Handed over"),
            "mailed": self.tr("Mailed"),
            "voided": self.tr("Voided (作废)"),
        }.get(status, status)

    def level_text(self, level: str) -> str:
        return {"normal": self.tr("Normal"), "yellow": self.tr("Due soon"), "red": self.tr("Overdue"),
                "paused": self.tr("Clock stopped")}.get(level, "")

    def show_rows(self, rows: list[CaseRow]) -> None:
        """Replace the list (as loaded off the GUI thread); only the rows that changed are touched."""
        self._texts = {}  # translations are looked up once per refresh, not per row
        self._all_rows = list(rows)
        self._show_filter_count(sum(1 for r in rows if r.correction))
        self._apply_filter()

    def _apply_filter(self) -> None:
        only = self.correction_filter.isChecked()
        self.model.set_rows([r for r in self._all_rows if r.correction] if only else list(self._all_rows))

    def _show_filter_count(self, count: int) -> None:
        self.correction_filter.setText(self.tr("Only cases with 补正 requested (%1)").replace("%1", str(count)))

    def _text(self, key: str, lookup: Callable[[str], str]) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = lookup(key.split(":", 1)[1])
        return text

    def _render(self, row: CaseRow) -> _Cells:
        s = row.summary
        promised = s.promised_date.isoformat() if s.promised_date else "—"
        tooltips: dict[int, str] = {}
        if s.promised_date and not s.deadline_certain:
            promised += " ⚠"
            tooltips[4] = self._text("tip:uncertain", lambda _k: self.tr(
                "Computed beyond the official holiday calendar: check the date."))
        texts = [s.case_number, "、".join(s.item_names), mask_name(s.applicant_name),
                 self._text(f"status:{s.status.value}", self.status_text),
                 promised, self._text(f"level:{row.level}", self.level_text)]
        if row.supply_overdue:
            supply = self._text("text:supply", lambda _k: self.tr("Supply overdue"))
            texts[5] = " · ".join(t for t in (texts[5], supply) if t)
            tooltips[3] = tooltips[5] = self._text("tip:overdue", lambda _k: self.tr(
                "A deferred material was not supplied by the committed date."))
        colour = LEVEL_COLOURS.get("red" if row.supply_overdue else row.level)
        if row.correction:
            due = row.correction_due.isoformat() if row.correction_due else "—"
            flag = self._text("text:correction", lambda _k: self.tr("⚑ 补正"))
            texts[5] = " · ".join(t for t in (f"{flag} ≤ {due}", texts[5]) if t)  # the flag first: never cut off
            tooltips[3] = tooltips[5] = self._text("tip:correction", lambda _k: self.tr(
                "The back office asked for 补正: open the case, print the 补正告知书 and receive the materials. "
                "The clock is stopped until they are received."))
            colour = colour if row.supply_overdue else CORRECTION_COLOUR
        if row.returned is not None and s.status.value == "ready_for_pickup":
            texts[3] += " · " + self._text("text:returned", lambda _k: self.tr("mail returned (邮寄退回)"))
            tooltips[3] = self.tr("The carrier returned the mailed result (%1): ask the applicant to collect it at "
                                  "the window.").replace("%1", row.returned or "—")
        if s.status.value == "voided":
            colour = VOIDED_COLOUR
        return _Cells(tuple(texts), colour, tooltips)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_requested.emit(row.summary.case_number)


def tr_authsign(text: str) -> str:
    """The 授权委托书 strings (ui/i18n/authsign_zh_CN.ts)."""
    return QCoreApplication.translate("authsign", text)


MAX_SIZE = QSize(1300, 700)  # the dialog fits a 1366×768 laptop's screen beside the window's frame


class CaseDialog(QDialog):
    """One stored case, read-only (frozen once queued); 补打 from here."""

    reprint_requested = Signal(str)  # case uuid
    handover_requested = Signal(str)  # case uuid
    authorisation_requested = Signal(str)  # case uuid: import the collector's 授权委托书
    authorisation_print_requested = Signal(str)  # case uuid: print the agent's 授权委托书 for the principal to sign
    supplement_requested = Signal(str)  # case uuid: 补齐 of deferred materials
    follow_up_requested = Signal(str)  # case uuid: a new acceptance after the one-time notice
    correction_notice_requested = Signal(str)  # case uuid: print the 补正告知书 of the open request
    correction_requested = Signal(str)  # case uuid: receive the 补正 materials
    fee_notice_requested = Signal(str)  # case uuid: issue (or reprint) and print the 缴费通知书
    void_requested = Signal(str)  # case uuid: 作废 with a supervisor's approval
    dispatch_requested = Signal(str)  # case uuid: 快递送达, record the waybill (enabled by the delivery actions)
    result_requested = Signal(str)  # case uuid: print the decision paper and the 证照 (after the back office decided)

    def _dates(self, stored: StoredCase, supervision: CaseSupervision | None) -> tuple[str, str]:
        """Promised and legal dates as 电子监察 sees them: extended by past pauses, each marked when the holiday
        calendar did not know a day it was counted over."""
        promised = stored.case.promised_date.isoformat() if stored.case.promised_date else "—"
        legal = stored.legal_deadline.isoformat() if stored.legal_deadline else "—"
        if supervision is None:
            return promised, legal
        unsure = f" <span style='color:#b26a00'>{self.tr('(uncertain: check the holiday calendar)')}</span>"
        if supervision.promised is not None:
            promised = supervision.promised.date.isoformat() + ("" if supervision.promised.certain else unsure)
        if supervision.legal is not None:
            legal = supervision.legal.date.isoformat() + ("" if supervision.legal.certain else unsure)
        return promised, legal

    def __init__(self, parent: QWidget | None, stored: StoredCase, level_text: str,
                 status_text: Callable[[str], str], supply_today: date | None = None,
                 supervision: CaseSupervision | None = None) -> None:
        super().__init__(parent)
        case = stored.case
        self.setObjectName("caseDialog")
        self.setWindowTitle(self.tr("Case %1").replace("%1", case.case_number))
        principal = case.applicant.principal
        identifier = getattr(principal, "id_number", None) or getattr(principal, "credit_code", "")
        label = {
            "number": self.tr("Case number"), "item": self.tr("Item"), "applicant": self.tr("Applicant"),
            "status": self.tr("Status"), "promised": self.tr("Promised date"),
            "materials": self.tr("Materials"), "events": self.tr("Events"),
        }
        promised, legal = self._dates(stored, supervision)
        lines = [
            f"<b>{label['number']}</b>: {case.case_number}",
            f"<b>{label['item']}</b>: {'、'.join(stored.item_names)}",
            f"<b>{label['applicant']}</b>: {mask_name(case.applicant.display_name)} ({mask_id_number(identifier)})",
            f"<b>{label['status']}</b>: {status_text(case.status.value)}",
            *self._void_lines(stored),
            f"<b>{label['promised']}</b>: {promised} {level_text}",
            f"<b>{self.tr('Legal deadline')}</b>: {legal}",
            f"<b>{label['materials']}</b>:",
        ]
        online = self._online_line(stored)
        if online:
            lines.insert(2, online)
        lines += self._material_lines(stored, supply_today or date.today())
        lines.append(f"<b>{label['events']}</b>:")
        kinds = {"created": self.tr("created"), "decided": self.tr("decided"),
                 "status_changed": self.tr("status changed"), "printed": self.tr("printed"),
                 "reprinted": self.tr("reprinted (补打)"), "handed_over": self.tr("handed over"),
                 "authorisation_attached": self.tr("power of attorney imported"),
                 "supplemented": self.tr("supplemented"), "platform_number": self.tr("platform number received"),
                 "platform_status": self.tr("reported by the platform"),
                 "corrected": self.tr("补正 materials received"),
                 "fee_notice_issued": self.tr("payment notice issued"), "fee_paid": self.tr("fees paid"),
                 "follows_notice": self.tr("follows the one-time notice of an earlier case"),
                 "voided": self.tr("voided (作废)"),
                 "delivery_chosen": self.tr("mail delivery chosen (邮寄送达)"),
                 "dispatched": self.tr("mailed with a waybill (寄出)"),
                 "delivered": self.tr("delivered (已签收)"),
                 "delivery_returned": self.tr("returned by the carrier (退回)"),
                 "result_received": tr_results("result received from the back office"),
                 "elicence_refused": tr_results("e-licence identifier refused (not of the GB/T 36904 form)"),
                 "note": self.tr("note")}
        lines += [f"· {local_minute(e.device_time)} {kinds.get(e.kind, e.kind)}"
                  + (f" → {status_text(e.to_status)}" if e.to_status and e.to_status != "draft" else "")
                  for e in stored.events]
        self.body = QLabel("<br>".join(lines))
        self.body.setObjectName("caseBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reprint = QPushButton(self.tr("Reprint (补打)"))
        self.reprint.setObjectName("reprintButton")
        key = str(case.case_uuid)
        self.reprint.clicked.connect(lambda: self.reprint_requested.emit(key))
        self.handover = QPushButton(self.tr("Hand over the result (出件)"))
        self.handover.setObjectName("handoverButton")
        self.handover.setToolTip(self.tr("The collector's identity is taken from the applicant panel (read the card)."))
        self.handover.setEnabled(case.status.value == "ready_for_pickup")
        self.handover.clicked.connect(lambda: self.handover_requested.emit(key))
        self.authorisation, self.collector_note = self._collector_widgets(case.status.value, key)
        self.supplement, self.follow_up = self._follow_up_buttons(stored, key)
        self.correction_notice, self.correction = self._correction_buttons(case.status.value, key)
        self.fee_notice = QPushButton(self.tr("Payment notice (缴费通知书)"))
        self.fee_notice.setObjectName("feeNoticeButton")
        self.fee_notice.setToolTip(self.tr("Prints the payment notice with the payment code for what the items "
                                           "charge; fees due before the result is collected hold 出件 until paid."))
        self.fee_notice.setEnabled(case.status.value not in ("draft", "rejected", "notice_issued", "handed_over",
                                                             "mailed", "concluded"))
        self.fee_notice.clicked.connect(lambda: self.fee_notice_requested.emit(key))
        self.void = self._void_button(case.status, key)
        self.print_authorisation = self._authorisation_print_button(stored, key)
        self.dispatch, self.delivery_note = self._delivery_widgets(key)
        self.result_button = self._result_button(key)
        self._lay_out(stored.sub_cases, status_text, supply_today or date.today())

    def _lay_out(self, sub_cases: tuple[SubCase, ...], status_text: Callable[[str], str], today: date) -> None:
        # Most used first: what the state allows of these becomes a button, the rest and 作废 the 更多 menu.
        self.action_bar = CaseActionBar(
            (self.handover, self.dispatch, self.result_button, self.authorisation, self.print_authorisation,
             self.supplement, self.follow_up, self.correction_notice, self.correction, self.fee_notice,
             self.reprint),
            menu_only=(self.void,), parent=self)
        # Ctrl+P prints as in the main window (补打 here), whether 补打 is a button or a menu entry.
        reprint_key = QShortcut(QKeySequence("Ctrl+P"), self)
        reprint_key.activated.connect(self.reprint.click)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.action_bar, 1)
        actions_row.addWidget(buttons)
        # The case's text scrolls inside the dialog: twelve materials and a month of events fit a laptop's screen.
        scroll = QScrollArea(self)
        scroll.setObjectName("caseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        # 并联: a 一件事 case's sub-cases under its text, always in view (ui/sub_case_table.py); None otherwise
        self.sub_cases = add_sub_case_table(layout, sub_cases, status_text, today, self)
        for note in (self.result_note, self.delivery_note, self.collector_note):
            layout.addWidget(note)
        layout.addLayout(actions_row)
        self.resize(760, 560)
        self.setMaximumSize(MAX_SIZE)

    def _result_button(self, key: str) -> QPushButton:
        """打印结果/证照: enabled once the result desk says what there is (``show_result_offer``)."""
        button = QPushButton(tr_results("Print result / certificate (打印结果/证照)"))
        button.setObjectName("resultButton")
        button.setEnabled(False)
        button.clicked.connect(lambda: self.result_requested.emit(key))
        self.result_note = QLabel("")
        self.result_note.setObjectName("resultNote")
        self.result_note.setWordWrap(True)
        self.result_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return button

    def show_result_offer(self, offer: Any) -> None:
        """The decision paper and certificate the case can print, and its e-licence identifier."""
        if not offer.printable:
            self.result_button.setToolTip(tr_results("Available once the back office has decided the case."))
            return
        self.result_button.setEnabled(True)
        papers = [tr_results("the approval decision") if offer.outcome == "approved"
                  else tr_results("the denial decision with the applicant's remedies")]
        if offer.certificate_title:
            papers.append(tr_results("the certificate on pre-printed stock (%1)").replace("%1",
                                                                                          offer.certificate_title))
        elif offer.certificate_waits_for:
            papers.append(tr_results("the certificate waits for %1 from the platform").replace(
                "%1", "、".join(offer.certificate_waits_for)))
        elif offer.licence_kind:
            papers.append(tr_results("no stock template for %1: the certificate is not printed here").replace(
                "%1", offer.licence_kind))
        lines = [f"<b>{tr_results('Result')}</b>: " + html.escape("；".join(papers))]
        if offer.elicence_id:
            lines.append(f"<b>{tr_results('E-licence identifier')}</b>: {html.escape(offer.elicence_id)}")
        self.result_note.setText("<br>".join(lines))
        self.result_button.setToolTip(tr_results("Prints through the certificate printer with its calibration; a "
                                                 "second copy is 补打."))

    def show_result_error(self, exc: BaseException) -> None:
        from ui.errors import error_html, inline_error_text

        self.result_note.setText(error_html(inline_error_text(exc)))

    def _authorisation_print_button(self, stored: StoredCase, key: str) -> QPushButton:
        """授权委托书 of an accepted agent's case that holds none: printed for the principal to sign (shown only then:
        a case without an agent has nobody to authorise)."""
        button = QPushButton(tr_authsign("Print power of attorney (授权委托书)"))
        button.setObjectName("printAuthorisationButton")
        button.setToolTip(tr_authsign("The agent brought no power of attorney: print one for the applicant "
                                                "to sign (on the customer screen or by hand)."))
        case = stored.case
        button.setProperty("wanted", needs_authorisation_paper(case.applicant, case.materials)
                           and (case.decision is None or case.decision.value in AUTHORISED_DECISIONS)
                           and case.status.value not in ("draft", "rejected", "notice_issued", "voided"))
        button.clicked.connect(lambda: self.authorisation_print_requested.emit(key))
        return button

    def _material_lines(self, stored: StoredCase, today: date) -> list[str]:
        case, lines = stored.case, []
        states = {"received": self.tr("received"), "elicence_reused": self.tr("e-licence reused"),
                  "missing": self.tr("missing"), "deferred": self.tr("deferred, supply by"),
                  "defective": self.tr("defective"), "not_applicable": self.tr("not applicable")}
        late_text = self.tr("(overdue)")
        online_text = self.tr("from the online application")
        for m in case.materials:
            line = f"· {m.name}: {states.get(m.state.value, m.state.value)}"
            if m.source.value == "online":
                line += f" · {online_text}"
            if m.supply_by and m.state.value == "deferred":
                late = overdue(m.supply_by, today)
                line += f" {m.supply_by}" + (f" <span style='color:#c62828'>{late_text}</span>" if late else "")
            lines.append(line)
        return lines

    def _online_line(self, stored: StoredCase) -> str:
        """网上申报 → 窗口接件: the online application this case took, and its pre-review; where it was taken when
        not at the window (上门办理 / 代办点)."""
        # 跨域通办: who decides, where the result goes (ui/sub_case_table.py)
        return "<br>".join(line for line in (routing_line(stored), self._channel_line(stored)) if line)

    def _channel_line(self, stored: StoredCase) -> str:
        online = stored.details.get("online")
        place = {"home_visit": self.tr("home visit (上门办理)"), "agent_point": self.tr("agent point (代办点)")}.get(
            str(stored.details.get("taken_at", "")))
        where = f"<b>{self.tr('Taken at')}</b>: {place}" if place else ""
        if not isinstance(online, dict):
            return where
        review = self.tr("passed") if (online.get("prereview") or {}).get("passed") else self.tr("needed correction")
        line = (f"<b>{self.tr('Online application')}</b>: {online.get('number', '')} "
                f"({self.tr('pre-review')}: {review})")
        return f"{line}<br>{where}" if where else line

    def _void_button(self, status: CaseStatus, key: str) -> QPushButton:
        button = QPushButton(self.tr("Void (作废)…"))
        button.setObjectName("voidButton")
        button.setToolTip(self.tr("For a case committed in error: needs a reason and the supervisor's approval."))
        button.setEnabled(can_transition(status, CaseStatus.VOIDED))
        button.clicked.connect(lambda: self.void_requested.emit(key))
        return button

    def _void_lines(self, stored: StoredCase) -> list[str]:
        """A voided case says so first thing: the reason, who approved, when."""
        details = void_of(stored)
        if details is None:
            return []
        approved = self.tr("approved by %1 at %2").replace("%1", str(details.get("approved_by", ""))).replace(
            "%2", local_minute(str(details.get("voided_at", ""))))
        reason = html.escape(str(details.get("reason", "")))
        return [f"<span style='color:#c62828'><b>{self.tr('Voided')}</b>: {reason} ({approved})</span>"]

    def _collector_widgets(self, status: str, key: str) -> tuple[QPushButton, QLabel]:
        """出件 to the right person: import of the collector's 授权委托书, and the check's result or refusal."""
        authorisation = QPushButton(self.tr("Import power of attorney (授权委托书)…"))
        authorisation.setObjectName("authorisationButton")
        authorisation.setToolTip(self.tr("Needed when the collector is neither the applicant nor the agent "
                                         "recorded at acceptance."))
        authorisation.setEnabled(status == "ready_for_pickup")
        authorisation.clicked.connect(lambda: self.authorisation_requested.emit(key))
        note = QLabel("")
        note.setObjectName("collectorCheck")
        note.setWordWrap(True)
        return authorisation, note

    def _delivery_widgets(self, key: str) -> tuple[QPushButton, QLabel]:
        """寄出 (enabled by the delivery actions for a mail-delivery case whose result is ready) and the note of the
        case's 邮寄送达 record: recipient (masked), address, waybill, the carrier's outcome."""
        dispatch = QPushButton(self.tr("Mail the result (寄出)…"))
        dispatch.setObjectName("dispatchButton")
        dispatch.setEnabled(False)
        dispatch.clicked.connect(lambda: self.dispatch_requested.emit(key))
        note = QLabel("")
        note.setObjectName("deliveryNote")
        note.setWordWrap(True)
        note.hide()
        return dispatch, note

    def show_delivery(self, text: str, warning: bool = False) -> None:
        """The case's 邮寄送达 record (or its return by the carrier, in orange: the result waits at the window)."""
        colour = "#b26a00" if warning else "#37474f"
        self.delivery_note.setText(f"<span style='color:{colour}'>{text}</span>")
        self.delivery_note.show()

    def show_collector(self, text: str, refused: bool) -> None:
        colour = "#c62828" if refused else "#2e7d32"
        self.collector_note.setText(f"<span style='color:{colour}'>{text}</span>")

    def _correction_buttons(self, status: str, key: str) -> tuple[QPushButton, QPushButton]:
        """补正 asked by the back office: the notice to hand to the applicant, and receiving what they bring."""
        waiting = status == "correction_requested"
        notice = QPushButton(self.tr("Print the 补正告知书"))
        notice.setObjectName("correctionNoticeButton")
        notice.setEnabled(waiting)
        notice.clicked.connect(lambda: self.correction_notice_requested.emit(key))
        receive = QPushButton(self.tr("Receive the 补正 materials"))
        receive.setObjectName("correctionButton")
        receive.setToolTip(self.tr("The materials the back office asked for, with the same keys as 补齐."))
        receive.setEnabled(waiting)
        receive.clicked.connect(lambda: self.correction_requested.emit(key))
        return notice, receive

    def _follow_up_buttons(self, stored: StoredCase, key: str) -> tuple[QPushButton, QPushButton]:
        """补齐 (a 容缺 case with materials still deferred) and a new acceptance after a one-time notice."""
        case = stored.case
        supplement = QPushButton(self.tr("Supply deferred materials (补齐)"))
        supplement.setObjectName("supplementButton")
        supplement.setEnabled(any(m.state.value == "deferred" for m in case.materials))
        supplement.clicked.connect(lambda: self.supplement_requested.emit(key))
        follow_up = QPushButton(self.tr("New acceptance after the notice"))
        follow_up.setObjectName("followUpButton")
        follow_up.setToolTip(self.tr("Starts a new acceptance with this applicant, item and answers, and the "
                                     "materials already received; it refers to this case."))
        follow_up.setEnabled(case.status.value == "notice_issued")
        follow_up.clicked.connect(lambda: self.follow_up_requested.emit(key))
        return supplement, follow_up
