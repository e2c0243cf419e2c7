"""Card record mapping, JSON for diag, expiry, and validation of typed identities."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clerk_app.domain.applicant import CaptureSource, Gender, IdDocumentType
from clerk_app.identity import validation as v
from clerk_app.identity.records import (
    JSON_KEYS,
    ExpiryStatus,
    expiry_status,
    record_to_json,
    to_natural_person,
)
from devices.identity_base import PhotoState
from devices.identity_manager import finish_record
from devices.identity_simulated import training_cards

CARDS = {c.key: c.record for c in training_cards()}


def test_training_deck_covers_all_card_types() -> None:
    assert {r.card_type for r in CARDS.values()} == {
        IdDocumentType.RESIDENT_ID, IdDocumentType.HK_MACAU_TAIWAN_PERMIT, IdDocumentType.FOREIGN_PERMANENT_2017,
        IdDocumentType.FOREIGN_PERMANENT_2023, IdDocumentType.SOCIAL_SECURITY,
    }
    assert all(r.source is CaptureSource.SIMULATED for r in CARDS.values())


@pytest.mark.parametrize("key", sorted(CARDS))
def test_training_numbers_validate(key: str) -> None:
    record = CARDS[key]
    assert v.check_id_number(record.card_type, record.id_number) == record.id_number


def test_to_natural_person_keeps_card_fields() -> None:
    person = to_natural_person(CARDS["resident"])
    assert (person.name, person.id_type, person.gender) == ("培训张三", IdDocumentType.RESIDENT_ID, Gender.MALE)
    assert person.valid_until is None and person.source is CaptureSource.SIMULATED
    assert person.masked_id == "110105********0011"


def test_record_json_keys_masking_and_nulls() -> None:
    data = record_to_json(CARDS["foreign_2023"])
    assert tuple(data) == JSON_KEYS
    assert data["id_number"] == "932682********0017"
    assert data["address"] is None and data["nation"] is None
    assert data["photo"] == "absent"
    assert record_to_json(CARDS["foreign_2023"], reveal=True)["id_number"] == "932682198501010017"
    resident = record_to_json(CARDS["resident"])
    assert (resident["valid_until"], resident["long_term"]) == (None, True)


def test_repr_never_contains_personal_data() -> None:
    record = CARDS["resident"]
    assert record.name not in repr(record) and record.id_number not in repr(record)


def test_photo_dropped_unless_kept_and_decoded_when_possible() -> None:
    record = replace(CARDS["resident"], photo_wlt=b"\x01" * 1024, has_photo=True)
    dropped = finish_record(record, keep_photo=False, decoder=lambda wlt: None)
    assert dropped.photo_wlt is None and dropped.photo_state is PhotoState.UNDECODED
    kept = finish_record(record, keep_photo=True, decoder=lambda wlt: b"BMfake")
    assert kept.photo_wlt == b"\x01" * 1024 and kept.photo_state is PhotoState.DECODED


@pytest.mark.parametrize(("today", "status"), [
    (date(2024, 12, 31), ExpiryStatus.NOT_YET_VALID),
    (date(2025, 6, 1), ExpiryStatus.VALID),
    (date(2030, 12, 15), ExpiryStatus.EXPIRING_SOON),
    (date(2031, 1, 1), ExpiryStatus.EXPIRING_SOON),  # the printed end date is still valid
    (date(2031, 1, 2), ExpiryStatus.EXPIRED),
])
def test_expiry(today: date, status: ExpiryStatus) -> None:
    assert expiry_status(date(2025, 1, 1), date(2031, 1, 1), False, today) is status


def test_expiry_long_term_and_unknown() -> None:
    assert expiry_status(date(2015, 1, 1), None, True, date(2090, 1, 1)) is ExpiryStatus.LONG_TERM
    assert expiry_status(None, None, False, date(2020, 1, 1)) is ExpiryStatus.UNKNOWN


def test_manual_person_derives_birth_and_gender_and_needs_reason() -> None:
    person = v.manual_person(" 李 四 ", IdDocumentType.RESIDENT_ID, "11010519491231002x", "未带身份证")
    assert (person.name, person.id_number) == ("李 四", "11010519491231002X")
    assert (person.birth_date, person.gender) == (date(1949, 12, 31), Gender.FEMALE)
    assert person.source is CaptureSource.MANUAL and person.manual_entry_reason == "未带身份证"
    with pytest.raises(v.ManualReasonMissing):
        v.manual_person("李四", IdDocumentType.RESIDENT_ID, "11010519491231002X", "  ")


@pytest.mark.parametrize(("id_type", "number", "error"), [
    (IdDocumentType.RESIDENT_ID, "110105194912310021", v.IdNumberCheckDigit),
    (IdDocumentType.RESIDENT_ID, "1101051949123", v.IdNumberFormat),
    (IdDocumentType.RESIDENT_ID, "110105194913310021", v.IdNumberBirthDate),
    (IdDocumentType.RESIDENT_ID, "810000199408230021", v.IdNumberWrongType),
    (IdDocumentType.HK_MACAU_TAIWAN_PERMIT, "11010519491231002X", v.IdNumberWrongType),
    (IdDocumentType.FOREIGN_PERMANENT_2023, "11010519491231002X", v.IdNumberWrongType),
    (IdDocumentType.FOREIGN_PERMANENT_2017, "US330078080108", v.IdNumberFormat),
])
def test_id_number_errors(id_type: IdDocumentType, number: str, error: type[v.FieldError]) -> None:
    with pytest.raises(error) as info:
        v.check_id_number(id_type, number)
    assert info.value.field == "id_number"
    assert number not in str(info.value)  # no personal data in the message


def test_permit_and_foreign_numbers_accepted() -> None:
    assert v.check_id_number(IdDocumentType.HK_MACAU_TAIWAN_PERMIT, "830000199201300022")
    assert v.check_id_number(IdDocumentType.FOREIGN_PERMANENT_2023, "911124198108030024")
    assert v.check_id_number(IdDocumentType.FOREIGN_PERMANENT_2017, "usa330078080108") == "USA330078080108"
    assert v.check_id_number(IdDocumentType.PASSPORT, "E12345678") == "E12345678"


def test_names() -> None:
    with pytest.raises(v.NameMissing):
        v.check_name("  ")
    with pytest.raises(v.NameInvalid):
        v.check_name("张三123")
    assert v.check_name("阿卜杜·热合曼") == "阿卜杜·热合曼"


def test_legal_entity_and_agent() -> None:
    rep = v.manual_person("王法人", IdDocumentType.RESIDENT_ID, "11010519491231002X", "法定代表人未到场")
    entity = v.legal_entity(" 温州演示有限公司 ", "91110000600037341l", rep)
    assert (entity.name, entity.credit_code, entity.legal_representative) == (
        "温州演示有限公司", "91110000600037341L", rep)
    with pytest.raises(v.CreditCodeInvalid):
        v.legal_entity("某公司", "91110000600037341A", None)
    with pytest.raises(v.NameMissing):
        v.legal_entity(" ", "91110000600037341L", None)
    agent = v.agent_authorisation(rep, " 村（社区）代办员 ")
    assert agent.relation == "村（社区）代办员"
    assert agent.authorisation_material_code == v.AGENT_AUTHORISATION_MATERIAL
    with pytest.raises(v.RelationMissing):
        v.agent_authorisation(rep, "")
