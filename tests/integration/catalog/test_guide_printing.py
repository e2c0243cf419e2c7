"""The 办事指南 printed for real through CUPS to cups-pdf.

After the spooler chain (pdftopdf, ghostscript) the fonts become Type 3 glyphs without a text layer, so the printed
page is compared as an image with the PDF we sent: same page, same ink in the same places. The text of the PDF we
sent is checked with pdftotext.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from clerk_app.catalog.guide import guide_pdf, print_guide
from clerk_app.catalog.service import CatalogService
from clerk_app.context import Workstation
from clerk_app.print_service import PrintService
from tests.stack import require

pytestmark = pytest.mark.integration


def _tools() -> None:
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            require(tool, "poppler-utils is not installed")


def _page(pdf: Path, folder: Path, name: str) -> Image.Image:
    prefix = folder / name
    subprocess.run(["pdftoppm", "-q", "-r", "50", "-gray", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    [page] = sorted(folder.glob(f"{name}-*.pgm"))
    return Image.open(page).convert("L")


def _ink(image: Image.Image) -> float:
    return sum(image.histogram()[:128]) / (image.width * image.height)


@pytest.mark.parametrize(("query", "answers", "expected"), [
    ("出生登记", {"agent": "agent"}, ["出生登记", "办事指南", "授权委托书", "代理人居民身份证"]),
    ("YJS-511602-CSYJS", {"sscard": "no"}, ["新生儿出生一件事", "父母双方居民身份证"]),
])
def test_guide_prints_through_cups(cups_pdf, workstation: Workstation, tmp_path: Path, query: str,
                                   answers: dict[str, str], expected: list[str]) -> None:
    _tools()
    service = CatalogService(workstation.db)
    service.ensure_training_catalog()
    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(printing__a4_printer=cups_pdf.queue))
    code = query if query.startswith("YJS") else service.search(query, 1)[0].item_code

    sent = tmp_path / "sent.pdf"
    sent.write_bytes(guide_pdf(service, code, answers))
    text = subprocess.run(["pdftotext", str(sent), "-"], capture_output=True, text=True, check=True).stdout
    for word in expected:
        assert word in text

    job = print_guide(service, PrintService(workstation), code, answers)
    assert job.printer == cups_pdf.queue
    printed = cups_pdf.wait_for_output(int(job.job_id))
    original, through = _page(sent, tmp_path, "sent"), _page(printed, tmp_path, "printed")
    assert original.size == through.size
    assert _ink(through) == pytest.approx(_ink(original), rel=0.15)
    difference = ImageStat.Stat(ImageChops.difference(original, through)).mean[0]
    assert difference < 12  # same layout; Chinese glyphs did not turn into boxes or vanish
