"""通办范围 and the 并联 bundle state: the pure rules (clerk_app/domain/tongban.py, bundle_state.py)."""

from __future__ import annotations

import pytest

from clerk_app.domain.bundle_state import BundleState, derive
from clerk_app.domain.case import CaseStatus as S
from clerk_app.domain.tongban import Reach, reach, significant

QINGHE, QIANFENG, TOWN, OTHER_CITY, OTHER_PROVINCE = (
    "511602000000", "511603000000", "511602101000", "511702000000", "330302000000")


@pytest.mark.parametrize(("item", "scope", "centre", "expected"), [
    (QINGHE, "全县(区)", QINGHE, Reach.LOCAL),  # the centre's own item
    (QINGHE, "不通办", TOWN, Reach.LOCAL),  # a county body's item at a town centre of the county
    (QIANFENG, "全市", QINGHE, Reach.CROSS),  # same city (first 4 digits)
    (QIANFENG, "全县(区)", QINGHE, Reach.OUTSIDE),  # another county
    (OTHER_CITY, "全省", QINGHE, Reach.CROSS),
    (OTHER_CITY, "全市", QINGHE, Reach.OUTSIDE),
    (OTHER_PROVINCE, "全国", QINGHE, Reach.CROSS),
    (OTHER_PROVINCE, "全省", QINGHE, Reach.OUTSIDE),
    (QIANFENG, "不通办", QINGHE, Reach.OUTSIDE),
    (QIANFENG, "", QINGHE, Reach.OUTSIDE),  # no scope stated: not offered elsewhere
    (QIANFENG, "全市", "", Reach.LOCAL),  # a centre without a region checks nothing
    ("511603", "全市", "511602", Reach.CROSS),  # 6-digit codes
])
def test_reach(item: str, scope: str, centre: str, expected: Reach) -> None:
    assert reach(item, scope, centre).reach is expected


def test_outside_says_why_and_where() -> None:
    found = reach(QIANFENG, "全县(区)", QINGHE, body="前锋区市场监督管理局", location="前锋区政务服务中心")
    assert not found.acceptable
    assert all(part in found.reason for part in ("全县(区)", "前锋区市场监督管理局", "前锋区政务服务中心"))
    assert "不通办" in reach(QIANFENG, "不通办", QINGHE, location="前锋区政务服务中心").reason


def test_significant_digits() -> None:
    assert (significant(QINGHE), significant(TOWN), significant("510000000000")) == ("511602", "511602101", "51")


@pytest.mark.parametrize(("subs", "state", "status"), [
    ([S.SUBMITTED, S.SUBMITTED], BundleState.SUBMITTED, S.SUBMITTED),
    ([S.IN_REVIEW, S.SUBMITTED], BundleState.IN_PROGRESS, S.IN_REVIEW),
    ([S.APPROVED, S.SUBMITTED], BundleState.IN_PROGRESS, S.IN_REVIEW),  # one department's yes is not the bundle's
    ([S.DENIED, S.IN_REVIEW], BundleState.IN_PROGRESS, S.IN_REVIEW),  # a denial does not stop the others
    ([S.APPROVED, S.CORRECTION_REQUESTED, S.DENIED], BundleState.CORRECTION, S.CORRECTION_REQUESTED),
    ([S.APPROVED, S.APPROVED], BundleState.CONCLUDED, S.APPROVED),
    ([S.APPROVED, S.DENIED], BundleState.PARTIAL, S.APPROVED),
    ([S.DENIED, S.DENIED], BundleState.DENIED, S.DENIED),
    ([S.APPROVED, S.VOIDED], BundleState.CONCLUDED, S.APPROVED),  # a voided sub-case no longer counts
])
def test_bundle_state(subs: list[S], state: BundleState, status: S) -> None:
    derived = derive(subs)
    assert derived is not None and (derived.state, derived.status) == (state, status)


def test_no_sub_cases_no_state() -> None:
    assert derive([]) is None
