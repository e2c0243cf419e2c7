"""按责转办 on real parts: accepted cases of two departments, one 材料流转单 per department and batch printed through
CUPS (its own number and every case number decode with zbar), the slip and its receipt reach the sandbox's back
office once each over HTTP (after the cases they name), another centre's clerk is refused (403), and the slip's
barcode scanned back records the department's receipt once."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.routing_paper import print_slip
from clerk_app.domain.routing import Custody
from clerk_app.print_service import PrintService
from clerk_app.sync.engine import drain
from printing.model import DocumentKind
from printing.spooler import CupsSpooler
from sandbox import API_PREFIX
from tests.integration.printing.test_cups_printing import decode
from tests.unit.acceptance.test_routing import MARRIAGE, TRAINING, _accept

pytestmark = pytest.mark.integration

PNG_DIR = Path("/tmp/after-paper")


def test_routing_slips_print_decode_and_reach_the_back_office_once(cups_pdf, workstation, services, sandbox, synced,
                                                                   tmp_path) -> None:
    cases = [_accept(services, MARRIAGE), _accept(services, MARRIAGE), _accept(services, TRAINING)]
    desk = services.routing
    slip = desk.make_slip("清河区民政局")
    numbers = [services.cases.get(c).case.case_number for c in cases[:2]]
    assert [line["case_number"] for line in slip.lines] == numbers

    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue))
    documents = services.documents
    documents.printer = PrintService(to_cups, CupsSpooler())
    outcome = print_slip(slip, services.cases, documents)
    assert documents.printer.wait(outcome.job, 30.0) == "completed"
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    pdf = tmp_path / "routing_slip.pdf"
    shutil.copy(printed, pdf)
    printed.unlink()
    found = decode(pdf, tmp_path)
    assert sorted(found.get("CODE-128", [])) == sorted([slip.slip_number, *numbers])
    ours = tmp_path / "slip-rendered.pdf"
    ours.write_bytes(outcome.pdf)
    flat = "".join(subprocess.run(["pdftotext", str(ours), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for text in ("材料流转单", "清河区民政局", "流转单编号", "居民户口簿", "原件", "移交人（签字）", "接收人（签字）",
                 "合计：办件2件"):
        assert text in flat, text
    assert "张三" not in flat and "张*" in flat  # the applicant masked
    for case_uuid in cases[:2]:  # archived with each case's file
        assert any(d.kind is DocumentKind.ROUTING_SLIP for d in documents.printer.archived(case_uuid))

    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)  # nothing sent twice
    [stored] = sandbox.query("SELECT slip_uuid, department, centre_code FROM routing_slips")
    assert stored[0] == slip.slip_uuid and stored[1] == "清河区民政局"
    assert sorted(r[0] for r in sandbox.query("SELECT case_uuid FROM routing_slip_cases")) == sorted(cases[:2])

    other = requests.post(f"{sandbox.base_url}{API_PREFIX}/auth/login",
                          json={"account": "clerk_b", "password": "pa55-b"}, timeout=5)
    if other.status_code == 200:  # a second centre's clerk is configured: its token is refused
        headers = {"Authorization": f"Bearer {other.json()['access_token']}"}
        answer = requests.post(f"{sandbox.base_url}{API_PREFIX}/routing/slips/{slip.slip_uuid}/receipt",
                               json={"slip_uuid": slip.slip_uuid, "slip_number": slip.slip_number,
                                     "received_at": "2026-12-02T10:00:00+08:00", "recorded_by": "clerk_b",
                                     "window_code": "01"}, headers=headers, timeout=5)
        assert answer.status_code == 403
    no_token = requests.post(f"{sandbox.base_url}{API_PREFIX}/routing/slips/{slip.slip_uuid}", json={}, timeout=5)
    assert no_token.status_code == 401

    receipt = desk.receive(slip.slip_number)  # the signed slip's barcode scanned at the window
    assert receipt.created and not desk.receive(slip.slip_number).created
    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)
    assert len(sandbox.query("SELECT slip_uuid FROM routing_receipts")) == 1
    assert [s.slip_uuid for s in desk.slips(Custody.RECEIVED)] == [slip.slip_uuid]
    assert [c.department for c in desk.at_window()] == ["清河区人力资源和社会保障局"]

    PNG_DIR.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(ours), str(PNG_DIR / "routing_slip")],
                   check=True)
