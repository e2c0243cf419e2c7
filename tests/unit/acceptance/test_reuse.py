"""信息跑路: the card read stands for the applicant's ID material, and a material verified in an earlier case of the
same applicant is reused (recorded as such, pages referenced, in the case payload)."""

from __future__ import annotations

import json
from dataclasses import replace

from clerk_app.acceptance.session import AcceptanceSession, is_applicant_id_material
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.domain.catalog import MaterialSpec
from offline_cache.cases import PageRef
from tests.unit.acceptance.conftest import CHECKLIST, NOW, applicant, item


def _manual() -> Applicant:
    person = replace(applicant().principal, source=CaptureSource.MANUAL, manual_entry_reason="芯片损坏")
    return Applicant(person)


def _card_reader() -> Applicant:
    return Applicant(replace(applicant().principal, source=CaptureSource.CARD_READER))


def _draft(who: Applicant) -> AcceptanceSession:
    session = AcceptanceSession()
    session.set_applicant(who)
    session.set_items((item(),), CHECKLIST)
    return session


def test_a_card_read_satisfies_the_id_material_as_an_original_checked_by_the_reader() -> None:
    for who in (applicant(), _card_reader()):  # the simulated reader of training mode, and the real one
        session = _draft(who)
        id_card = session.record("M1")
        assert id_card.state is MaterialState.RECEIVED and id_card.original_verified
        assert id_card.source is MaterialSource.CARD_READER
        assert session.record("M2").state is MaterialState.MISSING  # nothing else is assumed
        assert "M1" not in {i.code for i in session.evaluate(NOW.date()).issues}


def test_manual_entry_does_not_satisfy_it_and_takes_back_what_the_card_gave() -> None:
    session = _draft(_manual())
    assert session.record("M1").state is MaterialState.MISSING
    session = _draft(applicant())
    session.set_applicant(_manual())  # the clerk typed the applicant instead
    assert session.record("M1").state is MaterialState.MISSING and not session.record("M1").original_verified
    # Applicant first or item first: the same rule.
    later = AcceptanceSession()
    later.set_items((item(),), CHECKLIST)
    later.set_applicant(applicant())
    assert later.record("M1").source is MaterialSource.CARD_READER


def test_the_clerk_still_decides_and_a_manual_mark_is_the_windows() -> None:
    session = _draft(applicant())
    session.mark_received("M1")  # Space on a card-read row keeps the reader's record
    assert session.record("M1").source is MaterialSource.CARD_READER
    session.update("M1", state=MaterialState.DEFECTIVE, defect_note="照片不符")
    assert session.record("M1").source is MaterialSource.WINDOW
    session.set_applicant(applicant())  # a record the clerk made is not overwritten by a new read
    assert session.record("M1").state is MaterialState.DEFECTIVE


def test_only_the_applicants_own_card_counts() -> None:
    assert is_applicant_id_material(MaterialSpec("A", "申请人居民身份证"))
    assert is_applicant_id_material(MaterialSpec("B", "居民身份证"))
    for other in ("代理人居民身份证", "父母双方居民身份证", "居民户口簿", "银行营业执照及负责人身份证明"):
        assert not is_applicant_id_material(MaterialSpec("C", other))


def _first_case(service, who: Applicant, page: PageRef):
    session = _draft(who)
    session.mark_received("M2")
    session.attach_page("M2", page)
    session.mark_received("M3")
    # Typed in by hand, so 身份证 is still missing: a one-time notice, whose received materials were checked.
    return service.commit(session, Decision.ONE_TIME_NOTICE)


def test_a_material_of_an_earlier_case_is_reused_with_its_pages_and_travels_as_reused(service, workstation) -> None:
    page = PageRef("ab" * 32, 12345)
    first = _first_case(service, _manual(), page)
    second = _draft(applicant())  # the same person (ID number), now read by the reader
    earlier = service.reusable(second, "M2")
    assert earlier is not None and earlier.case_number == first.case_number
    record = second.reuse("M2", earlier)
    assert record.state is MaterialState.RECEIVED and record.original_verified
    assert record.source is MaterialSource.EARLIER_CASE and record.reused_from == first.case_number
    assert record.page_blob_ids == (page.sha256,)
    second.mark_received("M3")
    result = service.commit(second, Decision.ACCEPT)

    stored = service.cases.get(result.case_uuid).case
    reused = {m.material_code: m for m in stored.materials}["M2"]
    assert reused.source is MaterialSource.EARLIER_CASE and reused.reused_from == first.case_number
    assert reused.page_blob_ids == (page.sha256,)  # referenced: the same blob, no new page
    assert workstation.db.query("SELECT count(*) AS n FROM blobs")[0]["n"] == 1
    row = workstation.db.query("SELECT payload FROM outbox WHERE case_uuid = ?", (result.case_uuid,))[0]
    materials = {m["material_code"]: m for m in json.loads(row["payload"])["materials"]}
    assert materials["M2"]["source"] == "earlier_case" and materials["M2"]["reused_from"] == first.case_number
    assert materials["M2"]["files"] == [page.sha256]
    assert materials["M1"]["source"] == "card_reader" and materials["M1"]["original_verified"] is True
    assert materials["M3"]["source"] == "window" and materials["M3"]["reused_from"] is None


def test_nothing_to_reuse_from_another_applicant_or_an_unverified_material(service) -> None:
    _first_case(service, _manual(), PageRef("cd" * 32, 10))
    stranger = Applicant(NaturalPerson("李四", IdDocumentType.RESIDENT_ID, "110105194912310037",
                                       source=CaptureSource.CARD_READER))
    assert service.reusable(_draft(stranger), "M2") is None
    assert service.reusable(_draft(applicant()), "M1") is None  # M1 was missing in the earlier case
    assert service.reusable(AcceptanceSession(), "M2") is None  # no applicant yet
