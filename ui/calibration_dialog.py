"""打印机校准: the per-printer x/y correction of certificates printed on pre-printed stock.

The clerk prints the calibration page (no correction), measures with a ruler where its crosses came out, types the
distances; the dialog computes the correction (``calibration_from_marks``), shows the check page with it applied
(preview), saves it for that print queue and prints the check page to confirm. The offsets can also be typed
directly. Rendering, saving and printing run off the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.acceptance.calibration import CalibrationDesk
from printing.stock import MARK_A, MARK_B, MAX_OFFSET_MM, SCALE_RANGE, Calibration, calibration_from_marks
from ui.errors import error_html, inline_error_text
from ui.tasks import CpuOp, DatabaseOp, DeviceOp, TaskRunner

log = logging.getLogger("onewindow.ui.calibration")
PREVIEW_W = 330  # px: the A4 check page in the dialog


def _spin(low: float, high: float, value: float, decimals: int = 1, step: float = 0.5) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setValue(value)
    box.setSuffix(" mm" if decimals < 4 else "")
    return box



def first_page_image(pdf: bytes) -> tuple[int, QImage | None]:
    """The page count and the first page on white paper, rendered where it is called (off the GUI thread: parsing
    and rasterising a page takes tens of milliseconds, on every spin-box step)."""
    data = QByteArray(pdf)
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        pages = document.pageCount()
        if not pages:
            return 0, None
        image = document.render(0, QSize(PREVIEW_W, int(PREVIEW_W * 297 / 210)))
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)  # the render is transparent where nothing is printed: show the paper
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        return pages, page
    finally:
        document.close()
        buffer.close()


class CalibrationDialog(QDialog):
    saved = Signal(str, object)  # printer, Calibration

    def __init__(self, parent: QWidget | None, desk: CalibrationDesk, tasks: TaskRunner) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Printer calibration (打印机校准)"))
        self.desk, self.tasks = desk, tasks
        self.printer = QComboBox()
        self.printer.setObjectName("calibrationPrinter")
        self.current = QLabel("")
        self.current.setObjectName("calibrationCurrent")
        self.print_page = QPushButton(self.tr("1. Print the calibration page"))
        self.print_page.setObjectName("printCalibrationPage")
        self.a_x, self.a_y = _spin(0, 60, MARK_A[0]), _spin(0, 60, MARK_A[1])
        self.use_b = QCheckBox(self.tr("Also cross B (corrects the printer's scale)"))
        self.b_x, self.b_y = _spin(150, 230, MARK_B[0]), _spin(230, 297, MARK_B[1])
        self.offset_x = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM, 0.0, 2, 0.1)
        self.offset_y = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM, 0.0, 2, 0.1)
        self.scale = _spin(SCALE_RANGE[0], SCALE_RANGE[1], 1.0, 4, 0.001)
        for name, box in (("crossAX", self.a_x), ("crossAY", self.a_y), ("crossBX", self.b_x),
                          ("crossBY", self.b_y), ("offsetX", self.offset_x), ("offsetY", self.offset_y),
                          ("scale", self.scale)):
            box.setObjectName(name)
        self.note = QLabel("")
        self.note.setObjectName("calibrationNote")
        self.note.setWordWrap(True)
        self.view = QLabel(self)  # the check page drawn as an image: what the printer gets, at a glance
        self.view.setObjectName("calibrationPreview")
        self.view.setMinimumSize(PREVIEW_W, int(PREVIEW_W * 297 / 210))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("background: #9e9e9e;")
        self.preview_pages = 0  # pages of the last preview shown (tests wait for it)
        self._lay_out()
        self._connect()
        self._b_enabled(False)
        self.resize(980, 620)
        DeviceOp(self, lambda: (desk.printers(), desk.stock_printer())).success(self._printers) \
            .failure(self._failed).run(tasks)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Printer (print queue)"), self.printer)
        form.addRow("", self.current)
        form.addRow("", self.print_page)
        row_a = QHBoxLayout()
        row_a.addWidget(self.a_x)
        row_a.addWidget(self.a_y)
        form.addRow(self.tr("2. Cross A measured: from the left edge, from the top edge"), row_a)
        form.addRow("", self.use_b)
        row_b = QHBoxLayout()
        row_b.addWidget(self.b_x)
        row_b.addWidget(self.b_y)
        form.addRow(self.tr("Cross B measured: from the left edge, from the top edge"), row_b)
        form.addRow(self.tr("3. Correction: x offset (+ = right)"), self.offset_x)
        form.addRow(self.tr("y offset (+ = down)"), self.offset_y)
        form.addRow(self.tr("Scale"), self.scale)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self.tr("4. Save for this printer"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setObjectName("saveCalibration")
        self.check_button = buttons.addButton(self.tr("5. Print the check page"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("printCheckPage")
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.note)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        preview = QVBoxLayout()
        preview.addWidget(QLabel(self.tr("Check page with this correction (the crosses must land on their marks)")))
        preview.addWidget(self.view, 1)
        body.addLayout(preview, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    def _connect(self) -> None:
        for box in (self.a_x, self.a_y, self.b_x, self.b_y):
            box.valueChanged.connect(self._from_marks)
        self.use_b.toggled.connect(self._from_marks)
        self.use_b.toggled.connect(self._b_enabled)
        for box in (self.offset_x, self.offset_y, self.scale):
            box.valueChanged.connect(self._preview)
        self.printer.currentTextChanged.connect(self._load_printer)
        self.print_page.clicked.connect(lambda: self._print(check=False))
        self.check_button.clicked.connect(lambda: self._print(check=True))
        self.save_button.clicked.connect(self.save)

    # -- state ------------------------------------------------------------------------------------------------
    def _printers(self, found: tuple[list[str], str]) -> None:
        names, current = found
        if current and current not in names:
            names = [current, *names]
        self.printer.blockSignals(True)
        self.printer.addItems(names)
        self.printer.blockSignals(False)
        if current:
            self.printer.setCurrentText(current)
        self._load_printer(self.printer.currentText())

    def _load_printer(self, printer: str) -> None:
        if not printer:
            return
        DatabaseOp(self, lambda: self.desk.current(printer)).success(self._show_current) \
            .failure(self._failed).run(self.tasks)

    def _show_current(self, calibration: Calibration) -> None:
        self.current.setText(self.tr("Saved: x %1 mm, y %2 mm, scale %3")
                             .replace("%1", f"{calibration.offset_x_mm:+.2f}")
                             .replace("%2", f"{calibration.offset_y_mm:+.2f}")
                             .replace("%3", f"{calibration.scale:.4f}"))
        self.set_calibration(calibration)

    def set_calibration(self, calibration: Calibration) -> None:
        for box, value in ((self.offset_x, calibration.offset_x_mm), (self.offset_y, calibration.offset_y_mm),
                           (self.scale, calibration.scale)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self._preview()

    def calibration(self) -> Calibration:
        return Calibration(round(self.offset_x.value(), 2), round(self.offset_y.value(), 2),
                           round(self.scale.value(), 4))

    def _b_enabled(self, on: bool) -> None:
        self.b_x.setEnabled(on)
        self.b_y.setEnabled(on)

    def _from_marks(self) -> None:
        b = (self.b_x.value(), self.b_y.value()) if self.use_b.isChecked() else None
        try:
            self.set_calibration(calibration_from_marks((self.a_x.value(), self.a_y.value()), b))
            self.note.setText("")
        except ValueError:  # a measurement no printer produces: say so, keep the last correction
            self.note.setText(error_html(self._implausible()))

    def _preview(self) -> None:
        printer = self.printer.currentText()
        try:
            calibration = self.calibration()
        except ValueError:
            self.note.setText(error_html(self._implausible()))
            return
        CpuOp(self, lambda: first_page_image(self.desk.page(printer, calibration, check=True))) \
            .success(self._show_page).failure(self._failed).run(self.tasks)

    def _show_page(self, rendered: tuple[int, QImage | None]) -> None:
        self.preview_pages, page = rendered
        if page is not None:
            self.view.setPixmap(QPixmap.fromImage(page))

    # -- actions ----------------------------------------------------------------------------------------------
    def save(self) -> None:
        printer, calibration = self.printer.currentText(), self.calibration()

        def done(_: object) -> None:
            self.note.setText(self.tr("Saved for %1: every certificate printed there is moved by it. Print the "
                                      "check page to confirm.").replace("%1", printer))
            self._show_current(calibration)
            self.saved.emit(printer, calibration)

        DatabaseOp(self, lambda: self.desk.save(printer, calibration)).success(done).failure(self._failed) \
            .run(self.tasks)

    def _print(self, *, check: bool) -> None:
        printer = self.printer.currentText()

        def done(result: tuple[Any, str]) -> None:
            _job, saved_to = result
            text = (self.tr("Check page sent to %1.") if check else
                    self.tr("Calibration page sent to %1: measure crosses A and B from the paper's edges."))
            self.note.setText(text.replace("%1", printer) + (f" ({saved_to})" if saved_to else ""))

        DeviceOp(self, lambda: self.desk.print_page(printer, check=check)).success(done).failure(self._failed) \
            .run(self.tasks)

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(error_html(inline_error_text(exc)))

    def _implausible(self) -> str:
        # Calibration's own ValueError is English for the log; the clerk reads the bounds in Chinese.
        return self.tr("No printer is off by more than ±%1 mm or scales outside %2–%3: measure the crosses "
                       "again.").replace("%1", f"{MAX_OFFSET_MM:g}").replace("%2", f"{SCALE_RANGE[0]:g}") \
            .replace("%3", f"{SCALE_RANGE[1]:g}")
