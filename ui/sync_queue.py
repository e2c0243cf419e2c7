"""The sync queue, read-only: every unsent item with its state, attempts and last error.

Failed and conflicting items are shown, never edited (editing a failed item is what made ODK users hit 409s); a
conflict is resolved by a correction recorded as a new action.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.errors import inline_error_text
from ui.stamps import local_minute
from ui.tables import read_only_table
from ui.tasks import DatabaseOp, TaskRunner


def state_text(state: str) -> str:
    names = {
        "pending": QCoreApplication.translate("sync", "waiting"),
        "sending": QCoreApplication.translate("sync", "sending"),
        "failed": QCoreApplication.translate("sync", "will retry"),
        "conflict": QCoreApplication.translate("sync", "conflict: needs attention"),
    }
    return names.get(state, state)


def kind_text(kind: str) -> str:
    names = {
        "case_upsert": QCoreApplication.translate("sync", "case"),
        "handover": QCoreApplication.translate("sync", "handover"),
        "evaluation": QCoreApplication.translate("sync", "evaluation"),
        "case_void": QCoreApplication.translate("sync", "void (作废)"),
    }
    return names.get(kind, kind)


def error_text(code: str | None) -> str:
    """The last error of an item in the clerk's words; the machine code stays in brackets for IT staff."""
    if not code:
        return ""
    if code == "PlatformUnreachable":
        return QCoreApplication.translate("sync", "network down")
    if code == "conflict_different_content":
        return QCoreApplication.translate("sync", "the platform holds different content")
    if code == "wrong_centre":
        return QCoreApplication.translate("sync", "refused: the case belongs to another centre ({0})").format(code)
    if code == "blob_missing":
        return QCoreApplication.translate("sync", "a scan is missing on this workstation")
    if code.startswith("http_") or code == "injected_fault":
        return QCoreApplication.translate("sync", "platform busy or failing ({0})").format(code)
    return QCoreApplication.translate("sync", "refused by the platform ({0})").format(code)


class SyncQueueDialog(QDialog):
    def __init__(self, service: Any, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncQueueDialog")
        self.setWindowTitle(self.tr("Items waiting for the platform"))
        self.service = service
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setWordWrap(True)
        self.table = read_only_table([
            self.tr("Case number"), self.tr("Item"), self.tr("State"), self.tr("Attempts"), self.tr("Last error"),
            self.tr("Queued at"),
        ], "syncQueueTable")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.export_button = buttons.addButton(self.tr("Export to a folder or USB stick…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportQueue")
        self.export_button.clicked.connect(self.ask_export)
        self.tasks = tasks
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 420)
        DatabaseOp(self, service.engine.store.row_states).success(self.show_rows).run(tasks)

    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the queue to"))
        if not folder:
            return
        first, ok = QInputDialog.getText(self, self.tr("Export passphrase"),
                                         self.tr("Passphrase (at least 8 characters; tell it to the platform "
                                                 "staff separately):"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        second, ok = QInputDialog.getText(self, self.tr("Export passphrase"), self.tr("The passphrase again:"),
                                          QLineEdit.EchoMode.Password)
        if not ok:
            return
        if first != second:
            self.summary.setText(self.tr("The two passphrases differ; nothing was exported."))
            return
        self.export_to(Path(folder), first)

    def export_to(self, folder: Path, passphrase: str) -> None:
        from clerk_app.sync.export import export_queue

        self.export_button.setEnabled(False)
        self.summary.setText(self.tr("Exporting…"))
        ws = self.service.ws
        DatabaseOp.reporting(self, lambda progress: export_queue(ws, folder, passphrase, progress=progress.step),
                             self.tr("Exporting the queue…")) \
            .success(self._exported).failure(self._export_failed).run(self.tasks)

    def _exported(self, result: Any) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.tr("Exported {0} item(s) and {1} scan(s) to {2}. They stay in the queue until "
                                     "the platform confirms them.").format(result.actions, result.files,
                                                                          result.path.name))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.tr("The export failed: {0}").format(inline_error_text(exc)))

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = [row.get("case_number") or "—", kind_text(row["kind"]), state_text(row["state"]),
                      str(row["attempts"]), error_text(row.get("last_error_code")), local_minute(row.get("created_at"))]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        conflicts = sum(1 for r in rows if r["state"] == "conflict")
        self.summary.setText(self.tr("{0} item(s) waiting, {1} need attention. Local work is not affected.")
                             .format(len(rows), conflicts))
