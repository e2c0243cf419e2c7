"""Payment confirmations from the status pull: a malformed page is refused whole, a notice unknown here is skipped,
a repeated confirmation changes nothing."""

from __future__ import annotations

import pytest

from clerk_app.sync.answers import PageRejected, check_payment_changes
from clerk_app.sync.pulls import pull_payments
from offline_cache.sync_store import SyncStore

GOOD = {"seq": 1, "notice_uuid": "n1", "payment_code": "33261202010000000128", "status": "paid",
        "paid_at": "2026-12-02T09:00:00+08:00", "voucher": "PZ1"}


@pytest.mark.parametrize("bad", [{**GOOD, "voucher": ""}, {**GOOD, "paid_at": "yesterday"}, {**GOOD, "seq": "1"},
                                 {k: v for k, v in GOOD.items() if k != "notice_uuid"}, "paid"])
def test_a_malformed_confirmation_refuses_the_page(bad):
    with pytest.raises(PageRejected):
        check_payment_changes({"changes": [bad], "cursor": "1", "has_more": False})


def test_an_unknown_notice_is_skipped_and_the_cursor_moves(workstation, platform):
    platform.payments = [GOOD]
    store = SyncStore(workstation.db)
    assert pull_payments(workstation.db, platform, store) == 0
    assert store.cursor("payments") == "1"
    assert pull_payments(workstation.db, platform, store) == 0
