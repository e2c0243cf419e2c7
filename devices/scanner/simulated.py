"""Simulated scanner for training mode: clearly labelled pages ("培训模拟"), a feeder of several pages, and
fault injection (``fail_next``) so trainees see the jam and cover-open messages."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from devices.scanner.base import (
    CancelToken,
    Capabilities,
    ColourMode,
    DeviceInfo,
    PaperSource,
    ProgressCallback,
    RawPage,
    ScanSettings,
)

log = logging.getLogger("onewindow.scanner.simulated")

DEVICE = DeviceInfo("simulated", "training-0", "OneWindow", "培训模拟扫描仪", simulated=True)
_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
          "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/msyh.ttc")


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if Path(path).is_file():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def training_page(index: int, settings: ScanSettings, sheet: int = 0) -> Image.Image:
    """Page ``index`` of a scan; ``sheet`` is the scanner's running count, printed on the page, so that each scan
    is a different sheet of paper as at a real scanner (the same picture twice is refused as a duplicate page)."""
    dpi = settings.resolution
    width = round(settings.area_mm[0] / 25.4 * dpi)
    height = round(settings.area_mm[1] / 25.4 * dpi)
    page = Image.new("RGB", (width, height), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    unit = max(8, dpi // 10)
    draw.rectangle((unit, unit, width - unit, height - unit), outline=(180, 40, 40), width=max(2, dpi // 60))
    draw.text((2 * unit, 2 * unit), f"培训模拟 · 第 {index + 1} 页 · 扫描序号 {sheet}", fill=(180, 40, 40),
              font=_font(3 * unit))
    body = _font(max(10, unit))
    for line in range(20):
        y = 7 * unit + line * 2 * unit
        if y > height - 4 * unit:
            break
        draw.text((2 * unit, y), "模拟扫描页面：本页仅用于培训，不是真实材料。" * 2, fill=(40, 40, 40), font=body)
    if settings.mode is ColourMode.GRAY:
        return page.convert("L")
    if settings.mode is ColourMode.BW:
        return page.convert("L").point(lambda v: 255 if v > 140 else 0, mode="1")
    return page


class SimulatedScanner:
    kind = "simulated"
    stack = "simulated"

    def __init__(self, feeder_pages: int = 3) -> None:
        self.feeder_pages = feeder_pages
        self.fail_next: Exception | None = None
        self.sheets = 0  # sheets fed since the scanner was opened

    def list_sources(self) -> list[DeviceInfo]:
        return [DEVICE]

    def capabilities(self, device_id: str) -> Capabilities:
        del device_id
        return Capabilities(resolutions=(150, 200, 300), has_adf=True, has_duplex=False)

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        del device_id
        count = self.feeder_pages if settings.source is PaperSource.ADF else 1
        if settings.max_pages is not None:
            count = min(count, settings.max_pages)
        for index in range(count):
            token.raise_if_cancelled()
            if self.fail_next is not None:
                error, self.fail_next = self.fail_next, None
                raise error
            progress(index, 0.0)
            self.sheets += 1
            image = training_page(index, settings, self.sheets)
            progress(index, 1.0)
            yield RawPage(DEVICE, index, image=image, dpi=settings.resolution, extra={"training": True})

    def close(self) -> None:
        pass
