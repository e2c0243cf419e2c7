"""通办 at the commit: refuse an item outside its 通办范围; say who decides a 跨域通办 item and where its result goes.

The rule is the domain's (``clerk_app.domain.tongban.reach``); here it is applied to a draft's items with the centre's
region. A 跨域通办 item is routed to its own 实施主体 through the platform (the ``tongban`` payload field, only present
then: a local case's body is unchanged) and its papers name that body as the deciding one, the receiving centre as
收件地 and the 出件地 from the item's 结果送达 (docs/online.md, "通办").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.tongban import Reach, reach_of
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class OutsideTongbanScope(ValidationError):
    message = QT_TRANSLATE_NOOP("tongban", "{item} cannot be accepted at this centre. {reason}")


def check_reach(items: Sequence[ServiceItem], centre_region: str) -> list[ServiceItem]:
    """The 跨域通办 items of a draft; raises ``OutsideTongbanScope`` for the first one this centre may not accept."""
    cross = []
    for item in items:
        found = reach_of(item, centre_region)
        if found.reach is Reach.OUTSIDE:
            raise OutsideTongbanScope(item=item.name, reason=found.reason)
        if found.reach is Reach.CROSS:
            cross.append(item)
    return cross


def delivery_text(item: ServiceItem) -> str:
    """出件地 of a 跨域通办 result: back to the receiving centre's window, or mailed when the item offers it."""
    methods = item.result_delivery.methods if item.result_delivery else ()
    parts = []
    if not methods or "窗口领取" in methods:
        parts.append("结果送回本中心，申请人在收件窗口领取")
    if "邮政寄递" in methods:
        parts.append("或由决定机构邮政寄递至申请人")
    return "，".join(parts) or "、".join(methods)


def routing(items: Sequence[ServiceItem], bundle_code: str | None = None) -> dict[str, Any]:
    """How the platform routes the case (payload fields present only when needed, so a plain local case's body is
    unchanged): ``tongban``, per 跨域通办 item the implementing body that will decide it; ``bundle``, a 一件事 case
    the platform splits into one sub-case per item for 并联审批 (docs/online.md)."""
    routed = []
    for item in items:
        body = item.implementing_body
        routed.append({
            "item_code": item.implementation_code,
            "scope": item.scope,
            "implementing_body": {"name": body.name if body else item.department,
                                  "credit_code": body.credit_code if body else "",
                                  "region_code": body.region_code if body else ""},
            "delivery": delivery_text(item),
        })
    fields: dict[str, Any] = {"tongban": routed} if routed else {}
    if bundle_code:
        fields["bundle"] = {"code": bundle_code, "parallel": True}
    return fields


def mark_cross(decision_details: dict[str, Any], items: Sequence[ServiceItem],
               cross: list[ServiceItem]) -> list[ServiceItem]:
    """The papers' snapshot of each 跨域通办 item says so, with its 出件地 (``ItemFacts.cross_area``, ``delivery``);
    returns ``cross``."""
    codes = {item.implementation_code for item in cross}
    for item, facts in zip(items, decision_details.get("items", []), strict=False):
        if item.implementation_code in codes:
            facts["cross_area"] = "跨域通办"
            facts["delivery"] = delivery_text(item)
    return cross
