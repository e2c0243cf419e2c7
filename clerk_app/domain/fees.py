"""Fees (非税收入) of a case: what the catalog says an item charges, the stage it is charged at, the payment code.

The catalog's ``fees.items[].standard`` is the published text ("20元/证", "住宅80元/件", "免收"): the amount due is
read from it (one unit per case; the clerk sees the text beside it). ``fees.stage`` (收费环节) says when: 受理前收费
holds the decision, 办结前收费 holds 出件. An entry that charges an amount but does not state its stage is held as
办结前收费 (``effective_stage``): FACTS §4.4 found no value list for 收费环节, and of the two holds only this one is
safe to assume. Holding the decision on a guess would refuse to accept a complete application (行政许可法 §32 says
it must be accepted) and send the applicant away; holding 出件 means no result leaves the window unpaid, and a
notice can be printed whenever the clerk wants.

The payment code (缴款码) is 20 digits starting with the province code (FACTS §4.4: pay front-ends check
``^{省码}\\d{18}$``). Its real inner layout and check digit were not found; this workstation's own layout is
province (2) + date yymmdd (6) + window (2) + daily sequence (9) + a Luhn digit (1), so a mistyped code is caught.
The QR printed with it carries a configurable payload (``fees.qr_format``) because each province's pay page differs.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.catalog import ServiceItem

_AMOUNT = re.compile(r"(\d+(?:\.\d{1,2})?)\s*元")
FREE_WORDS = ("免收", "免费", "不收费")
QR_FIELDS = ("code", "amount", "case_number")


class FeeStage(enum.Enum):
    BEFORE_ACCEPTANCE = "before_acceptance"  # 受理前收费
    BEFORE_CONCLUSION = "before_conclusion"  # 办结前收费

    @property
    def label(self) -> str:
        return "受理前收费" if self is FeeStage.BEFORE_ACCEPTANCE else "办结前收费"


@dataclass(frozen=True)
class FeeLine:
    item_name: str  # the service item
    name: str  # the fee (e.g. 不动产登记费)
    standard: str  # the published text
    basis: str
    amount_fen: int


def amount_fen(standard: str) -> int | None:
    """The amount of one unit in fen from a published standard, 0 when free, None when it states no amount."""
    if any(word in standard for word in FREE_WORDS):
        return 0
    found = _AMOUNT.search(standard)
    if found is None:
        return None
    yuan, _, cents = found.group(1).partition(".")
    return int(yuan) * 100 + int((cents + "00")[:2])


def fee_lines(items: Iterable[ServiceItem]) -> tuple[FeeLine, ...]:
    """What the case's items charge (free lines and lines without an amount left out)."""
    lines = []
    for item in items:
        if not item.fees.charged:
            continue
        for fee in item.fees.items:
            amount = amount_fen(fee.standard)
            if amount:
                lines.append(FeeLine(item.name, fee.name, fee.standard, fee.basis or item.fees.basis, amount))
    return tuple(lines)


def stage_of(items: Iterable[ServiceItem]) -> FeeStage | None:
    """受理前 if any charged item says so, else 办结前 if any says so, else None (the catalog does not say)."""
    stages = {item.fees.stage for item in items if item.fees.charged}
    for stage in FeeStage:
        if stage.value in stages:
            return stage
    return None


def effective_stage(items: Iterable[ServiceItem]) -> FeeStage | None:
    """The hold that applies: the stated stage, 办结前收费 when an amount is charged without one (the safe default
    above), None when nothing with an amount is charged."""
    items = tuple(items)
    if not fee_lines(items):
        return None
    return stage_of(items) or FeeStage.BEFORE_CONCLUSION


def luhn_digit(digits: str) -> str:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def payment_code(province: str, day: date, window_code: str, sequence: int) -> str:
    if not (len(province) == 2 and province.isdigit() and len(window_code) == 2 and window_code.isdigit()):
        raise ValueError("province and window codes are two digits")
    if not 0 < sequence < 10**9:
        raise ValueError("the daily sequence has nine digits")
    body = f"{province}{day:%y%m%d}{window_code}{sequence:09d}"
    return body + luhn_digit(body)


def payment_code_valid(code: str, province: str | None = None) -> bool:
    if not (len(code) == 20 and code.isdigit()):
        return False
    if province is not None and not code.startswith(province):
        return False
    return luhn_digit(code[:-1]) == code[-1]


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def qr_payload(template: str, values: Mapping[str, str]) -> str:
    """The payment QR's text from the configured template ({code}, {amount} in yuan, {case_number})."""
    return template.format_map({k: values.get(k, "") for k in QR_FIELDS})
