"""通办: may this centre accept an item of another area, and who then decides (docs/online.md, "通办").

An item belongs to the area of its 实施主体 (``implementing_body.region_code``, a 12-digit 区划代码). Its 通办范围
(``scope``) says how far from there it may be accepted: 全国, 全省 (same first 2 digits), 全市 (4), 全县(区) (6),
全镇(乡、街道) and 跨村(社区) (9), 不通办 (only at home). An item is **local** when its area is the centre's own or
contains it (a county body's item at a town centre in the county: the body has jurisdiction there); **cross** (跨域通办)
when another area's item is within its scope: accepted here, decided by its own body; **outside** otherwise, with the
reason the clerk reads. A centre without a configured region treats every item as its own (no check).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from clerk_app.domain.catalog import ServiceItem
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate

# The 区划代码 digits two areas must share for the scope to reach; None = 不通办.
SCOPE_DIGITS: dict[str, int | None] = {
    "全国": 0, "全省": 2, "全市": 4, "全县(区)": 6, "全县（区）": 6, "全镇(乡、街道)": 9, "全镇（乡、街道）": 9,
    "跨村(社区)": 9, "跨村（社区）": 9, "不通办": None,
}
_LEVELS = (2, 4, 6, 9, 12)


class Reach(enum.Enum):
    LOCAL = "local"
    CROSS = "cross"  # 跨域通办: accepted here, decided by the implementing body of the other area
    OUTSIDE = "outside"  # outside the item's 通办范围: cannot be accepted here


@dataclass(frozen=True)
class ReachResult:
    reach: Reach
    reason: str = ""  # why not (OUTSIDE), translated

    @property
    def acceptable(self) -> bool:
        return self.reach is not Reach.OUTSIDE


def normalise(region: str) -> str:
    """A 6- or 12-digit 区划代码 as 12 digits ("" stays "")."""
    region = region.strip()
    return (region + "0" * 12)[:12] if region.isdigit() else ""


def significant(region: str) -> str:
    """The digits that name the area (511602000000 → 511602): a longer code is an area inside it."""
    code = normalise(region)
    for length in _LEVELS:
        if code[length:].strip("0") == "":
            return code[:length]
    return code


def reach(item_region: str, scope: str, centre_region: str, *, body: str = "", location: str = "") -> ReachResult:
    centre, item = normalise(centre_region), normalise(item_region)
    if not centre or not item or centre.startswith(significant(item)):
        return ReachResult(Reach.LOCAL)
    scope = scope.strip()
    digits = SCOPE_DIGITS.get(scope)
    if scope in SCOPE_DIGITS and digits is not None and centre[:digits] == item[:digits]:
        return ReachResult(Reach.CROSS)
    where = location or body or item
    if digits is None:
        reason = translate("tongban", QT_TRANSLATE_NOOP(
            "tongban", "This item is not offered outside its own area (不通办): apply at {where}.")).format(where=where)
    else:
        reason = translate("tongban", QT_TRANSLATE_NOOP(
            "tongban", "Outside its 通办范围 ({scope}): {body} accepts it only within its area; apply at {where}."
        )).format(scope=scope, body=body or item, where=where)
    return ReachResult(Reach.OUTSIDE, reason)


def reach_of(item: ServiceItem, centre_region: str) -> ReachResult:
    """``reach`` for a catalog item: its 实施主体's area, its 通办范围 and where to apply instead (its 办理地点)."""
    body = item.implementing_body
    return reach(body.region_code if body else "", item.scope, centre_region,
                 body=body.name if body else item.department, location=item.location)
