"""Fees in the domain: amounts read from the published standard, the stage, the payment code's form and check
digit, the configured QR text."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.catalog import FeeItem, Fees, HandlingType, ItemType, ServiceItem, TimeLimit
from clerk_app.domain.fees import (
    FeeStage,
    amount_fen,
    fee_lines,
    payment_code,
    payment_code_valid,
    qr_payload,
    stage_of,
)


@pytest.mark.parametrize(("standard", "fen"), [
    ("20元/证", 2000), ("住宅80元/件", 8000), ("12.5元/本", 1250), ("免收", 0), ("按面积收取", None),
    ("0.05元/页", 5),
])
def test_amount_from_the_published_standard(standard, fen):
    assert amount_fen(standard) == fen


def _item(stage: str, *fees: FeeItem, charged: bool = True) -> ServiceItem:
    return ServiceItem("B", "I", "事项", ItemType.ADMINISTRATIVE_LICENCE, "局", HandlingType.PROMISED, TimeLimit(5),
                       TimeLimit(5), (), fees=Fees(charged, fees, "依据", stage))


def test_lines_and_stage():
    paid = _item("before_conclusion", FeeItem("工本费", "10元/本"), FeeItem("登记费", "免收"))
    assert [(line.name, line.amount_fen, line.basis) for line in fee_lines([paid])] == [("工本费", 1000, "依据")]
    assert stage_of([paid]) is FeeStage.BEFORE_CONCLUSION
    assert stage_of([paid, _item("before_acceptance", FeeItem("x", "1元"))]) is FeeStage.BEFORE_ACCEPTANCE
    assert stage_of([_item("", FeeItem("x", "1元"))]) is None  # the catalog does not say: not guessed
    assert fee_lines([_item("before_conclusion", FeeItem("x", "1元"), charged=False)]) == ()


def test_payment_code_has_twenty_digits_with_the_province_first_and_catches_typos():
    code = payment_code("33", date(2026, 12, 2), "01", 12)
    assert len(code) == 20 and code.startswith("33261202" + "01") and payment_code_valid(code, "33")
    assert not payment_code_valid(code, "51")
    for position in range(20):
        typo = code[:position] + str((int(code[position]) + 1) % 10) + code[position + 1:]
        assert not payment_code_valid(typo)
    with pytest.raises(ValueError):
        payment_code("3", date(2026, 12, 2), "01", 1)


def test_qr_text_follows_the_configured_format():
    values = {"code": "33261202010000000128", "amount": "10.00", "case_number": "N1"}
    assert qr_payload("{code}", values) == "33261202010000000128"
    assert qr_payload("https://pay/x?c={code}&a={amount}&n={case_number}", values) == \
        "https://pay/x?c=33261202010000000128&a=10.00&n=N1"
