"""The 授权委托书 of an agent's case (issue 14, the last signed paper): printed with an accepted case whose agent
brought none, masked, signed by the principal on the customer screen (or 纸质签名) like the other papers, the signature
drawn at 委托人（签名）, queued once for the platform."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest

from clerk_app.acceptance.authorisation_paper import needs_authorisation_paper
from clerk_app.acceptance.documents import DocumentDesk, Letterhead
from clerk_app.customer.signature import SIGNED_PAPERS, AlreadySigned, SignatureDesk, papers_to_sign
from clerk_app.customer.view import CustomerScreenPresenter, Stage
from clerk_app.domain.applicant import AgentAuthorisation, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import MaterialSpec, Necessity, PaperForm
from clerk_app.identity.validation import AGENT_AUTHORISATION_MATERIAL
from clerk_app.print_service import PrintService
from printing.model import TITLES, DocumentKind
from tests.unit.acceptance.conftest import CHECKLIST, ID_NUMBER, applicant, item
from tests.unit.acceptance.test_documents import WHEN, RecordingSpooler
from tests.unit.customer.test_signature import stroke_png

AGENT_ID = "330302198805060017"
AGENT = NaturalPerson("李代办", IdDocumentType.RESIDENT_ID, AGENT_ID, source=CaptureSource.CARD_READER)
POA = MaterialSpec(AGENT_AUTHORISATION_MATERIAL, "授权委托书", necessity=Necessity.OPTIONAL,
                   paper_form=PaperForm.ORIGINAL, original_count=1)


def with_agent():
    return replace(applicant(), agent=AgentAuthorisation(AGENT, "亲属", AGENT_AUTHORISATION_MATERIAL))


def text_of(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


@pytest.fixture
def agent_case(services):
    """An accepted case of 张三 brought by the agent 李代办, without a 授权委托书 of their own; the desks on it."""
    service = services.acceptance
    service._clock = lambda: WHEN  # noqa: SLF001
    signatures = SignatureDesk(services.workstation.db, services.workstation.blobs, window_code="01",
                               clerk_id="clerk7", clock=lambda: datetime(2026, 12, 1, 10, 30).astimezone())
    desk = DocumentDesk(service.cases, PrintService(services.workstation, RecordingSpooler()),
                        Letterhead("培训演示便民服务中心", "综合受理1号窗口", "王五"), clerk_id="clerk7",
                        signature_of=lambda case, kind: signatures.image_of(case, kind)[0])

    def commit(decision=Decision.ACCEPT, poa_received=False, agent=True, receive=("M1", "M2", "M3")):
        session = service.new_session()
        session.set_applicant(with_agent() if agent else applicant())
        session.set_items((item(),), (*CHECKLIST, POA))
        for code in receive + ((AGENT_AUTHORISATION_MATERIAL,) if poa_received else ()):
            session.mark_received(code)
        if not poa_received:
            session.update(AGENT_AUTHORISATION_MATERIAL, state=MaterialState.MISSING)
        if "M3" not in receive:
            session.update("M3", state=MaterialState.MISSING)
        return service.commit(session, decision)

    return commit, desk, signatures, services


def test_needs_the_paper_only_for_an_agent_without_one_in_the_case() -> None:
    missing = MaterialRecord(AGENT_AUTHORISATION_MATERIAL, "授权委托书", MaterialState.MISSING)
    scanned = replace(missing, page_blob_ids=("a" * 64,))
    received = replace(missing, state=MaterialState.RECEIVED)
    assert needs_authorisation_paper(with_agent(), [missing]) and needs_authorisation_paper(with_agent(), [])
    assert not needs_authorisation_paper(with_agent(), [scanned])
    assert not needs_authorisation_paper(with_agent(), [received])
    assert not needs_authorisation_paper(applicant(), [])  # no agent: nobody to authorise
    poa = MaterialRecord("poa", "授权委托书", MaterialState.RECEIVED, page_blob_ids=("b" * 64,))
    assert not needs_authorisation_paper(with_agent(), [poa]), "the catalog's code counts too"


def test_the_principal_signs_it_first_after_an_acceptance() -> None:
    assert SIGNED_PAPERS["authorisation"] == "委托人" and TITLES[DocumentKind.AUTHORISATION] == "授权委托书"
    assert papers_to_sign("accept", authorisation=True) == ("authorisation",)
    assert papers_to_sign("accept_with_deficiency", authorisation=True) == ("authorisation", "deficiency_commitment")
    assert papers_to_sign("reject", authorisation=True) == ()
    assert papers_to_sign("one_time_notice", authorisation=True) == ("one_time_notice",)
    assert papers_to_sign("accept") == ()


def test_it_comes_with_the_papers_of_an_accepted_agent_case_masked(agent_case, tmp_path) -> None:
    commit, desk, _signatures, _ = agent_case
    result = commit()
    assert desk.needs_authorisation(result.case_uuid)
    outcomes = desk.print_case(result.case_uuid)
    assert [o.archived.kind for o in outcomes] == [DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.MATERIAL_LIST,
                                                   DocumentKind.AUTHORISATION]
    text = text_of(outcomes[-1].pdf, tmp_path)
    for expected in ("授权委托书", "委托人（申请人）", "张三", "受托人（代理人）", "李代办", "亲属",
                     "个体工商户设立登记", "委托权限", "委托期限", "委托人（签名）", result.case_number):
        assert expected in text, expected
    assert ID_NUMBER not in text and AGENT_ID not in text, "both numbers are masked on this paper"
    assert "110105" in text and "330302" in text  # masked, not absent


def test_not_with_an_authorisation_in_the_case_nor_without_an_agent(agent_case) -> None:
    commit, desk, _signatures, _ = agent_case
    notice = commit(Decision.ONE_TIME_NOTICE, receive=("M1", "M2"))
    for result in (commit(poa_received=True), commit(agent=False), notice):
        assert DocumentKind.AUTHORISATION not in [c.kind for c in desk.contexts(result.case_uuid)]


def test_a_screen_signature_is_queued_once_and_drawn_on_the_archived_paper(agent_case, tmp_path) -> None:
    commit, desk, signatures, services = agent_case
    result = commit()
    unsigned = desk.authorisation_context(result.case_uuid)
    assert unsigned.signature_png is None
    png = stroke_png()
    signed = signatures.sign_on_screen(result.case_uuid, "authorisation", png)
    with pytest.raises(AlreadySigned):
        signatures.sign_on_paper(result.case_uuid, "authorisation")
    rows = services.workstation.db.query("SELECT payload FROM outbox WHERE kind = 'signature'")
    assert len(rows) == 1
    payload = json.loads(rows[0]["payload"])
    assert payload["document_kind"] == "authorisation" and payload["materials"] == [
        {"material_code": "signature:authorisation", "files": [signed.sha256]}]
    assert "李代办" not in rows[0]["payload"] and ID_NUMBER not in rows[0]["payload"]
    archived = desk.archive_signed(result.case_uuid, DocumentKind.AUTHORISATION)
    assert archived.archived.kind is DocumentKind.AUTHORISATION
    assert desk.authorisation_context(result.case_uuid).signature_png == png
    assert b"/Subtype /Image" in archived.pdf and b"/Subtype /Image" not in desk.printer.preview(unsigned)


def test_the_screen_asks_the_principal_to_sign_it_before_the_commitment(services) -> None:
    from clerk_app.customer.evaluation import CaseContext

    presenter = CustomerScreenPresenter("培训演示便民服务中心", "综合受理1号窗口", reasons=())
    case = CaseContext("c-1", "N-1", ("BASIC1",), "330302001", "01", "clerk7")
    presenter.decided(case, Decision.ACCEPT_WITH_DEFICIENCY, None, False, (), (), authorisation=True)
    assert presenter.invite_evaluation()
    assert (presenter.view.stage, presenter.view.sign_paper, presenter.view.sign_title, presenter.view.signer) == (
        Stage.SIGNATURE, "authorisation", "授权委托书", "委托人")
    presenter.signed("authorisation")
    assert presenter.view.sign_paper == "deficiency_commitment"
