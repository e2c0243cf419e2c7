"""Material PDFs and imported files checked with poppler (pdfinfo, pdftoppm), the reader a clerk's PC has."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from clerk_app.pages.model import CasePages
from clerk_app.pages.service import ScanningService
from devices.scanner.base import ColourMode, PaperSource, ScanSettings
from devices.scanner.service import ScannerService
from devices.scanner.simulated import SimulatedScanner
from tests import stack
from tests.unit.scanning import images

pytestmark = pytest.mark.integration


@pytest.fixture
def service(workstation: Any) -> Any:
    if shutil.which("pdfinfo") is None or shutil.which("pdftoppm") is None:
        stack.require("poppler", "poppler-utils is not installed")
    svc = ScanningService(workstation.blobs, ScannerService({"simulated": SimulatedScanner}), training=True)
    yield svc
    svc.close()


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def test_material_pdf_has_every_page_in_poppler(service: Any, tmp_path: Path) -> None:
    case = CasePages()
    slot = case.slot("申请书")
    slot.add(service.scan("simulated:training-0", ScanSettings(resolution=150, source=PaperSource.ADF)))
    slot.add(service.scan("simulated:training-0", ScanSettings(resolution=150, mode=ColourMode.BW)))
    slot.rotate(1)
    pdf = tmp_path / "material.pdf"
    pdf.write_bytes(service.material_pdf(slot))
    info = pdfinfo(pdf)
    assert info["Pages"] == "4"
    assert "A4" in info["Page size"] or info["Page size"].startswith("595")
    subprocess.run(["pdftoppm", "-r", "20", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "p")],
                   check=True, timeout=60)
    (rendered,) = tmp_path.glob("p*.png")
    with Image.open(rendered) as image:
        assert image.size[0] > image.size[1]  # the rotated page renders landscape


def test_verified_material_carries_the_b_level_watermark(service: Any, tmp_path: Path) -> None:
    case = CasePages()
    slot = case.slot("营业执照")
    slot.original_verified = True
    path = tmp_path / "licence.png"
    path.write_bytes(images.encode(images.text_page(1240, 1754).convert("RGB"), "PNG"))
    slot.add(service.import_files([path]))
    pdf = tmp_path / "archived.pdf"
    pdf.write_bytes(service.material_pdf(slot, purpose="食品经营许可"))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout.replace("\n", "")
    assert "此件经与原件核对无误，仅供办理食品经营许可使用" in text
    plain = service.material_pdf(slot, archived=False)
    (tmp_path / "upload.pdf").write_bytes(plain)
    assert "核对" not in subprocess.run(["pdftotext", "-raw", str(tmp_path / "upload.pdf"), "-"], capture_output=True,
                                        text=True, check=True, timeout=60).stdout


def test_imported_multi_page_pdf_round_trip(service: Any, tmp_path: Path) -> None:
    source = tmp_path / "from-phone.pdf"
    frames = [Image.new("RGB", (600, 800), shade) for shade in ("white", "gray", "white")]
    frames[0].save(source, "PDF", save_all=True, append_images=frames[1:], resolution=100)
    case = CasePages()
    slot = case.slot("附件")
    slot.add(service.import_files([source]))
    assert len(slot) == 3
    out = tmp_path / "out.pdf"
    out.write_bytes(service.material_pdf(slot))
    assert pdfinfo(out)["Pages"] == "3"
