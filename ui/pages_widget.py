"""The pages of one material slot: a thumbnail strip with scan, import, rotate, reorder, delete, rescan one page,
and drag a page onto another material's strip. The material's size and its cap are always shown.

The acceptance checklist embeds one per material:

    PagesWidget(material_code, pages_model, scanner_service, tasks, strips)

``pages_model`` is a Qt-free ``clerk_app.pages.model.MaterialPages`` (usually ``case_pages.slot(code)``); the widget
only drives it and the ``ScanningService``; every scan and import runs in the background, each page appearing as
soon as it is stored.
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QMimeData, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QDropEvent, QIcon, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.errors import Cancelled
from clerk_app.pages.model import MaterialPages, Page
from clerk_app.pages.service import ScanningService
from devices.scanner.base import CancelToken, ColourMode, DeviceInfo, PaperSource, ScanSettings
from ui.errors import show_exception
from ui.tasks import CpuOp, DeviceOp, TaskRunner

log = logging.getLogger("onewindow.ui.pages")

MIME = "application/x-onewindow-page"
THUMB = 120

class PageStripRegistry:
    """The page strips of one window (built by ``wire_scanning``, handed to every ``PagesWidget``): by material
    code, so a page dropped on another strip moves between the models; the strip the clerk used last, which F6
    scans into; and the source chosen last, which the next material's strip starts with."""

    def __init__(self) -> None:
        self._strips: weakref.WeakValueDictionary[str, PagesWidget] = weakref.WeakValueDictionary()
        self._active: weakref.ReferenceType[PagesWidget] | None = None
        self.last_device: str | None = None

    def add(self, widget: PagesWidget) -> None:
        self._strips[widget.material_code] = widget

    def get(self, code: str) -> PagesWidget | None:
        return self._strips.get(code)

    def codes(self) -> list[str]:
        return list(self._strips.keys())

    def mark_active(self, widget: PagesWidget) -> None:
        self._active = weakref.ref(widget)

    def active(self) -> PagesWidget | None:
        """The strip the clerk worked with last, else the first visible one (F6 scans into it)."""
        widget = self._active() if self._active is not None else None
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            return widget
        visible = [w for w in list(self._strips.values()) if shiboken6.isValid(w) and w.isVisible()]
        return visible[0] if visible else None


def human_kb(size: int) -> str:
    return f"{(size + 999) // 1000} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def _weak_listener(widget: PagesWidget) -> Any:
    """A model listener that does not keep the widget alive and drops itself once the widget is gone."""
    ref = weakref.ref(widget)

    def listener(model: MaterialPages) -> None:
        target = ref()
        if target is None or not shiboken6.isValid(target):
            model.unsubscribe(listener)
            return
        target._model_changed(model)

    return listener


class _Relay(QObject):
    """Carries pages and progress from the device thread to the GUI thread (queued signal connections)."""

    page = Signal(object)
    progress = Signal(int, float)

    def send_page(self, page: Page) -> None:
        """From the device thread. The strip may have been closed meanwhile: the page is stored all the same."""
        if shiboken6.isValid(self):
            with contextlib.suppress(RuntimeError):
                self.page.emit(page)

    def send_progress(self, index: int, fraction: float) -> None:
        if shiboken6.isValid(self):
            with contextlib.suppress(RuntimeError):
                self.progress.emit(index, fraction)


