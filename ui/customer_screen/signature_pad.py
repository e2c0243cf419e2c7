"""The signing pad of the customer screen: the citizen draws with a finger (touch arrives as synthesised mouse
events, Qt's default for a widget that does not take touch itself) or, in tests and at a mouse-driven counter, with
the mouse. Strokes are kept as point lists; ``to_png`` renders them, black on transparent, cropped to what was drawn
with a margin, as the PNG stored with the case and drawn on the paper.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(0, 0, 0)
PEN_WIDTH = 5.0
MIN_POINTS = 6  # fewer points in all is a tap, not a signature


class SignaturePad(QWidget):
    changed = Signal(bool)  # True once there is something to confirm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setMinimumSize(640, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[QPointF]] = []

    # -- input ------------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.strokes.append([event.position()])
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()
            self.changed.emit(self.has_signature())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.strokes and event.button() == Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()
            self.changed.emit(self.has_signature())

    def clear(self) -> None:
        self.strokes = []
        self.update()
        self.changed.emit(False)

    def has_signature(self) -> bool:
        return sum(len(s) for s in self.strokes) >= MIN_POINTS

    # -- drawing ----------------------------------------------------------------------------------------------
    def _path(self) -> QPainterPath:
        path = QPainterPath()
        for stroke in self.strokes:
            path.moveTo(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            if len(stroke) == 1:  # a dot
                path.lineTo(stroke[0] + QPointF(0.5, 0.5))
        return path

    def _pen(self, width: float = PEN_WIDTH) -> QPen:
        pen = QPen(INK, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#9aa7b5"), 2, Qt.PenStyle.DashLine))
        baseline = self.height() * 0.75
        painter.drawLine(QPointF(30, baseline), QPointF(self.width() - 30, baseline))
        painter.setPen(self._pen())
        painter.drawPath(self._path())
        painter.end()

    def to_png(self, margin: float = 12.0) -> bytes:
        """The strokes as a PNG (transparent background, black ink), cropped to the drawing plus ``margin``."""
        path = self._path()
        box = path.boundingRect().adjusted(-margin, -margin, margin, margin)
        box = box.intersected(QRectF(self.rect())) if not box.isEmpty() else QRectF(self.rect())
        image = QImage(max(1, int(box.width())), max(1, int(box.height())), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-box.topLeft())
        painter.setPen(self._pen())
        painter.drawPath(path)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # str at run time (see ui/paint_check.py)
        buffer.close()
        return bytes(data.data())
