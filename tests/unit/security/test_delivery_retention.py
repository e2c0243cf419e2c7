"""The retention purge removes the 邮寄送达 recipient with the case's other personal data; the waybill, carrier and
the carrier's outcome stay for statistics, and the record still reads (the recipient empty)."""

from __future__ import annotations

import random
from datetime import timedelta

from clerk_app.domain.delivery import Recipient
from clerk_app.security.retention import RetentionService
from offline_cache.deliveries import delivery_of, insert_choice, record_dispatch, record_outcome
from tests.unit.security.test_retention import T0, _conclude
from tests.unit.sync.factory import make_case


def test_the_recipient_goes_with_the_purge_and_the_waybill_stays(workstation) -> None:
    ws = workstation
    case = make_case(ws, pages=1, page_bytes=500, rng=random.Random(3))
    key = case["case_uuid"]
    with ws.db.transaction() as conn:
        recipient = Recipient.checked("李小龙", "13912345678", "四川省南充市顺庆区人民中路88号")
        insert_choice(conn, ws.cipher, key, recipient, T0.isoformat())
        record_dispatch(conn, key, "中国邮政EMS", "EA123456789CN", "d-1", T0.isoformat(), T0.date().isoformat())
        record_outcome(conn, key, "delivered", T0.isoformat(), "")
    _conclude(ws, case, T0)
    with ws.db.transaction() as conn:
        before = delivery_of(conn, ws.cipher, key)
    assert before is not None and before.recipient.name == "李小龙"

    report = RetentionService(ws.db, ws.blobs, 30, clock=lambda: T0 + timedelta(days=31)).run()
    assert report.cases == [case["case_number"]]
    assert ws.db.query("SELECT length(recipient_enc) FROM case_deliveries")[0][0] == 0
    with ws.db.transaction() as conn:
        after = delivery_of(conn, ws.cipher, key)
    assert after is not None and after.recipient.name == "" and after.recipient.address == ""
    assert (after.carrier, after.waybill, after.outcome) == ("中国邮政EMS", "EA123456789CN", "delivered")
