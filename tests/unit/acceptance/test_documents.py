"""Documents of a committed case: the right set per decision, complete notices, archive and 补打."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta

import pytest

from clerk_app.acceptance.documents import DocumentDesk, Letterhead, documents_for
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.print_service import PrintService
from printing.model import DocumentKind
from printing.spooler import PrintJob
from tests.unit.acceptance.conftest import CHECKLIST, CST, ID_NUMBER, applicant, item

WHEN = datetime(2026, 11, 23, 10, 0, tzinfo=CST)


class RecordingSpooler:
    """Stands in for the OS spooler (CUPS is exercised by the integration tests)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, bytes, str]] = []

    def printers(self) -> list[str]:
        return ["a4"]

    def default_printer(self) -> str | None:
        return "a4"

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob:
        self.jobs.append((printer, pdf, title))
        return PrintJob(printer, str(len(self.jobs)))

    def wait(self, job: PrintJob, timeout: float) -> str:
        return "completed"


@pytest.fixture
def accepted(services):
    service = services.acceptance
    service._clock = lambda: WHEN  # noqa: SLF001
    spooler = RecordingSpooler()
    desk = DocumentDesk(service.cases, PrintService(services.workstation, spooler),
                        Letterhead("培训演示便民服务中心", "综合受理1号窗口", "王五"), clerk_id="clerk7")
    return service, desk


def _commit(service, decision, receive=("M1", "M2", "M3"), **updates):
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for code in receive:
        session.mark_received(code)
    for code, change in updates.items():
        session.update(code, **change)
    return service.commit(session, decision)


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())  # table cells wrap: compare without whitespace


def test_document_sets_per_decision() -> None:
    assert documents_for(Decision.ACCEPT) == (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.MATERIAL_LIST)
    assert documents_for(Decision.REJECT, thermal_receipt=True) == (DocumentKind.REJECTION_NOTICE,)
    assert documents_for(Decision.ACCEPT, thermal_receipt=True)[0] is DocumentKind.THERMAL_RECEIPT
    assert DocumentKind.DEFICIENCY_COMMITMENT in documents_for(Decision.ACCEPT_WITH_DEFICIENCY)


def test_acceptance_documents_are_archived_and_marked_as_reprint_later(accepted, services, tmp_path) -> None:
    service, desk = accepted
    result = _commit(service, Decision.ACCEPT)
    first = desk.print_case(result.case_uuid)
    assert [o.archived.kind for o in first] == [DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.MATERIAL_LIST]
    assert not any(o.archived.reprint for o in first)
    assert [pdf for _, pdf, _ in desk.printer.spooler.jobs] == [o.pdf for o in first]
    text = _text(first[0].pdf, tmp_path)
    assert result.case_number in text and "受理通知书" in text and ID_NUMBER in text
    assert ID_NUMBER not in _text(first[1].pdf, tmp_path)  # the material list masks the number
    assert services.workstation.blobs.get(first[0].archived.sha256) == first[0].pdf
    again = desk.print_case(result.case_uuid, (DocumentKind.ACCEPTANCE_NOTICE,))
    assert again[0].archived.reprint and "补打" in _text(again[0].pdf, tmp_path)
    stored = service.cases.get(result.case_uuid)
    assert len(stored.printed) == 3
    assert [e.kind for e in stored.events][-2:] == ["printed", "reprinted"]


def test_one_time_notice_lists_every_shortfall(accepted, tmp_path) -> None:
    service, desk = accepted
    # The card read counts as 身份证 (信息跑路); the clerk marking it missing takes that back.
    result = _commit(service, Decision.ONE_TIME_NOTICE, receive=("M2",),
                     M1={"state": MaterialState.MISSING}, M2={"original_verified": False},
                     M3={"state": MaterialState.DEFECTIVE, "defect_note": "缺少申请人签字"})
    ((title, pdf),) = desk.preview(result.case_uuid)
    assert title == "一次性告知书"
    text = _text(pdf, tmp_path)
    assert "共3项" in text
    for expected in ("身份证", "申请表", "原件未核验", "房产证明", "缺少申请人签字", "复印件1份"):
        assert expected in text


def test_deficiency_commitment_names_the_supply_date(accepted, tmp_path) -> None:
    service, desk = accepted
    supply = WHEN.date() + timedelta(days=10)
    result = _commit(service, Decision.ACCEPT_WITH_DEFICIENCY, receive=("M1", "M2"),
                     M3={"state": MaterialState.DEFERRED, "supply_by": supply})
    docs = desk.preview(result.case_uuid)
    assert [t for t, _ in docs] == ["受理通知书", "容缺受理承诺书", "材料接收清单"]
    text = _text(docs[1][1], tmp_path)
    assert "房产证明" in text and f"{supply.year}年{supply.month}月{supply.day}日" in text


def test_legal_entity_with_agent_is_addressed_by_credit_code_and_names_the_agent(accepted, tmp_path) -> None:
    from clerk_app.domain.applicant import (
        AgentAuthorisation,
        Applicant,
        CaptureSource,
        IdDocumentType,
        LegalEntity,
        NaturalPerson,
    )

    service, desk = accepted
    agent = NaturalPerson("王代办", IdDocumentType.RESIDENT_ID, "110105194912310021", source=CaptureSource.CARD_READER)
    company = Applicant(LegalEntity("温州培训贸易有限公司", "91330302MA2L0XXX0X"),
                        AgentAuthorisation(agent, "委托代理人"))
    session = service.new_session()
    session.set_applicant(company)
    session.set_items((item(),), CHECKLIST)
    session.mark_received("M1")
    result = service.commit(session, Decision.ONE_TIME_NOTICE)
    ((_title, notice),) = desk.preview(result.case_uuid)
    text = _text(notice, tmp_path)
    assert "温州培训贸易有限公司" in text and "91330302MA2L0XXX0X" in text
    contexts = desk.contexts(result.case_uuid)
    assert contexts[0].agent_name == "王代办" and contexts[0].applicant_id_label == "统一社会信用代码"
