"""The training cards as the SAM reader emulator sends them (the text block of each), without pytest: the benches
(bench_day.py, bench_identity.py) place them on the emulated reader inside the workstation's own process, whose
memory they measure."""

from __future__ import annotations

from clerk_app.domain.applicant import IdDocumentType
from devices.idcard.layouts import encode_text
from devices.identity_simulated import training_cards

CARDS = {c.key: c for c in training_cards()}


def card_text(key: str) -> bytes:
    r = CARDS[key].record
    if r.card_type is IdDocumentType.RESIDENT_ID:
        return encode_text(r.card_type, name=r.name, gender=r.gender.value, nation=r.nation_code or "",
                           birth=f"{r.birth_date:%Y%m%d}", address="浙江省温州市鹿城区演示路1号",
                           id_number=r.id_number, issuer=r.issuer or "", valid_from=f"{r.valid_from:%Y%m%d}",
                           valid_until="长期" if r.long_term else f"{r.valid_until:%Y%m%d}")
    if r.card_type is IdDocumentType.HK_MACAU_TAIWAN_PERMIT:
        return encode_text(r.card_type, name=r.name, gender="2", birth="19940823", id_number=r.id_number,
                           issuer="温州市公安局", valid_from="20210601", valid_until="20260601",
                           permit_number="H12345678", issue_count="01")
    if r.card_type is IdDocumentType.FOREIGN_PERMANENT_2017:
        return encode_text(r.card_type, english_name="SMITH, JOHN", gender="1", id_number=r.id_number,
                           nationality="USA", name="史密斯", valid_from="20180101", valid_until="20280101",
                           birth="19780801")
    return encode_text(r.card_type, name=r.name, gender="1", birth="19850101", english_name="ALI, AHMED",
                       id_number=r.id_number, issuer="国家移民管理局", valid_from="20240101",
                       valid_until="20340101", issue_count="01", nationality="SAU")
