"""Results after the back office decided: a licence's approval prints the 准予行政许可决定书 (§38(1), the result,
its 证照编号 and e-licence identifier) and the 营业执照 on pre-printed stock (values only, the printer's calibration
applied, measured); a denial prints the 不予 paper with the reasons, the organ, 行政复议 (60 days) and 行政诉讼 (6
months); a non-licence item's papers never cite the licence law; both are archived and a second 补打 needs the
supervisor; the 送达回执 carries the e-licence identifier."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest

from clerk_app.acceptance.practice import _applicant, build_session, catalog_items
from clerk_app.acceptance.results import NoResultYet
from clerk_app.domain.applicant import CaptureSource, NaturalPerson
from clerk_app.domain.case import Decision
from clerk_app.print_service import PrintService, ReprintNeedsApproval
from clerk_app.sync.pulls import pull_case_changes
from offline_cache.sync_store import SyncStore
from printing.model import DocumentKind
from printing.stock import Calibration
from tests.unit.printing.helpers import RecordingSpooler
from tests.unit.sync.fake_platform import FakePlatform

EID = "1.2.156.3005.2.11100000000013338W087.11511602MB10100010.51160201202612020001.001.3"
PT_MM = 25.4 / 72


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout \
        .decode()


def _case(services, name: str) -> tuple[str, object]:
    services.catalog.ensure_training_catalog()
    item = next(i for i in catalog_items(services.workstation, services.catalog) if i.name == name)
    session = build_session(services.acceptance, services.catalog, item.implementation_code, Decision.ACCEPT,
                            _applicant(0))
    return services.acceptance.commit(session, Decision.ACCEPT).case_uuid, item


def _decide(services, case_uuid: str, status: str, **extra: object) -> None:
    platform, store = FakePlatform(), SyncStore(services.workstation.db)
    after = int(store.cursor("case_changes") or 0)
    platform.changes = [
        {"seq": after + 1, "case_uuid": case_uuid, "status": "received", "note": "", "at": "t1"},
        {"seq": after + 2, "case_uuid": case_uuid, "status": "in_review", "note": "", "at": "t2"},
        {"seq": after + 3, "case_uuid": case_uuid, "status": status, "note": "", "at": "t3", **extra},
        {"seq": after + 4, "case_uuid": case_uuid, "status": "ready_for_pickup", "note": "", "at": "t4"}]
    pull_case_changes(services.workstation.db, platform, store, cipher=services.workstation.cipher)


@pytest.fixture
def recording(services):
    spooler = RecordingSpooler(known=["A4-Laser", "Stock-Printer"])
    services.documents.printer = PrintService(services.workstation, spooler)
    services.results.documents.printer = services.documents.printer
    services.calibration.printer = services.documents.printer
    return spooler


def test_nothing_to_print_before_the_decision(services):
    case_uuid, _ = _case(services, "有限责任公司设立登记")
    assert not services.results.offer(case_uuid).printable
    with pytest.raises(NoResultYet):
        services.results.contexts(case_uuid)


def test_an_approved_licence_prints_the_decision_and_the_certificate_calibrated(services, recording, tmp_path):
    case_uuid, item = _case(services, "有限责任公司设立登记")
    _decide(services, case_uuid, "approved",
            decision={"decision_number": "清河审批〔2026〕8号", "decided_at": "2026-12-02T09:30:00+08:00",
                      "basis": "《个体工商户条例》第八条"},
            elicence={"identifier": EID, "licence_kind": "营业执照", "licence_number": "92511602MA000000X1",
                      "issued_at": "2026-12-02T09:30:00+08:00", "data": {"经营场所": "清河大道88号"}})
    offer = services.results.offer(case_uuid)
    assert (offer.outcome, offer.decision_kind, offer.certificate_title, offer.elicence_id) == (
        "approved", DocumentKind.APPROVAL_DECISION, "营业执照（副本）", EID)
    workstation = services.workstation
    services.calibration.save("Stock-Printer", Calibration(1.8, -1.2))
    printing = services.documents.printer
    printing._ws = dataclasses.replace(workstation, config=workstation.config.with_overrides(  # noqa: SLF001
        printing__certificate_printer="Stock-Printer", printing__a4_printer="A4-Laser"))
    outcomes = services.results.print_results(case_uuid)
    assert [o.archived.kind for o in outcomes] == [DocumentKind.APPROVAL_DECISION, DocumentKind.CERTIFICATE]
    assert [j[0] for j in recording.jobs] == ["A4-Laser", "Stock-Printer"]
    assert recording.media == ["A4", "Custom.297x210mm"]
    decision = _text(outcomes[0].pdf)
    for words in ("准予行政许可决定书", "清河审批〔2026〕8号", "第三十八条第一款", "《个体工商户条例》第八条",
                  "决定准予行政许可", "营业执照", "92511602MA000000X1", EID[:40]):
        assert words in decision.replace("\n", ""), words
    person = _applicant(0).principal
    assert person.id_number in decision  # the decision identifies its addressee in full
    # The certificate: values only, each where the template says, moved by the printer's calibration.
    certificate = outcomes[1].pdf
    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=certificate, capture_output=True,
                           check=True).stdout.decode()
    words = {w: (float(x) * PT_MM, float(y) * PT_MM)
             for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', xhtml)}
    template = services.results.library.for_kind("营业执照")
    holder = next(f for f in template.fields if f.name == "holder_id")
    x, y = words[person.id_number]
    assert abs(x - (holder.x_mm + 1.8)) <= 0.2 and abs(y - (holder.y_mm - 1.2)) <= 0.2
    assert "清河大道88号" in words and "营业执照" not in words  # the stock carries the labels, not the print
    png = tmp_path / "cert"
    (tmp_path / "cert.pdf").write_bytes(certificate)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(tmp_path / "cert.pdf"), str(png)],
                   check=True)
    decoded = subprocess.run(["zbarimg", "-q", f"{png}.png"], capture_output=True, text=True).stdout
    assert decoded.strip() == f"QR-Code:{EID}"
    # 补打: the first is the clerk's, the second needs the supervisor (both papers at once, nothing half printed)
    services.results.print_results(case_uuid)
    with pytest.raises(ReprintNeedsApproval):
        services.results.print_results(case_uuid)
    assert len(recording.jobs) == 4
    # The 送达回执 names the e-licence.
    services.handover.hand_over(case_uuid, NaturalPerson(person.name, person.id_type, person.id_number,
                                                         source=CaptureSource.CARD_READER))
    receipt = services.documents.printer.preview(services.documents.delivery_receipt_context(case_uuid))
    assert EID[:40] in _text(receipt).replace("\n", "")


def test_a_denied_licence_states_reasons_organ_and_remedies(services, recording):
    case_uuid, item = _case(services, "有限责任公司设立登记")
    reasons = "经营场所为住宅，未提交利害关系人同意证明"
    _decide(services, case_uuid, "denied", decision={"decision_number": "清河审批〔2026〕9号", "reasons": reasons})
    offer = services.results.offer(case_uuid)
    assert (offer.decision_kind, offer.certificate_title) == (DocumentKind.DENIAL_DECISION, "")
    [outcome] = services.results.print_results(case_uuid)
    text = _text(outcome.pdf).replace("\n", "").replace(" ", "")
    for words in ("不予行政许可决定书", reasons, "第三十八条第二款", "决定不予行政许可", "六十日内", "申请行政复议",
                  "六个月内", "提起行政诉讼", "《中华人民共和国行政复议法》第二十条", item.implementing_body.name):
        assert words in text, words


def test_a_non_licence_item_never_cites_the_licence_law(services, recording):
    case_uuid, item = _case(services, "内地居民结婚登记")
    _decide(services, case_uuid, "approved", decision={"decision_number": "清河民婚〔2026〕1号"},
            elicence={"identifier": EID.replace("0001.001", "0002.001"), "licence_kind": "结婚证",
                      "licence_number": "J511602-2026-000001"})
    contexts = services.results.contexts(case_uuid)
    assert [c.title for c in contexts] == ["办理结果通知书", "婚姻登记证（内页）"]
    text = _text(services.documents.printer.preview(contexts[0]))
    assert "行政许可法" not in text and "决定予以办理" in text and item.legal_basis[:6] in text


def test_without_its_licence_number_the_certificate_waits_and_the_decision_prints(services, recording):
    case_uuid, _ = _case(services, "有限责任公司设立登记")
    _decide(services, case_uuid, "approved", decision={"decision_number": "清河审批〔2026〕10号"})  # no e-licence
    offer = services.results.offer(case_uuid)
    assert offer.certificate_title == "" and offer.certificate_waits_for == ("注册号/证照编号",)
    assert [o.archived.kind for o in services.results.print_results(case_uuid)] == [DocumentKind.APPROVAL_DECISION]


def test_a_print_reads_and_decrypts_the_case_once(services, recording, monkeypatch):
    case_uuid, _ = _case(services, "有限责任公司设立登记")
    _decide(services, case_uuid, "approved",
            decision={"decision_number": "清河审批〔2026〕9号", "decided_at": "2026-12-02T09:30:00+08:00"},
            elicence={"identifier": EID, "licence_kind": "营业执照", "licence_number": "92511602MA000000X1",
                      "issued_at": "2026-12-02T09:30:00+08:00", "data": {"经营场所": "清河大道88号"}})
    cipher = services.workstation.cipher
    decrypted: list[bytes] = []
    real = cipher.decrypt
    monkeypatch.setattr(cipher, "decrypt", lambda data, aad: decrypted.append(aad) or real(data, aad))
    contexts = services.results.contexts(case_uuid)
    assert [c.kind for c in contexts] == [DocumentKind.APPROVAL_DECISION, DocumentKind.CERTIFICATE]
    assert decrypted.count(f"case:{case_uuid}".encode()) == 1  # was 4: offer() and contexts() each read it twice
