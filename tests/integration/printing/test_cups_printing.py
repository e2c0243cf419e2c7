"""Every document printed for real through CUPS to the cups-pdf queue, rasterised at 150 dpi and decoded with zbar.

The PDF cups-pdf writes has been through the whole spooler chain (pdftopdf, ghostscript), as a real printer's job
would; its Code128 and QR must still carry exactly the case number and the verification code, and the QR nothing
else (no personal data).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from clerk_app.context import Workstation
from clerk_app.domain.case_states import EventKind
from clerk_app.domain.numbering import parse_qr_payload, qr_payload
from clerk_app.print_service import PrintService
from clerk_app.rules import RulesService
from offline_cache.case_events import load_events
from printing.model import DocumentKind
from printing.render import render_document
from printing.spooler import CupsSpooler
from tests.stack import require
from tests.unit.printing.helpers import FULL_ID, NAME, PAYMENT_QR, context, insert_case

pytestmark = pytest.mark.integration


def _tools() -> None:
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            require(tool, "poppler-utils / zbar-tools are not installed")


def decode(pdf: Path, folder: Path) -> dict[str, list[str]]:
    """{symbology: [data, ...]} of every code on the first page at 150 dpi."""
    _tools()
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    [page] = sorted(folder.glob(f"{pdf.stem}-*1.png"))
    result = subprocess.run(["zbarimg", "-q", str(page)], capture_output=True, text=True)
    found: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():  # "QR-Code:<data>", "CODE-128:<data>"
        kind, _, data = line.partition(":")
        found.setdefault(kind, []).append(data)
    return found


def _page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    line = next(x for x in info.splitlines() if x.startswith("Page size:"))
    parts = line.split()
    return float(parts[2]), float(parts[4])


@pytest.fixture
def numbered(workstation: Workstation) -> tuple[str, str, str]:
    """A committed case with a real allocated number and its real verification code."""
    from datetime import date

    rules = RulesService(workstation)
    with workstation.db.transaction() as conn:
        number = str(rules.allocate_number(conn, date(2026, 11, 22)))
        case = insert_case(conn, number)
    return case, number, rules.verification_code(number)


def _assert_codes(found: dict[str, list[str]], number: str, code: str, kind: DocumentKind | None = None) -> None:
    assert found.get("CODE-128") == [number], found
    if kind is DocumentKind.FEE_NOTICE:  # the notice's second QR is the payment platform's, as configured
        assert PAYMENT_QR in found.get("QR-Code", []), found
        found = {**found, "QR-Code": [q for q in found["QR-Code"] if q != PAYMENT_QR]}
    assert found.get("QR-Code") == [qr_payload(number, code)], found
    [payload] = found["QR-Code"]
    assert parse_qr_payload(payload) == (number, code)
    assert NAME not in payload and FULL_ID not in payload and FULL_ID[-4:] not in payload.split(":")[2]


# A 证照 on pre-printed stock carries only its template's fields (the e-licence QR, not the case's codes): it is
# printed through CUPS and decoded in tests/integration/sync/test_results.py.
CASE_CODED = [k for k in DocumentKind if k is not DocumentKind.CERTIFICATE]


@pytest.mark.parametrize("kind", CASE_CODED)
def test_unprinted_pdf_codes_decode(kind: DocumentKind, numbered: tuple[str, str, str], tmp_path: Path) -> None:
    _case, number, code = numbered
    pdf = tmp_path / f"{kind.value}.pdf"
    pdf.write_bytes(render_document(context(kind, number=number, code=code)))
    _assert_codes(decode(pdf, tmp_path), number, code, kind)


def test_every_document_prints_through_cups_and_still_decodes(
    cups_pdf, workstation: Workstation, numbered: tuple[str, str, str], tmp_path: Path,
) -> None:
    case, number, code = numbered
    workstation = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue, printing__receipt_printer=cups_pdf.queue))
    service = PrintService(workstation, CupsSpooler())
    for kind in CASE_CODED:
        outcome = service.print_document(case, context(kind, number=number, code=code), "clerk7")
        assert service.wait(outcome.job, 30.0) == "completed"
        printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
        copy = tmp_path / f"printed-{kind.value}.pdf"
        shutil.copy(printed, copy)
        printed.unlink()
        _assert_codes(decode(copy, tmp_path), number, code, kind)
        width, height = _page_size(copy)
        if kind is DocumentKind.THERMAL_RECEIPT:  # printed on an 80 mm page as long as the receipt, not on A4
            assert abs(width - 80 / 25.4 * 72) < 2 and height < 842 * 0.9, (width, height)
        else:
            assert (round(width), round(height)) == (595, 842)
    archived = service.archived(case)
    assert [d.kind for d in archived] == CASE_CODED and not any(d.reprint for d in archived)
    events = load_events(workstation.db.conn, case)
    assert [e.kind for e in events] == [EventKind.PRINTED] * len(CASE_CODED)


def test_reprint_through_cups_is_marked(cups_pdf, workstation: Workstation, numbered: tuple[str, str, str],
                                        tmp_path: Path) -> None:
    case, number, code = numbered
    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(printing__receipt_printer=cups_pdf.queue))
    service = PrintService(workstation, CupsSpooler())
    service.print_document(case, context(DocumentKind.THERMAL_RECEIPT, number=number, code=code), "k")
    again = service.print_document(case, context(DocumentKind.THERMAL_RECEIPT, number=number, code=code), "k")
    assert again.archived.reprint
    printed = cups_pdf.wait_for_output(int(again.job.job_id))
    copy = tmp_path / "reprint.pdf"
    shutil.copy(printed, copy)
    printed.unlink()
    _assert_codes(decode(copy, tmp_path), number, code)
    # After ghostscript the text is not extractable; the 补打 mark is checked on the archived original.
    text = subprocess.run(["pdftotext", "-", "-"], input=service.archived_pdf(again.archived.sha256),
                          capture_output=True, check=True).stdout.decode()
    assert "补打" in text


def test_unknown_printer_is_a_typed_error(cups_pdf, workstation: Workstation,
                                          numbered: tuple[str, str, str]) -> None:
    from printing.errors import PrinterNotFound

    case, number, code = numbered
    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(printing__a4_printer="NoSuchQueue"))
    service = PrintService(workstation, CupsSpooler())
    with pytest.raises(PrinterNotFound):
        service.print_document(case, context(DocumentKind.ACCEPTANCE_NOTICE, number=number, code=code), "k")
    assert service.archived(case) == []
