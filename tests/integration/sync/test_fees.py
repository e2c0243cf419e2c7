"""Fees end to end on real parts: an item whose catalog entry charges before the result is collected (办结前收费);
出件 is held until paid, with the reason; the 缴费通知书 goes through CUPS, its payment QR (configured format) and
its Code128 decode (zbar); the order reaches the sandbox's payment platform once; the citizen pays there; the status
pull brings the confirmation and 出件 goes through."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.fees import FeeNoticeMissing, FeeUnpaidBeforeHandover
from clerk_app.domain.applicant import CaptureSource, NaturalPerson
from clerk_app.domain.case import Decision
from clerk_app.domain.fees import payment_code_valid
from clerk_app.print_service import PrintService
from clerk_app.sync.engine import drain
from printing.spooler import CupsSpooler
from tests.integration.printing.test_cups_printing import decode
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_handover import _ready_for_pickup

pytestmark = pytest.mark.integration

PNG_DIR = Path("/tmp/after-paper")
CATALOG = Path(__file__).resolve().parents[3] / "clerk_app" / "catalog" / "data" / "training.json"
QR_FORMAT = "https://pay.example.gov.cn/pay?code={code}&amount={amount}"


def _code_of(name: str) -> str:
    items = json.loads(CATALOG.read_text(encoding="utf-8"))["items"]
    return str(next(i["implementation_code"] for i in items if i["name"] == name))


def _collector(services, case_uuid: str) -> NaturalPerson:
    principal = services.cases.get(case_uuid).case.applicant.principal
    return NaturalPerson(principal.name, principal.id_type, principal.id_number, source=CaptureSource.CARD_READER)


def test_fees_before_conclusion_hold_the_handover_until_the_platform_confirms(cups_pdf, workstation, services,
                                                                                 sandbox, synced, tmp_path) -> None:
    services.catalog.ensure_training_catalog()
    item = services.catalog.get_item(_code_of("不动产权证书补发"))
    assert item.fees.stage == "before_conclusion"
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((item,), item.materials)
    for spec in item.materials:
        session.mark_received(spec.code)
    case = services.acceptance.commit(session, Decision.ACCEPT)
    _ready_for_pickup(workstation.db, services.acceptance.rules, case.case_uuid)
    collector = _collector(services, case.case_uuid)
    with pytest.raises(FeeNoticeMissing):
        services.handover.hand_over(case.case_uuid, collector)

    fees = services.fees
    fees.qr_format = QR_FORMAT
    notice = fees.issue(case.case_uuid)
    assert notice.amount_fen == 1000 and notice.stage == "before_conclusion"
    assert payment_code_valid(notice.payment_code, str(workstation.config.get("fees.province_code")))
    assert fees.issue(case.case_uuid) == notice  # one open notice per case
    with pytest.raises(FeeUnpaidBeforeHandover) as held:
        services.handover.hand_over(case.case_uuid, collector)
    assert "10.00" in held.value.user_text() and notice.payment_code in held.value.user_text()

    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue))
    desk = services.documents
    desk.printer = PrintService(to_cups, CupsSpooler())
    qr = fees.qr_text(notice, case.case_number)
    assert qr == f"https://pay.example.gov.cn/pay?code={notice.payment_code}&amount=10.00"
    outcome = desk.print_fee_notice(case.case_uuid, notice, qr)
    assert desk.printer.wait(outcome.job, 30.0) == "completed"
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    pdf = tmp_path / "fee_notice.pdf"
    shutil.copy(printed, pdf)
    printed.unlink()
    found = decode(pdf, tmp_path)
    assert found.get("CODE-128") == [case.case_number]
    assert qr in found.get("QR-Code", [])
    ours = tmp_path / "fee-rendered.pdf"
    ours.write_bytes(outcome.pdf)
    flat = "".join(subprocess.run(["pdftotext", str(ours), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "缴费通知书" in flat and "证书工本费" in flat and "财税〔2016〕79号" in flat and "办结前收费" in flat
    assert " ".join(notice.payment_code[i:i + 4] for i in range(0, 20, 4)).replace(" ", "") in flat

    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)  # nothing sent twice
    orders = sandbox.query("SELECT notice_uuid, payment_code, amount_fen FROM payments")
    assert orders == [(notice.notice_uuid, notice.payment_code, 1000)]
    synced.run_once(push=False)
    with pytest.raises(FeeUnpaidBeforeHandover):  # not paid yet: nothing came back
        services.handover.hand_over(case.case_uuid, collector)

    paid = requests.post(f"{sandbox.base_url}/__admin/payments/{notice.payment_code}/pay", timeout=5)
    paid.raise_for_status()
    assert requests.post(f"{sandbox.base_url}/__admin/payments/{notice.payment_code}/pay", timeout=5).status_code == 409
    synced.run_once(push=False)
    [stored] = fees.notices(case.case_uuid)
    assert stored.paid and stored.voucher == paid.json()["voucher"]
    record = services.handover.hand_over(case.case_uuid, collector)
    assert record.created
    synced.run_once(push=False)
    events = workstation.db.query("SELECT count(*) FROM case_events WHERE case_uuid = ? AND kind = 'fee_paid'",
                                  (case.case_uuid,))
    assert events[0][0] == 1

    PNG_DIR.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(ours), str(PNG_DIR / "fee_notice")],
                   check=True)


def test_fees_before_acceptance_hold_the_decision_until_the_sandbox_confirms(workstation, services, sandbox,
                                                                               synced) -> None:
    """受理前收费 over HTTP: the draft's order reaches the payment platform before its case exists, the payments feed
    serves it to the window's centre, and the acceptance goes through only after the pull brought the payment."""
    from clerk_app.acceptance.fees import FeeUnpaidBeforeAcceptance

    services.catalog.ensure_training_catalog()
    item = services.catalog.get_item(_code_of("临时居民身份证核发"))
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((item,), item.materials)
    for spec in item.materials:
        session.mark_received(spec.code)
    notice = services.fees.issue_for_draft(session)
    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)  # nothing sent twice
    assert sandbox.query("SELECT notice_uuid, case_uuid, amount_fen FROM payments") == [
        (notice.notice_uuid, session.case_uuid, 1000)]
    assert sandbox.query("SELECT count(*) FROM cases WHERE case_uuid = ?", (session.case_uuid,)) == [(0,)]
    synced.run_once(push=False)
    with pytest.raises(FeeUnpaidBeforeAcceptance):
        services.acceptance.commit(session, Decision.ACCEPT)

    requests.post(f"{sandbox.base_url}/__admin/payments/{notice.payment_code}/pay", timeout=5).raise_for_status()
    synced.run_once(push=False)
    assert services.fees.decision_hold(session).paid
    result = services.acceptance.commit(session, Decision.ACCEPT)
    drain(synced.engine, timeout=30)
    assert sandbox.query("SELECT count(*) FROM cases WHERE case_uuid = ?", (result.case_uuid,)) == [(1,)]
    kinds = [e.kind for e in services.cases.get(result.case_uuid).events]
    assert "fee_paid" in kinds and kinds.count("fee_notice_issued") == 1
