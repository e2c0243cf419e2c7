"""Code128 (python-barcode) and QR (qrcode) drawn as vector rectangles on a reportlab canvas.

The libraries do the encoding (symbol choice, check digits, error correction); the module patterns are then drawn
as filled rectangles, runs merged, so the codes are sharp at any printer resolution and cost well under a
millisecond per page. A Code128 module of 0.34 mm is two pixels at 150 dpi, which zbar decodes reliably; the
quiet zones (10 modules for Code128, 4 for QR) are part of the drawn footprint.
"""

from __future__ import annotations

import functools

import barcode
import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.model import QR_QUIET, QrModules

__all__ = ["QR_QUIET", "code128_modules", "code128_width", "draw_code128", "draw_qr", "qr_matrix"]

CODE128_MODULE = 0.34 * mm
CODE128_QUIET = 10  # modules


@functools.lru_cache(maxsize=256)
def code128_modules(data: str) -> str:
    """The module pattern ('1' = bar) of ``data`` in Code128, start/check/stop included."""
    return str(barcode.get("code128", data).build()[0])


@functools.lru_cache(maxsize=256)
def qr_matrix(data: str) -> QrModules:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def code128_width(data: str, module: float = CODE128_MODULE) -> float:
    """Width including both quiet zones."""
    return (len(code128_modules(data)) + 2 * CODE128_QUIET) * module


def draw_code128(canvas: Canvas, data: str, x: float, y: float, height: float,
                 module: float = CODE128_MODULE) -> float:
    """Draw at (x, y) = lower-left corner of the quiet zone; returns the total width."""
    pattern = code128_modules(data)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    start = None
    left = x + CODE128_QUIET * module
    for index, bit in enumerate(pattern + "0"):
        if bit == "1" and start is None:
            start = index
        elif bit != "1" and start is not None:
            canvas.rect(left + start * module, y, (index - start) * module, height, stroke=0, fill=1)
            start = None
    canvas.restoreState()
    return (len(pattern) + 2 * CODE128_QUIET) * module


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the QR with its quiet zone inside a ``size`` square whose lower-left corner is (x, y)."""
    matrix = qr_matrix(data)
    count = len(matrix) + 2 * QR_QUIET
    cell = size / count
    top = y + size - QR_QUIET * cell
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        row_y = top - (row_index + 1) * cell
        start = None
        for col_index, dark in enumerate((*row, False)):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                # A hair of overlap keeps anti-aliased rasterisers from drawing seams between rows.
                canvas.rect(x + (QR_QUIET + start) * cell, row_y, (col_index - start) * cell, cell * 1.02,
                            stroke=0, fill=1)
                start = None
    canvas.restoreState()
