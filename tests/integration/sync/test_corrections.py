"""补正 end to end on real parts: the sandbox's back office asks over HTTP for 补正 of a submitted case; a status
pull brings the request (what, by when) and stops the clock; the 补正告知书 goes through CUPS (cups-pdf) and its
Code128 decodes to the case number (zbar); the materials are received with the 补齐 flow's pieces (checklist lines,
pages, one transaction, one outbox action, a receipt); the clock runs again; the sandbox holds the submission once,
its files bound, whatever the link does meanwhile."""

from __future__ import annotations

import dataclasses
import random
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.correction import CorrectionDesk, CorrectionIncomplete, NoCorrectionRequested
from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.acceptance.supplement import SuppliedMaterial
from clerk_app.domain.case import CaseStatus, Decision
from clerk_app.domain.supervision import extend_by_pauses, pauses_from_moves
from clerk_app.domain.workdays import Pause
from clerk_app.print_service import PrintService
from clerk_app.sync.engine import drain
from offline_cache.cases import PageRef
from printing.model import DocumentKind
from printing.render import render_document
from printing.spooler import CupsSpooler
from tests.integration.printing.test_cups_printing import decode
from tests.integration.sync.test_faults import FAULTS
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_followup import DEFERRABLE, _item

pytestmark = pytest.mark.integration

PNG_DIR = Path("/tmp/after-paper")
ASKED = [
    {"material_code": "D1", "name": "租赁合同", "requirement": "合同缺少出租方签字页，请提交完整的合同复印件"},
    {"material_code": "D3", "name": "环评批复", "requirement": "批复文号模糊不清，请提交原件核验"},
]


def _submitted_case(services, synced) -> str:
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((_item(),), DEFERRABLE)
    for spec in DEFERRABLE:
        session.mark_received(spec.code)
    case = services.acceptance.commit(session, Decision.ACCEPT)
    drain(synced.engine, timeout=30)
    return case.case_uuid


def _ask(sandbox, case_uuid: str, due_by: date) -> str:
    answer = requests.post(f"{sandbox.base_url}/__admin/cases/{case_uuid}/correction",
                           json={"items": ASKED, "due_by": due_by.isoformat(), "note": "请按要求补正"}, timeout=5)
    answer.raise_for_status()
    return str(answer.json()["request_id"])


def _status(workstation, case_uuid: str) -> str:
    return str(workstation.db.query("SELECT status FROM cases WHERE case_uuid = ?", (case_uuid,))[0][0])


def _moves(workstation, case_uuid: str) -> list[tuple[str | None, str | None, date]]:
    rows = workstation.db.query("SELECT from_status, to_status, device_time FROM case_events WHERE case_uuid = ?"
                                " ORDER BY event_id", (case_uuid,))
    return [(r[0], r[1], date.fromisoformat(r[2][:10])) for r in rows]


def _receive(services, case_uuid: str, rng: random.Random) -> tuple[object, dict[str, str]]:
    desk = services.corrections
    draft = desk.new_draft(case_uuid)
    files = {}
    for item in ASKED:
        data = rng.randbytes(20_000)
        ref = PageRef(services.workstation.blobs.put(data), len(data), "image/png")
        files[item["material_code"]] = ref.sha256
        draft.set(SuppliedMaterial(item["material_code"], original_verified=item["material_code"] == "D3",
                                   copies_received=1, pages=(ref,)))
    return desk.commit(draft), files


