"""Results end to end on real parts: the sandbox's back office decides over HTTP (an approval issues an e-licence
for a licence item); the status pull brings the decision and the GB/T 36904 identifier; the 准予行政许可决定书 and
the 营业执照 on pre-printed stock go through CUPS (cups-pdf) with the printer's calibration; the decision's Code128
decodes to the case number and the certificate's QR to the e-licence identifier (zbar); the calibration is
measured on the rendered PDF (poppler) within 0.2 mm; a denial prints its reasons and the applicant's remedies."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.practice import _applicant, build_session, catalog_items
from clerk_app.domain.case import CaseStatus, Decision
from clerk_app.domain.elicence import elicence_id_problem, parse_elicence_id
from clerk_app.print_service import PrintService
from clerk_app.sync.engine import drain
from offline_cache.case_results import result_of
from printing.model import DocumentKind
from printing.spooler import CupsSpooler
from printing.stock import Calibration
from tests.integration.printing.test_cups_printing import decode

pytestmark = pytest.mark.integration

PT_MM = 25.4 / 72
PNG_DIR = Path("/tmp/results-paper")


def _submitted(services, synced, name: str) -> tuple[str, object]:
    services.catalog.ensure_training_catalog()
    item = next(i for i in catalog_items(services.workstation, services.catalog) if i.name == name)
    session = build_session(services.acceptance, services.catalog, item.implementation_code, Decision.ACCEPT,
                            _applicant(1))
    case = services.acceptance.commit(session, Decision.ACCEPT)
    drain(synced.engine, timeout=30)
    return case.case_uuid, item


def _decide(sandbox, case_uuid: str, outcome: str, reasons: str | None = None) -> dict:
    answer = requests.post(f"{sandbox.base_url}/__admin/cases/{case_uuid}/decide",
                           json={"outcome": outcome, **({"reasons": reasons} if reasons else {})}, timeout=5)
    answer.raise_for_status()
    return dict(answer.json())


def _to_cups(services, workstation, cups_pdf) -> None:
    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue, printing__certificate_printer=cups_pdf.queue))
    printer = PrintService(to_cups, CupsSpooler())
    services.documents.printer = printer
    services.calibration.printer = printer


def _printed(cups_pdf, outcome, folder: Path, name: str) -> Path:
    assert outcome.job.printer == cups_pdf.queue
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    copy = folder / f"{name}.pdf"
    shutil.copy(printed, copy)
    printed.unlink()
    return copy


def _words(pdf: bytes) -> dict[str, tuple[float, float]]:
    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return {w: (float(x) * PT_MM, float(y) * PT_MM) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', xhtml.decode())}


def test_an_approval_with_its_elicence_prints_decision_and_certificate(cups_pdf, workstation, services, sandbox,
                                                                       synced, tmp_path: Path) -> None:
    case_uuid, item = _submitted(services, synced, "有限责任公司设立登记")
    assert not services.results.offer(case_uuid).printable  # nothing decided yet
    decided = _decide(sandbox, case_uuid, "approved")
    identifier = decided["elicence"]["identifier"]
    synced.run_once(push=False)
    stored = services.cases.get(case_uuid)
    assert stored.case.status is CaseStatus.APPROVED
    result = result_of(workstation.db, case_uuid)
    assert result is not None and result.elicence_id == identifier and elicence_id_problem(identifier) is None
    assert parse_elicence_id(identifier).issuer == item.implementing_body.credit_code
    assert result.decision_number == decided["decision"]["decision_number"]
    synced.run_once(push=False)  # a repeated pull records nothing twice
    assert workstation.db.query("SELECT count(*) FROM case_events WHERE kind = 'result_received'")[0][0] == 1

    _to_cups(services, workstation, cups_pdf)
    services.calibration.save(cups_pdf.queue, Calibration(2.0, -1.5))
    decision, certificate = services.results.print_results(case_uuid)
    assert [o.archived.kind for o in (decision, certificate)] == [DocumentKind.APPROVAL_DECISION,
                                                                 DocumentKind.CERTIFICATE]
    for outcome in (decision, certificate):
        assert services.documents.printer.wait(outcome.job, 30.0) == "completed"
    paper = _printed(cups_pdf, decision, tmp_path, "decision")
    stock = _printed(cups_pdf, certificate, tmp_path, "certificate")
    number = stored.case.case_number
    assert decode(paper, tmp_path).get("CODE-128") == [number]
    assert decode(stock, tmp_path).get("QR-Code") == [identifier]
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=decision.pdf, capture_output=True,
                                  check=True).stdout.decode().split())
    assert "准予行政许可决定书" in text and "决定准予行政许可" in text and identifier in text
    # The calibration, measured on the rendered certificate: every left-aligned value at its place + the offset.
    template = services.results.library.for_kind("营业执照")
    words = _words(certificate.pdf)
    person = _applicant(1).principal
    holder = next(f for f in template.fields if f.name == "holder_id")
    x, y = words[person.id_number]
    assert abs(x - (holder.x_mm + 2.0)) <= 0.2 and abs(y - (holder.y_mm - 1.5)) <= 0.2
    PNG_DIR.mkdir(exist_ok=True)
    for pdf, name in ((paper, "approval_decision_cups"), (stock, "certificate_cups")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(PNG_DIR / name)], check=True)


def test_a_denial_prints_reasons_and_remedies(cups_pdf, workstation, services, sandbox, synced,
                                             tmp_path: Path) -> None:
    case_uuid, _ = _submitted(services, synced, "食品经营许可")
    reasons = "经营场所与食品经营许可审查通则的布局要求不符（模拟审查意见）"
    _decide(sandbox, case_uuid, "denied", reasons)
    synced.run_once(push=False)
    assert services.cases.get(case_uuid).case.status is CaseStatus.DENIED
    offer = services.results.offer(case_uuid)
    assert (offer.decision_kind, offer.certificate_title, offer.elicence_id) == (DocumentKind.DENIAL_DECISION, "",
                                                                                 None)
    _to_cups(services, workstation, cups_pdf)
    [outcome] = services.results.print_results(case_uuid)
    assert services.documents.printer.wait(outcome.job, 30.0) == "completed"
    paper = _printed(cups_pdf, outcome, tmp_path, "denial")
    assert decode(paper, tmp_path).get("CODE-128") == [services.cases.get(case_uuid).case.case_number]
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=outcome.pdf, capture_output=True,
                                  check=True).stdout.decode().split())
    for words in ("不予行政许可决定书", reasons, "六十日内", "申请行政复议", "六个月内", "提起行政诉讼"):
        assert words in text, words
