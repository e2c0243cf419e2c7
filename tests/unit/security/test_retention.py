"""Retention (PIPL Art. 19, 47) on the real SQLite file and blob folder, driven by a test clock: personal fields,
scans and printed PDFs of concluded, platform-confirmed cases go after the period; what statistics count stays."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta

import pytest

import main
from clerk_app.errors import PersonalDataPurged
from clerk_app.security.retention import RetentionService
from offline_cache import agent_batches, audit_log, print_archive
from offline_cache.case_events import record_platform_status
from offline_cache.cases import set_platform_number
from offline_cache.reports import load_report_data
from tests.unit.sync.factory import make_case

T0 = datetime(2026, 3, 2, 10, 0).astimezone()  # when the cases were concluded


def _conclude(ws, case: dict, at: datetime, confirmed: bool = True, platform_number: str | None = "P-1") -> None:
    with ws.db.transaction() as conn:
        record_platform_status(conn, case["case_uuid"], "accepted", "concluded", "01",
                               at.isoformat(timespec="milliseconds"), {})
        conn.execute("UPDATE cases SET status = 'concluded' WHERE case_uuid = ?", (case["case_uuid"],))
        if platform_number:
            set_platform_number(conn, case["case_uuid"], f"{platform_number}-{case['case_number'][-9:]}")
        if confirmed:  # what the sync engine does when the platform confirms an action
            conn.execute("UPDATE outbox SET state = 'done', done_at = ? WHERE case_uuid = ?",
                         (at.isoformat(), case["case_uuid"]))


def _applicant_of(ws, case: dict) -> str:
    return ws.db.query("SELECT applicant_uuid FROM cases WHERE case_uuid = ?", (case["case_uuid"],))[0][0]


def test_purge_after_the_period_keeps_statistics(workstation):
    ws = workstation
    rng = random.Random(13)
    a, b, pending, unnumbered = (make_case(ws, pages=2, page_bytes=2000, rng=rng) for _ in range(4))
    # 信息跑路: the still-running case references one of a's pages; that file must outlive a's purge.
    with ws.db.transaction() as conn:
        conn.execute("INSERT INTO case_blobs (case_uuid, sha256, role, material_code, position) VALUES (?, ?, 'page',"
                     " 'M01', 9)", (pending["case_uuid"], a["files"][0]))
    pdf = print_archive.archive_printed(ws.db, ws.blobs, a["case_uuid"], b"%PDF-1.4 receipt of a", "receipt", False,
                                        "cups", "trainee", "01")
    # a and the running case came in one 代办批次: the agent stays until both are purged.
    with ws.db.transaction() as conn:
        agent_batches.insert_batch(conn, ws.cipher, batch_uuid="b-1", batch_number="DB-1",
                                   agent={"name": "王代办", "id_number": "11010519491231002X"}, relation="代办员",
                                   village="", window_code="01", clerk_id="trainee", opened_at=T0.isoformat())
        agent_batches.add_batch_case(conn, "b-1", a["case_uuid"])
        agent_batches.add_batch_case(conn, "b-1", pending["case_uuid"])
    with ws.db.transaction() as conn:
        agent_batches.insert_batch(conn, ws.cipher, batch_uuid="b-2", batch_number="DB-2",
                                   agent={"name": "赵代办", "id_number": "11010519491231002X"}, relation="代办员",
                                   village="", window_code="01", clerk_id="trainee", opened_at=T0.isoformat())
        agent_batches.add_batch_case(conn, "b-2", b["case_uuid"])
    _conclude(ws, a, T0)
    _conclude(ws, b, T0)
    _conclude(ws, pending, T0, confirmed=False)  # the platform has not confirmed everything yet
    _conclude(ws, unnumbered, T0, platform_number=None)
    applicant_a = _applicant_of(ws, a)
    assert ws.applicants.get(applicant_a).principal.name == "张三"

    clock = [T0 + timedelta(days=189)]
    service = RetentionService(ws.db, ws.blobs, 190, clock=lambda: clock[0])
    early = service.run()
    assert early.cases == [] and early.waiting == 2

    clock[0] = T0 + timedelta(days=191)
    dry = service.run(dry_run=True)
    assert sorted(dry.cases) == sorted([a["case_number"], b["case_number"]])
    assert ws.applicants.get(applicant_a).principal.name == "张三" and ws.blobs.exists(pdf.sha256)  # unchanged

    created = date.fromisoformat(a["payload"]["created_at"][:10])

    def counted() -> int:
        data = load_report_data(ws.db, created - timedelta(days=1), created + timedelta(days=1), "window", created)
        return sum(group.cases for group in data.groups)

    counted_before = counted()
    report = service.run()
    assert sorted(report.cases) == sorted([a["case_number"], b["case_number"]])
    assert report.applicants_purged == 2
    with pytest.raises(PersonalDataPurged):
        ws.applicants.get(applicant_a)
    with pytest.raises(PersonalDataPurged):
        ws.applicants.get(_applicant_of(ws, b))
    row = ws.db.query("SELECT details_enc, personal_purged_at FROM cases WHERE case_uuid = ?", (a["case_uuid"],))[0]
    assert row[0] is None and row[1]
    assert all(r[0] is None for r in ws.db.query("SELECT payload_enc FROM outbox WHERE case_uuid = ?",
                                                 (a["case_uuid"],)))
    # Scans and the printed PDF are gone from disk, except the page a running case still uses.
    assert not ws.blobs.exists(pdf.sha256) and not ws.blobs.exists(a["files"][1])
    assert not any(ws.blobs.exists(sha) for sha in b["files"])
    assert ws.blobs.exists(a["files"][0])
    assert ws.blobs.get(a["files"][0])  # still readable for the running case
    # The unconfirmed and the unnumbered cases keep everything.
    for kept in (pending, unnumbered):
        assert ws.applicants.get(_applicant_of(ws, kept)).principal.name == "张三"
        assert all(ws.blobs.exists(sha) for sha in kept["files"])
    assert agent_batches.get_batch(ws.db, ws.cipher, "b-1").agent["name"] == "王代办"  # pending still in it
    with pytest.raises(PersonalDataPurged):
        agent_batches.get_batch(ws.db, ws.cipher, "b-2")
    # The citizen is no longer found by ID number through the purged cases.
    found = set(ws.applicants.find_by_identifier("11010519491231002X"))
    assert applicant_a not in found and _applicant_of(ws, pending) in found

    # Statistics still count every case; the purge is in the (intact) audit trail, one entry per case.
    assert counted() == counted_before == 4
    entries = audit_log.recent(ws.db, 10, "retention_purge")
    assert sorted(json.loads(e["details"])["case_number"] for e in entries) == sorted(report.cases)
    assert audit_log.verify(ws.db)["ok"]

    assert service.run().cases == []  # nothing twice
    assert service.run_if_due() is not None and service.run_if_due() is None  # once per day


def test_cli_dry_run_lists_and_run_purges(workstation, capsys):
    ws = workstation
    case = make_case(ws, pages=1, page_bytes=500, rng=random.Random(7))
    _conclude(ws, case, datetime.now().astimezone() - timedelta(days=400))
    assert main.run(["retention", "run", "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["cases"] == [case["case_number"]] and dry["dry_run"] is True
    assert ws.blobs.exists(case["files"][0])
    assert main.run(["retention", "run", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["cases"] == [case["case_number"]] and done["files_deleted"] == 1
    assert not ws.blobs.exists(case["files"][0])
    with pytest.raises(PersonalDataPurged):
        ws.applicants.get(_applicant_of(ws, case))
