"""快递送达 rules: the recipient's checks, the carrier rules for waybill numbers, which items allow 邮寄送达, the
receipt's line, and the state machine's moves for mailed results."""

from __future__ import annotations

import dataclasses

import pytest

from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import can_transition
from clerk_app.domain.catalog import ItemFlags
from clerk_app.domain.delivery import (
    ExpressNotAllowed,
    Recipient,
    RecipientIncomplete,
    WaybillInvalid,
    WaybillRuleInvalid,
    delivery_text,
    express_allowed,
    parse_rules,
    read_waybill,
)
from tests.unit.acceptance.conftest import item

RULES = parse_rules(["中国邮政EMS=E[A-Z][0-9]{9}CN", "中国邮政EMS=1[0-9]{12}", "顺丰速运=SF[0-9]{12,13}"])
ADDRESS = "四川省南充市顺庆区人民中路88号"


def test_a_recipient_needs_a_name_a_reachable_phone_and_a_full_address() -> None:
    ok = Recipient.checked(" 李小龙 ", "139 1234 5678", f"  {ADDRESS}  ", "637000")
    assert ok == Recipient("李小龙", "13912345678", ADDRESS, "637000")
    assert ok.masked == "李** 139****5678"
    assert Recipient.checked("王五", "0817-2345678", ADDRESS).postcode == ""
    for args in (("", "13912345678", ADDRESS), ("李", "1391234567", ADDRESS), ("李", "23912345678", ADDRESS),
                 ("李", "13912345678", "南充市"), ("李", "13912345678", ADDRESS, "6370")):
        with pytest.raises(RecipientIncomplete):
            Recipient.checked(*args)


def test_a_waybill_is_matched_whole_against_the_carrier_rules() -> None:
    assert read_waybill(" ea123456789cn", RULES).carrier == "中国邮政EMS"
    assert read_waybill("SF1234567890123", RULES).carrier == "顺丰速运"
    assert read_waybill("1234 5678 90123", RULES).number == "1234567890123"
    for text in ("EA123456789CNX", "XEA123456789CN", "123456789012", "SF12345", ""):
        with pytest.raises(WaybillInvalid) as refused:
            read_waybill(text, RULES)
        assert "中国邮政EMS、顺丰速运" in refused.value.user_text()


def test_a_broken_carrier_rule_is_named() -> None:
    for text in ("EMS", "=E[0-9]+", "EMS=E[0-9"):
        with pytest.raises(WaybillRuleInvalid) as refused:
            parse_rules([text])
        assert text in refused.value.user_text()


def test_mail_delivery_only_for_items_that_allow_express() -> None:
    plain = item()
    express = dataclasses.replace(plain, flags=ItemFlags(express_delivery=True))
    assert express_allowed([express]) and not express_allowed([express, plain]) and not express_allowed([])
    session = AcceptanceSession()
    session.set_items((express, plain), plain.materials)
    recipient = Recipient.checked("李小龙", "13912345678", ADDRESS)
    with pytest.raises(ExpressNotAllowed) as refused:
        session.choose_mail_delivery(recipient)
    assert plain.name in refused.value.user_text()
    session.set_items((express,), express.materials)
    session.choose_mail_delivery(recipient)
    assert session.delivery == recipient
    session.choose_mail_delivery(None)  # back to 窗口自取
    assert session.delivery is None


def test_the_receipt_line_masks_the_recipient_and_keeps_the_address() -> None:
    line = delivery_text({"method": "mail", "recipient_masked": "李** 139****5678", "address": ADDRESS,
                          "postcode": "637000"})
    assert line == f"邮寄送达　收件人：李** 139****5678　地址：{ADDRESS}（邮编637000）"
    assert delivery_text(None) == "" and delivery_text({}) == ""


def test_a_mailed_result_is_delivered_or_goes_back_to_window_pickup() -> None:
    s = CaseStatus
    for before in (s.APPROVED, s.DENIED, s.READY_FOR_PICKUP):
        assert can_transition(before, s.MAILED)
    assert can_transition(s.MAILED, s.CONCLUDED) and can_transition(s.MAILED, s.READY_FOR_PICKUP)
    assert not can_transition(s.MAILED, s.HANDED_OVER) and not can_transition(s.ACCEPTED, s.MAILED)


@pytest.mark.parametrize("kind", ["acceptance_notice", "thermal_receipt"])
def test_the_receipt_prints_the_choice_masked(kind, tmp_path) -> None:
    import shutil
    import subprocess
    from datetime import datetime

    from printing.model import DocumentContext, DocumentKind
    from printing.render import render_document

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    line = delivery_text({"method": "mail", "recipient_masked": "李** 139****5678", "address": ADDRESS})
    ctx = DocumentContext(DocumentKind(kind), "33030200101202612020001", "ABC123", "清河区政务服务中心", "1号窗口",
                          "trainee", "李小龙", "居民身份证", "110105********002X", ("无犯罪记录证明开具",),
                          datetime(2026, 12, 2, 9, 0).astimezone(), result_delivery=line)
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_document(ctx))
    flat = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "结果送达" in flat and "邮寄送达" in flat and "李**139****5678" in flat and "人民中路88号" in flat
