"""Routing of paper to the back office (按责转办): the 材料流转单 and the custody of a case's paper.

Custody is its own small state machine, apart from the case's decision status (a case can be in review at the
department while its paper is still at the window, or the other way round):

    at_window --slip_made--> in_transit --received--> received

A case enters one slip only (``at_window`` = no slip yet); a slip moves all its cases together. FACTS §4.4 lists the
deployed states 打印 → 出库 → 送达签收: printing the slip *is* 出库 here (the paper leaves the window with it), so
``slip_made`` covers both. The department's receipt is recorded by scanning the slip's barcode (``received``).

What travels is the paper the window kept (``paper_lines``): the copies received (复印件 × copies) and the originals
the guide asks to be submitted: a material whose paper form is 原件 with ``original_count > 0`` (申请表, 证明: 原件 ×
count). A material asked as 原件和复印件 is the usual "show the original, leave a copy": its original went back to the
applicant and only the copies travel; so did an original the guide only asks to see (``original_count == 0``). The
catalog cannot say more (a card asked as 原件 1份 would be listed as submitted; the clerk sees the slip's lines
before it prints). Paper that is not the window's to send carries nothing: the card the reader read (读卡器核验), a
material reused from an earlier case (its paper is in that case's file), an online upload, an e-licence.

Slip numbers are digits, so the window's barcode gun reads them like case numbers (ui/acceptance/barcode.py):
``8`` + yymmdd + window (2) + daily sequence (4) + a Luhn digit = 14 digits; case numbers are longer (centre code
first), and the scan is looked up as a slip number first, so the two never mix.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.case import MaterialRecord, MaterialSource, MaterialState
from clerk_app.domain.catalog import MaterialSpec, PaperForm, ServiceItem
from clerk_app.domain.fees import luhn_digit

SLIP_PREFIX = "8"


class Custody(enum.Enum):
    AT_WINDOW = "at_window"
    IN_TRANSIT = "in_transit"
    RECEIVED = "received"


class CustodyEvent(enum.Enum):
    SLIP_MADE = "slip_made"  # printed and handed to the courier (打印 = 出库)
    RECEIVED = "received"  # the department signed; its receipt scanned at the window (送达签收)


TRANSITIONS: dict[tuple[Custody, CustodyEvent], Custody] = {
    (Custody.AT_WINDOW, CustodyEvent.SLIP_MADE): Custody.IN_TRANSIT,
    (Custody.IN_TRANSIT, CustodyEvent.RECEIVED): Custody.RECEIVED,
}


class CustodyTransitionNotAllowed(ValueError):
    pass


def transition(state: Custody, event: CustodyEvent) -> Custody:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise CustodyTransitionNotAllowed(f"{event.value} is not allowed in {state.value}") from None


@dataclass(frozen=True)
class PaperLine:
    """One material's paper on a slip: 原件 or 复印件, how many copies, how many pages were scanned of it."""

    material_code: str
    name: str
    kind: str  # 原件 / 复印件
    copies: int
    pages: int


def _spec(items: Iterable[ServiceItem], code: str) -> MaterialSpec | None:
    for item in items:
        found = item.material(code)
        if found is not None:
            return found
    return None


def paper_lines(records: Iterable[MaterialRecord], items: Iterable[ServiceItem]) -> tuple[PaperLine, ...]:
    """The paper of a case that goes to the department (see the module docstring); e-licences, electronic-only and
    missing materials carry none."""
    items = tuple(items)
    lines = []
    for record in records:
        if record.state is not MaterialState.RECEIVED or record.source is not MaterialSource.WINDOW:
            continue
        pages = len(record.page_blob_ids)
        spec = _spec(items, record.material_code)
        originals = spec.original_count if spec is not None and spec.paper_form is PaperForm.ORIGINAL else 0
        if originals > 0:
            lines.append(PaperLine(record.material_code, record.name, "原件", originals, pages))
        if record.copies_received > 0:
            lines.append(PaperLine(record.material_code, record.name, "复印件", record.copies_received, pages))
    return tuple(lines)


def department_of(item: ServiceItem) -> str:
    """The back-office department the paper goes to: the item's 实施主体, else its department."""
    if item.implementing_body is not None and item.implementing_body.name:
        return item.implementing_body.name
    return item.department


def slip_number(day: date, window_code: str, sequence: int) -> str:
    if not (len(window_code) == 2 and window_code.isdigit()) or not 0 < sequence < 10**4:
        raise ValueError("a two-digit window code and a four-digit daily sequence")
    body = f"{SLIP_PREFIX}{day:%y%m%d}{window_code}{sequence:04d}"
    return body + luhn_digit(body)


def is_slip_number(text: str) -> bool:
    return len(text) == 14 and text.isdigit() and text.startswith(SLIP_PREFIX) and luhn_digit(text[:-1]) == text[-1]
