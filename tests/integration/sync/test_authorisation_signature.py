"""The 授权委托书 of an agent's case on real parts: committed through the acceptance service with the training
catalog, its paper rendered and decoded with zbar (Code128 = the case number, QR = the query link: the paper-codes test
leaves this kind to this flow), the principal's screen signature embedded in the archived copy, and the signature
arriving exactly once at the sandbox over HTTP under sync faults, its image bound to the case byte for byte and
nothing about the agent or the principal in the body."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from clerk_app.domain.applicant import AgentAuthorisation, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from clerk_app.domain.numbering import query_link
from clerk_app.sync.engine import drain
from printing.model import DocumentKind
from printing.render import render_document
from tests.integration.printing.test_cups_printing import decode
from tests.integration.sync.test_faults import FAULTS
from tests.integration.sync.test_fees import _code_of
from tests.unit.acceptance.conftest import ID_NUMBER, applicant
from tests.unit.customer.test_signature import stroke_png

pytestmark = pytest.mark.integration

AGENT_ID = "330302198805060017"


def test_the_principal_signs_the_authorisation_once_and_it_reaches_the_platform_once(
        workstation, services, sandbox, synced, tmp_path: Path) -> None:
    services.catalog.ensure_training_catalog()
    item = services.catalog.get_item(_code_of("不动产权证书补发"))
    agent = NaturalPerson("李代办", IdDocumentType.RESIDENT_ID, AGENT_ID, source=CaptureSource.CARD_READER)
    session = services.acceptance.new_session()
    session.set_applicant(replace(applicant(), agent=AgentAuthorisation(agent, "亲属")))
    checklist = tuple(m for m in item.materials if m.code != "poa")  # the agent brought no 授权委托书
    session.set_items((item,), checklist)
    for spec in checklist:
        session.mark_received(spec.code)
    case = services.acceptance.commit(session, Decision.ACCEPT)
    desk = services.documents
    assert desk.needs_authorisation(case.case_uuid)
    assert DocumentKind.AUTHORISATION in [c.kind for c in desk.contexts(case.case_uuid)]

    # the paper: its codes decode to the case number and the query link (number and code only)
    unsigned = desk.authorisation_context(case.case_uuid)
    pdf = tmp_path / "authorisation.pdf"
    pdf.write_bytes(render_document(unsigned))
    found = decode(pdf, tmp_path)
    assert found.get("CODE-128") == [case.case_number], found
    base = str(workstation.config.get("papers.query_url"))
    assert found.get("QR-Code") == [query_link(base, case.case_number, unsigned.verification_code)], found

    # the principal signs on the screen; the signed copy is archived with the case
    png = stroke_png(640, 200)
    signed = services.signatures.sign_on_screen(case.case_uuid, "authorisation", png)
    archived = desk.archive_signed(case.case_uuid, DocumentKind.AUTHORISATION)
    assert archived.archived.kind is DocumentKind.AUTHORISATION and b"/Subtype /Image" in archived.pdf
    signed_pdf = tmp_path / "signed.pdf"
    signed_pdf.write_bytes(archived.pdf)
    assert decode(signed_pdf, tmp_path).get("CODE-128") == [case.case_number], "the signature hides no code"

    # to the platform, under lost answers and 503s: exactly once
    sandbox.faults(*FAULTS["drop_after"], *FAULTS["status_503"], seed=14)
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=10)  # nothing is sent twice
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 0
    rows = sandbox.query("SELECT signature_uuid, case_uuid, document_kind, body FROM signatures")
    assert [(r[0], r[1], r[2]) for r in rows] == [(signed.signature_uuid, case.case_uuid, "authorisation")]
    body = json.loads(rows[0][3])
    assert body["method"] == "screen" and body["sha256"] == hashlib.sha256(png).hexdigest()
    for secret in ("李代办", AGENT_ID, ID_NUMBER, "张三"):
        assert secret not in rows[0][3]
    bound = sandbox.query("SELECT sha256 FROM case_files WHERE case_uuid = ? AND material_code = ?",
                          (case.case_uuid, "signature:authorisation"))
    assert bound == [(body["sha256"],)]
    files_dir = Path(sandbox.db_path).with_name(Path(sandbox.db_path).stem + "-files")
    assert (files_dir / f"{body['sha256']}.bin").read_bytes() == png
    assert sum(1 for r in reports for _ in r.errors) > 0, "the faults never fired: the test proved nothing"