class _Strip(QListWidget):
    def __init__(self, owner: PagesWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 16, THUMB + 34))
        self.setFixedHeight(THUMB + 56)
        self.setMovement(QListWidget.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self._owner.empty_hint())
            painter.end()

    def startDrag(self, _actions: Qt.DropAction) -> None:  # noqa: N802 - Qt override
        row = self.currentRow()
        if row < 0:
            return
        mime = QMimeData()
        mime.setData(MIME, QByteArray(f"{self._owner.material_code}\n{row}".encode()))
        drag = QDrag(self)
        drag.setMimeData(mime)
        item = self.item(row)
        if item is not None:
            drag.setPixmap(item.icon().pixmap(THUMB // 2, THUMB // 2))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if not event.mimeData().hasFormat(MIME):
            event.ignore()
            return
        code, _, row = bytes(event.mimeData().data(MIME).data()).decode().partition("\n")
        target = self.indexAt(event.position().toPoint()).row()
        event.acceptProposedAction()
        self._owner.drop_page(code, int(row), target if target >= 0 else None)


class PagesWidget(QWidget):
    """Thumbnail strip and scan controls of one material slot."""

    changed = Signal()

    def __init__(self, material_code: str, pages_model: MaterialPages, scanner_service: ScanningService,
                 tasks: TaskRunner, strips: PageStripRegistry, parent: QWidget | None = None,
                 material_name: str | None = None) -> None:
        super().__init__(parent)
        self.material_name = material_name or material_code
        self.setObjectName("pagesWidget")
        self.material_code = material_code
        self.model = pages_model
        self.service = scanner_service
        self.tasks = tasks
        self._token: CancelToken | None = None
        self._rescan_index: int | None = None
        self._camera_dialog: Any = None
        self.preview: Any = None  # the open page preview, if any
        self._pixmaps: dict[str, QPixmap] = {}
        self._loading: set[str] = set()
        self._sources: list[DeviceInfo] = []
        self._relay = _Relay(self)
        self._relay.page.connect(self._page_arrived)
        self._relay.progress.connect(self._progress_arrived)
        self.strips = strips
        strips.add(self)

        self._build_controls()
        self._build_editing()
        self._build_layout()
        self._listener = _weak_listener(self)
        self.model.subscribe(self._listener)
        self._model_changed(self.model)
        self.refresh_sources()

    def _build_controls(self) -> None:
        self.source_box = QComboBox()
        self.source_box.setObjectName("scanSource")
        self.source_box.setMinimumWidth(180)
        self.source_box.setToolTip(self.tr("Scanner or document camera to use"))
        self.source_box.currentIndexChanged.connect(self._remember_source)
        self.refresh_button = QPushButton("↻")
        self.refresh_button.setFixedWidth(32)
        self.refresh_button.setToolTip(self.tr("Look for scanners again (after plugging one in)"))
        self.refresh_button.clicked.connect(self.refresh_sources)
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("scanMode")
        for mode, label in ((ColourMode.COLOUR, self.tr("Colour")), (ColourMode.GRAY, self.tr("Grayscale")),
                            (ColourMode.BW, self.tr("Black and white"))):
            self.mode_box.addItem(label, mode)
        self.options_button = QToolButton()
        self.options_button.setText(self.tr("Adjust"))
        self.options_button.setToolTip(self.tr("Crop to the paper and straighten skewed pages"))
        self.options_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        options = QMenu(self.options_button)
        policy = self.service.policies.policy_for(self.material_code)
        self.autocrop_action = options.addAction(self.tr("Crop to the document edges"))
        self.autocrop_action.setCheckable(True)
        self.autocrop_action.setChecked(policy.autocrop)
        self.deskew_action = options.addAction(self.tr("Straighten skewed pages"))
        self.deskew_action.setCheckable(True)
        self.deskew_action.setChecked(policy.deskew)
        self.options_button.setMenu(options)
        self.feeder_box = QCheckBox(self.tr("Feeder"))
        self.feeder_box.setToolTip(self.tr("Scan every page in the document feeder"))
        self.scan_button = QPushButton(self.tr("Scan (F6)"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.clicked.connect(self.scan)
        self.import_button = QPushButton(self.tr("Import files…"))
        self.import_button.clicked.connect(self.import_files)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()

        self.verified_label = QLabel(self.tr("Original verified · archive copy stamped"))
        self.verified_label.setObjectName("verifiedBadge")
        self.verified_label.setStyleSheet("color: #2e7d32;")
        self.verified_label.setToolTip(self.tr("此件经与原件核对无误 (B-level) is stamped on the archived PDF"))
        self.size_label = QLabel()
        self.size_label.setObjectName("pagesSize")
        self.message = QLabel()
        self.message.setObjectName("pagesMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()


    def _build_editing(self) -> None:
        self.strip = _Strip(self)
        self.strip.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.strip.customContextMenuRequested.connect(self._context_menu)
        self.strip.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.strip.itemDoubleClicked.connect(lambda _item: self.preview_selected())

        self.rotate_left = QPushButton("⟲")
        self.rotate_left.setToolTip(self.tr("Rotate left"))
        self.rotate_left.clicked.connect(lambda: self.rotate(-90))
        self.rotate_right = QPushButton("⟳")
        self.rotate_right.setToolTip(self.tr("Rotate right"))
        self.rotate_right.clicked.connect(lambda: self.rotate(90))
        self.left_button = QPushButton("◀")
        self.left_button.setToolTip(self.tr("Move the page earlier"))
        self.left_button.clicked.connect(lambda: self.shift(-1))
        self.right_button = QPushButton("▶")
        self.right_button.setToolTip(self.tr("Move the page later"))
        self.right_button.clicked.connect(lambda: self.shift(1))
        self.rescan_button = QPushButton(self.tr("Rescan page"))
        self.rescan_button.clicked.connect(self.rescan_selected)
        self.delete_button = QPushButton(self.tr("Delete page"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.rotate_left, self.rotate_right, self.left_button, self.right_button):
            button.setFixedWidth(32)


    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.source_box, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.mode_box)
        top.addWidget(self.feeder_box)
        top.addWidget(self.options_button)
        top.addWidget(self.scan_button)
        top.addWidget(self.import_button)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        edit = QHBoxLayout()
        for widget in (self.rotate_left, self.rotate_right, self.left_button, self.right_button,
                       self.rescan_button, self.delete_button):
            edit.addWidget(widget)
        edit.addStretch(1)
        # Beside the editing buttons in a laptop's narrower column: wrapped, never pushed out of sight.
        for label in (self.verified_label, self.size_label):
            label.setWordWrap(True)
        edit.addWidget(self.verified_label)
        edit.addWidget(self.size_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        layout.addLayout(edit)
        layout.addWidget(self.message)

    def empty_hint(self) -> str:
        return self.tr("No pages yet. Press F6 to scan, or import files; drag pages here from another material.")

    # --- sources ---------------------------------------------------------------------------------------------
    def refresh_sources(self) -> None:
        DeviceOp(self, self.service.scanners.list_sources).success(self._set_sources).failure(
            self._sources_failed).run(self.tasks)

    def _set_sources(self, sources: list[DeviceInfo]) -> None:
        self._sources = list(sources)
        self.source_box.blockSignals(True)  # refilling the list is not the clerk choosing a source
        self.source_box.clear()
        for source in sources:
            label = f"{source.make} {source.model}".strip() or source.id
            if source.simulated:
                label = self.tr("{0} — training, not a real scanner").format(label)
            self.source_box.addItem(label, source.key)
        if not sources:
            self.source_box.addItem(self.tr("No scanner found"), None)
        wanted = self.strips.last_device
        index = self.source_box.findData(wanted) if wanted else -1
        if index >= 0:
            self.source_box.setCurrentIndex(index)
        self.source_box.blockSignals(False)
        self._update_buttons()

    def _sources_failed(self, exc: BaseException) -> None:
        log.info("listing scanners failed: %s", type(exc).__name__)
        self._set_sources([])

    def _remember_source(self, _index: int) -> None:
        key = self.source_box.currentData()
        if key:
            self.strips.last_device = key

    # --- model → view ----------------------------------------------------------------------------------------
    def _model_changed(self, _model: MaterialPages) -> None:
        current = self.strip.currentRow()
        self.strip.clear()
        for number, page in enumerate(self.model.pages, start=1):
            item = QListWidgetItem(self._icon(page), self.tr("{0} · {1}").format(number, human_kb(page.size)))
            item.setToolTip(self.tr("Page {0}: {1} × {2} px, {3}, {4}").format(
                number, page.width, page.height, human_kb(page.size),
                f"{page.device.make} {page.device.model}".strip() or page.device.kind))
            self.strip.addItem(item)
        if self.strip.count():
            self.strip.setCurrentRow(min(max(current, 0), self.strip.count() - 1))
        total, cap = self.model.total_bytes, self.model.cap_bytes
        text = self.tr("{0} pages · {1}").format(len(self.model), human_kb(total))
        if cap:
            text += self.tr(" of {0}").format(human_kb(cap))
        near = bool(cap) and total > 0.9 * (cap or 1)
        self.size_label.setText(text)
        self.size_label.setStyleSheet("color: #c62828; font-weight: bold;" if near else "")
        self.verified_label.setVisible(self.model.original_verified)
        self._update_buttons()
        self.changed.emit()

    def _icon(self, page: Page) -> QIcon:
        pixmap = self._pixmaps.get(page.sha256)
        if pixmap is None:
            self._load_thumbnail(page)
            placeholder = QPixmap(THUMB * 3 // 4, THUMB)
            placeholder.fill(Qt.GlobalColor.lightGray)
            return QIcon(placeholder)
        if page.rotation:
            pixmap = pixmap.transformed(QTransform().rotate(page.rotation))
        return QIcon(pixmap)

    def _load_thumbnail(self, page: Page) -> None:
        if page.sha256 in self._loading:
            return
        self._loading.add(page.sha256)

        def loaded(data: bytes) -> None:
            self._loading.discard(page.sha256)
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self._pixmaps[page.sha256] = pixmap
            self._model_changed(self.model)

        def failed(exc: BaseException) -> None:
            self._loading.discard(page.sha256)
            log.warning("thumbnail failed: %s", type(exc).__name__)

        CpuOp(self, lambda: self.service.thumbnail(page, THUMB * 2)).success(loaded).failure(failed).run(self.tasks)

    def _update_buttons(self) -> None:
        busy = self._token is not None
        has_source = bool(self.source_box.currentData())
        selected = self.strip.currentRow() >= 0 and self.strip.count() > 0
        self.scan_button.setEnabled(not busy and has_source)
        self.import_button.setEnabled(not busy)
        for button in (self.rotate_left, self.rotate_right, self.delete_button):
            button.setEnabled(selected and not busy)
        self.rescan_button.setEnabled(selected and not busy and has_source)
        self.left_button.setEnabled(selected and not busy and self.strip.currentRow() > 0)
        self.right_button.setEnabled(selected and not busy and self.strip.currentRow() < self.strip.count() - 1)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _mark_active(self) -> None:
        self.strips.mark_active(self)

    # --- scanning --------------------------------------------------------------------------------------------
    def settings(self, max_pages: int | None = None) -> ScanSettings:
        feeder = self.feeder_box.isChecked() and max_pages != 1
        return ScanSettings(resolution=self.service.resolution, mode=self.mode_box.currentData(),
                            source=PaperSource.ADF if feeder else PaperSource.FLATBED, max_pages=max_pages)

    def adjustments(self) -> dict[str, bool]:
        return {"autocrop": self.autocrop_action.isChecked(), "deskew": self.deskew_action.isChecked()}

    def scan(self) -> None:
        key = self.source_box.currentData()
        if key and str(key).startswith("camera:") and self._camera_dialog is None:
            self.open_camera(str(key))
            return
        self._start_scan(None)

    def open_camera(self, key: str) -> None:
        """Live preview of a document camera; each capture (Space, auto-capture, F6) is one scan."""
        from devices.scanner.qt_camera import CameraDriver  # a camera source exists: Qt Multimedia is loaded
        from ui.camera_dialog import CameraDialog

        driver = self.service.scanners.driver("camera")
        if not isinstance(driver, CameraDriver):
            return
        try:
            camera = driver.open_camera(key.partition(":")[2])
        except Exception as exc:
            self._report(exc)
            return
        self._mark_active()
        dialog = self._camera_dialog = CameraDialog(camera, lambda: self._start_scan(None), self)
        dialog.finished.connect(self._camera_closed)
        dialog.show()

    def _camera_closed(self, _result: int) -> None:
        self._camera_dialog = None

    def rescan_selected(self) -> None:
        row = self.strip.currentRow()
        if row >= 0:
            self._start_scan(row)

    def _start_scan(self, rescan_index: int | None) -> None:
        key = self.source_box.currentData()
        if not key or self._token is not None:
            return
        self._mark_active()
        self._show_message("")
        self._rescan_index = rescan_index
        token = self._token = CancelToken()
        settings = self.settings(max_pages=1 if rescan_index is not None else None)
        adjust = self.adjustments()
        relay = self._relay

        def run() -> int:
            pages = self.service.scan(key, settings, self.material_code, on_page=relay.send_page, token=token,
                                      progress=relay.send_progress, **adjust)
            return len(pages)

        self._busy(True)
        DeviceOp(self, run).success(lambda _n: self._finished(None)).failure(self._finished).run(self.tasks)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._update_buttons()

    def _progress_arrived(self, index: int, fraction: float) -> None:
        self.progress.setFormat(self.tr("Page {0}: %p%").format(index + 1))
        self.progress.setValue(round(fraction * 100))

    def _page_arrived(self, page: Page) -> None:
        try:
            if self._rescan_index is not None and self._rescan_index < len(self.model):
                self.model.replace_page(self._rescan_index, page)
                self._rescan_index = None
            else:
                self.model.add([page])
        except Exception as exc:  # the cap or a duplicate: stop the feeder, keep what is already there
            if self._token is not None:
                self._token.cancel()
            self._report(exc)

    def _finished(self, error: BaseException | None) -> None:
        self._token = None
        self._rescan_index = None
        self._busy(False)
        if error is not None and not isinstance(error, Cancelled):
            self._report(error)

    def _report(self, exc: BaseException) -> None:
        from clerk_app.errors import UserFacingError

        if isinstance(exc, UserFacingError):
            self._show_message(exc.user_text())
        else:
            show_exception(self, exc)

    # --- import ----------------------------------------------------------------------------------------------
    def import_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import pages"), "", self.tr("Scans and pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> None:
        self._mark_active()
        self._show_message("")
        token = self._token = CancelToken()
        relay = self._relay
        adjust = self.adjustments()

        def run() -> int:
            return len(self.service.import_files(paths, self.material_code, on_page=relay.send_page, token=token,
                                                 **adjust))

        self._busy(True)
        CpuOp(self, run).success(lambda _n: self._finished(None)).failure(self._finished).run(self.tasks)

    # --- editing ---------------------------------------------------------------------------------------------
    def _selected(self) -> int | None:
        row = self.strip.currentRow()
        return row if 0 <= row < len(self.model) else None

    def preview_selected(self) -> None:
        """Open the selected page at readable size (loaded from the encrypted store in the background)."""
        row = self._selected()
        if row is None:
            return
        page = self.model[row]

        def show(data: bytes) -> None:
            from ui.page_preview import PagePreviewDialog

            dialog = PagePreviewDialog(page, data, row + 1, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self.preview = dialog

        CpuOp(self, lambda: self.service.page_bytes(page)).success(show).failure(self._report).run(self.tasks)

    def set_original_verified(self, verified: bool) -> None:
        """B-level: the clerk checked the paper original; the archived PDF of this material gets the watermark."""
        self.model.original_verified = verified  # listeners (this strip's badge included) hear of it

    def rotate(self, degrees: int) -> None:
        row = self._selected()
        if row is not None:
            self.model.rotate(row, degrees)

    def shift(self, step: int) -> None:
        row = self._selected()
        if row is not None and 0 <= row + step < len(self.model):
            self.model.move(row, row + step)
            self.strip.setCurrentRow(row + step)

    def delete_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self.model.delete(row)

    def drop_page(self, source_code: str, row: int, target: int | None) -> None:
        """A page dragged from ``source_code``'s strip (possibly this one) dropped at ``target``."""
        source = self.strips.get(source_code)
        if source is None or row >= len(source.model):
            return
        try:
            if source is self:
                self.model.move(row, len(self.model) - 1 if target is None else target)
            else:
                source.model.move_to(row, self.model, target)
        except Exception as exc:  # the cap of this material: say so here, nothing moved
            self._report(exc)
        else:
            self._show_message("")

    def move_selected_to(self, other_code: str) -> None:
        row = self._selected()
        other = self.strips.get(other_code)
        if row is None or other is None:
            return
        try:
            self.model.move_to(row, other.model)
        except Exception as exc:
            self._report(exc)

    def _context_menu(self, pos: Any) -> None:
        if self._selected() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("View page"), self.preview_selected)
        menu.addAction(self.tr("Rotate right"), lambda: self.rotate(90))
        menu.addAction(self.tr("Rotate left"), lambda: self.rotate(-90))
        menu.addAction(self.tr("Rescan this page"), self.rescan_selected)
        others = [strip for code in self.strips.codes() if code != self.material_code
                  and (strip := self.strips.get(code)) is not None]
        if others:
            move = menu.addMenu(self.tr("Move to material"))
            for strip in others:
                move.addAction(strip.material_name, partial(self.move_selected_to, strip.material_code))
        menu.addSeparator()
        menu.addAction(self.tr("Delete page"), self.delete_selected)
        menu.exec(self.strip.viewport().mapToGlobal(pos))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.model.unsubscribe(self._listener)
        self.cancel()
        super().closeEvent(event)
