"""送达回执 of a real handover (the practice case ready for pickup, collected by its applicant): printed through CUPS
(cups-pdf), archived with the case, its Code128 = the case number and its QR = the query link (zbar, 150 dpi), the
collector masked on the paper."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

from clerk_app.acceptance.practice import seed
from clerk_app.domain.applicant import CaptureSource, NaturalPerson
from clerk_app.domain.masking import mask_id_number
from clerk_app.domain.numbering import query_link
from clerk_app.print_service import PrintService
from printing.model import DocumentKind
from printing.spooler import CupsSpooler
from tests.integration.printing.test_cups_printing import decode

PNG_DIR = Path("/tmp/after-paper")


def test_the_delivery_receipt_is_printed_archived_and_decodes(cups_pdf, workstation, services, tmp_path: Path) -> None:
    services.catalog.ensure_training_catalog()
    pickup = next(c for c in seed(services) if c.status == "ready_for_pickup")
    stored = services.acceptance.cases.get(pickup.case_uuid)
    principal = stored.case.applicant.principal
    assert isinstance(principal, NaturalPerson)
    collector = NaturalPerson(principal.name, principal.id_type, principal.id_number,
                              source=CaptureSource.CARD_READER)
    services.handover.hand_over(pickup.case_uuid, collector)

    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue))
    desk = services.documents
    desk.printer = PrintService(to_cups, CupsSpooler())
    outcome = desk.print_delivery_receipt(pickup.case_uuid)
    assert desk.printer.wait(outcome.job, 30.0) == "completed"
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    copy = tmp_path / "delivery.pdf"
    shutil.copy(printed, copy)
    printed.unlink()

    found = decode(copy, tmp_path)
    assert found.get("CODE-128") == [pickup.case_number]
    code = str(stored.details["verification_code"])
    assert found.get("QR-Code") == [query_link(str(workstation.config.get("papers.query_url")), pickup.case_number,
                                               code)]
    rendered = tmp_path / "rendered.pdf"  # the spooled copy went through ghostscript: read the text of ours
    rendered.write_bytes(outcome.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(rendered), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "送达回执" in text and "申请人本人" in text and "准予" in text and "领取人（签名或盖章）" in text
    assert mask_id_number(principal.id_number) in text and principal.id_number not in text
    assert principal.name[0] + "*" * (len(principal.name) - 1) in text
    archived = desk.printer.archived(pickup.case_uuid)
    assert [d.kind for d in archived] == [DocumentKind.DELIVERY_RECEIPT]
    again = desk.print_delivery_receipt(pickup.case_uuid)  # a second copy is 补打, archived too
    assert desk.printer.wait(again.job, 30.0) == "completed"
    assert [d.reprint for d in desk.printer.archived(pickup.case_uuid)] == [False, True]

    PNG_DIR.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(copy), str(PNG_DIR / "delivery_receipt")],
                   check=True)
