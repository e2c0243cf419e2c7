"""Turning a file (picked by the clerk, dropped by a network scanner, sent by a phone) into page sources.

PDFs are rasterised with pdfium (pypdfium2) at up to 200 dpi, multi-page TIFFs are split into frames, anything else
is passed on as bytes so the pipeline can keep an already small JPEG as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from clerk_app.pages import imaging
from clerk_app.pages.errors import BrokenImage, FileTooLarge, TooManyPages, UnsupportedFile

log = logging.getLogger("onewindow.pages")

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 200
PDF_DPI = 200
MAX_RENDER_EDGE = 3508  # A4 long edge at 300 dpi


@dataclass
class PageSource:
    """One page to process: either encoded bytes (kept when already small) or decoded pixels."""

    data: bytes | None = None
    image: Image.Image | None = None
    dpi: int | None = None


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError:
        raise UnsupportedFile() from None
    if size > MAX_FILE_BYTES:
        raise FileTooLarge(size_mb=size // 1_000_000, limit_mb=MAX_FILE_BYTES // 1_000_000)
    try:
        return path.read_bytes()
    except OSError:
        raise BrokenImage() from None


def expand(data: bytes) -> Iterator[PageSource]:
    """Every page in a file, in order. Errors are typed; earlier pages are already yielded when one fails."""
    if not data:
        raise BrokenImage()
    if is_pdf(data):
        yield from _pdf_pages(data)
        return
    image = imaging.open_image(data)
    try:
        with imaging.decoding():
            frames = getattr(image, "n_frames", 1)
    except Exception:  # a damaged frame table
        raise BrokenImage() from None
    if image.format == "TIFF" and frames > 1:
        if frames > MAX_PDF_PAGES:
            raise TooManyPages(pages=frames, limit=MAX_PDF_PAGES)
        for index in range(frames):
            try:
                with imaging.decoding():
                    image.seek(index)
            except Exception:  # EOFError, struct and value errors from a damaged frame table
                raise BrokenImage() from None
            imaging.check_size(*image.size)
            frame = imaging.load(image).copy()
            yield PageSource(image=frame, dpi=_tiff_dpi(image))
        return
    yield PageSource(data=data)


def _tiff_dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        return round(float(dpi[0])) if dpi and float(dpi[0]) >= 50 else None
    except (TypeError, ValueError, IndexError):
        return None


def _pdf_pages(data: bytes) -> Iterator[PageSource]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        log.info("PDF rejected: %s", type(exc).__name__)
        raise BrokenImage() from None
    try:
        count = len(document)
        if count == 0:
            raise BrokenImage()
        if count > MAX_PDF_PAGES:
            raise TooManyPages(pages=count, limit=MAX_PDF_PAGES)
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise BrokenImage() from None
            try:
                width, height = page.get_size()  # points
                if width <= 0 or height <= 0:
                    raise BrokenImage()
                scale = min(PDF_DPI / 72, MAX_RENDER_EDGE / max(width, height))
                bitmap = page.render(scale=scale)
                image = bitmap.to_pil().convert("RGB")
            except pdfium.PdfiumError:
                raise BrokenImage() from None
            finally:
                page.close()
            yield PageSource(image=image, dpi=round(scale * 72))
    finally:
        document.close()