def test_correction_from_the_back_office_to_the_platform(cups_pdf, workstation, services, sandbox, synced,
                                                         tmp_path: Path) -> None:
    case_uuid = _submitted_case(services, synced)
    due_by = date.today() + timedelta(days=10)
    request_id = _ask(sandbox, case_uuid, due_by)
    assert services.corrections.open_request(case_uuid) is None  # nothing is known before the pull

    synced.run_once(push=False)
    assert _status(workstation, case_uuid) == CaseStatus.CORRECTION_REQUESTED.value
    request = services.corrections.open_request(case_uuid)
    assert request is not None and request.request_id == request_id and request.due_by == due_by
    assert [(i.material_code, i.requirement) for i in request.items] == [(a["material_code"], a["requirement"])
                                                                        for a in ASKED]
    pauses = pauses_from_moves(_moves(workstation, case_uuid))
    assert len(pauses) == 1 and pauses[0].end is None  # the clock stopped with the request
    synced.run_once(push=False)  # a repeated pull stores nothing twice
    assert workstation.db.query("SELECT count(*) FROM case_corrections")[0][0] == 1

    # The 补正告知书 through CUPS: the case number in its Code128, exactly the requested materials in its text.
    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue))
    desk = services.documents
    desk.printer = PrintService(to_cups, CupsSpooler())
    outcome = desk.print_correction_notice(case_uuid, request)
    assert desk.printer.wait(outcome.job, 30.0) == "completed"
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    notice = tmp_path / "correction_notice.pdf"
    shutil.copy(printed, notice)
    printed.unlink()
    number = services.cases.get(case_uuid).case.case_number
    assert decode(notice, tmp_path).get("CODE-128") == [number]
    ours = tmp_path / "notice-rendered.pdf"
    ours.write_bytes(outcome.pdf)
    text = subprocess.run(["pdftotext", str(ours), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "补正告知书" in flat and request_id in flat and "共2项" in flat
    for item in ASKED:
        assert item["name"] in flat and "".join(item["requirement"].split()) in flat
    for other in ("身份证", "消防证明"):  # received and not asked for: not on the notice
        assert other not in flat.split("共2项")[1].split("请于")[0]
    assert f"{due_by.year}年{due_by.month}月{due_by.day}日" in flat

    # Receiving the materials: everything asked for, or nothing.
    partial = services.corrections.new_draft(case_uuid)
    partial.set(SuppliedMaterial("D1", copies_received=1))
    with pytest.raises(CorrectionIncomplete):
        services.corrections.commit(partial)
    result, files = _receive(services, case_uuid, random.Random(5))
    assert result.created and result.status == CaseStatus.IN_REVIEW.value
    assert _status(workstation, case_uuid) == CaseStatus.IN_REVIEW.value
    with pytest.raises(NoCorrectionRequested):
        services.corrections.new_draft(case_uuid)
    pauses = pauses_from_moves(_moves(workstation, case_uuid))
    assert len(pauses) == 1 and pauses[0].end == date.today()  # the clock runs again
    receipt = desk.print_correction_receipt(case_uuid, result, request)
    assert desk.printer.wait(receipt.job, 30.0) == "completed"
    assert [d.kind for d in desk.printer.archived(case_uuid)][-2:] == [DocumentKind.CORRECTION_NOTICE,
                                                                     DocumentKind.CORRECTION_RECEIPT]
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'correction'")[0][0] == 1

    drain(synced.engine, timeout=30)
    rows = sandbox.query("SELECT submission_uuid, request_id, case_uuid FROM correction_submissions")
    assert rows == [(result.submission_uuid, request_id, case_uuid)]
    bound = set(sandbox.query("SELECT case_uuid, material_code, sha256 FROM case_files"))
    assert {(case_uuid, code, sha) for code, sha in files.items()} <= bound
    assert sandbox.query("SELECT status FROM cases WHERE case_uuid = ?", (case_uuid,)) == [("in_review",)]
    synced.run_once(push=False)  # the platform's "in review" after the 补正 changes nothing locally
    assert _status(workstation, case_uuid) == CaseStatus.IN_REVIEW.value

    PNG_DIR.mkdir(exist_ok=True)
    for name, pdf in (("correction_notice", outcome.pdf), ("correction_receipt", receipt.pdf)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(PNG_DIR / name)], check=True)


@pytest.mark.parametrize("name", ["drop_after", "everything"])
def test_correction_submissions_arrive_exactly_once_under_faults(name, workstation, services, sandbox, synced):
    rng = random.Random(name)
    cases = [_submitted_case(services, synced) for _ in range(3)]
    for case_uuid in cases:
        _ask(sandbox, case_uuid, date.today() + timedelta(days=5))
    synced.run_once(push=False)
    results = {case_uuid: _receive(services, case_uuid, rng)[0] for case_uuid in cases}
    sandbox.faults(*FAULTS[name], seed=sum(map(ord, name)) + 3)
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)
    done = dict(workstation.db.query("SELECT kind, count(*) FROM outbox WHERE state = 'done' GROUP BY kind"))
    assert done == {"case_upsert": 3, "correction": 3}
    rows = sandbox.query("SELECT submission_uuid, case_uuid FROM correction_submissions")
    assert sorted(rows) == sorted((r.submission_uuid, c) for c, r in results.items())
    assert any(r.errors for r in reports), "the fault never fired: the test proved nothing"



def test_correction_papers_state_the_promise_moved_by_the_pause(workstation, services, sandbox, synced) -> None:
    """Asked for 补正 today, corrected eight days later: the 补正告知书 says the date moves with the pause, and the
    receipt states the promised date moved by the pause's working days — not the stored one."""
    case_uuid = _submitted_case(services, synced)
    today = date.today()
    later = datetime.now().astimezone() + timedelta(days=8)
    stored_promise = services.cases.get(case_uuid).case.promised_date
    assert stored_promise is not None
    _ask(sandbox, case_uuid, later.date() + timedelta(days=2))
    synced.run_once(push=False)
    request = services.corrections.open_request(case_uuid)
    assert request is not None
    rules = services.acceptance.rules
    corrections = CorrectionDesk(workstation.db, services.cases, rules, window_code="01", clerk_id="c1",
                                 clock=lambda: later)
    papers = DocumentDesk(services.cases, services.printing, services.documents.letterhead, clerk_id="c1",
                          rules=rules, today=later.date)
    calendar = services.rules.calendar()

    def moved(pause: Pause) -> date:
        return extend_by_pauses(calendar, today, stored_promise, True, [pause], later.date()).date

    notice = papers.correction_notice_context(case_uuid, request)
    assert notice.promised_date == moved(Pause(today, None)) > stored_promise  # paused so far, more to come
    draft = corrections.new_draft(case_uuid)
    for item in ASKED:
        draft.set(SuppliedMaterial(item["material_code"], copies_received=1))
    result = corrections.commit(draft)
    receipt = papers.correction_receipt_context(case_uuid, result, request)
    assert receipt.promised_date == moved(Pause(today, later.date())) > stored_promise
    # printed the day the case was corrected, with the stored date the paper would have been a week early
    assert services.documents.correction_receipt_context(case_uuid, result, request).promised_date != stored_promise
    for ctx, words in ((notice, "补正期间不计入办理时限"), (receipt, "已扣除补正期间")):
        text = "".join(subprocess.run(["pdftotext", "-", "-"], input=render_document(ctx), capture_output=True,
                                      check=True).stdout.decode().split())
        promised = ctx.promised_date
        assert promised is not None and words in text
        assert f"{promised.year}年{promised.month}月{promised.day}日" in text
