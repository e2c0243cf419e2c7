"""Compaction gives the pages of confirmed outbox rows back (m0093): a row shrunk in place kept its whole 4 KB page,
so at 100,000 cases the outbox held 390 MB of pages for 64 MB of rows. Compacted rows are deleted and rewritten;
rows compacted in place by an older version are rewritten by the background repack, resumably, keeping when their
personal part went."""

from __future__ import annotations

import importlib
import json
import os
import sqlite3

import pytest

from offline_cache.outbox import REPACK_BELOW, REPACK_FROM, compact_confirmed, enqueue, repack_compacted

ROWS = 1200


def _confirmed_rows(workstation, count: int = ROWS) -> None:
    with workstation.db.transaction() as conn:
        for n in range(count):
            payload = {"case_number": f"N{n:05d}", "status": "accepted", "item_codes": ["A1", "B2"],
                       "materials": [{"name": "申请表", "files": ["f" * 64] * 20}]}  # ~2.5 KB, as real cases
            enqueue(conn, "case_upsert", payload, payload_enc=os.urandom(900), clerk_id="c1")
        conn.execute("UPDATE outbox SET state = 'done', done_at = '2026-01-01T00:00:00.000+00:00',"
                     " server_result = '{\"platform_number\": \"P\"}', attempts = 1")


def _pages(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM dbstat WHERE name = 'outbox'").fetchone()[0])


def _everything_but_the_payload(workstation) -> list[tuple]:
    return [tuple(r) for r in workstation.db.query(
        "SELECT outbox_id, action_uuid, case_uuid, kind, state, attempts, next_attempt_at, last_error_code,"
        " last_error, created_at, updated_at, progress, server_result, done_at, clerk_id FROM outbox"
        " ORDER BY outbox_id")]


@pytest.fixture
def dbstat(workstation):
    try:
        workstation.db.query("SELECT count(*) FROM dbstat")
    except sqlite3.OperationalError:
        pytest.fail("this SQLite has no dbstat table: the page counts cannot be checked")


def test_compaction_gives_the_pages_back_and_keeps_every_other_column(workstation, dbstat) -> None:
    _confirmed_rows(workstation)
    before = _everything_but_the_payload(workstation)
    with workstation.db.transaction() as conn:
        pages_before = _pages(conn)
        while compact_confirmed(conn, "9999"):
            pass
        pages_after = _pages(conn)
    assert pages_after * 3 < pages_before  # ~1 page per row before
    assert _everything_but_the_payload(workstation) == before
    kept = [json.loads(r[0]) for r in workstation.db.query("SELECT payload FROM outbox WHERE payload_enc IS NULL"
                                                           " AND compacted_at IS NOT NULL")]
    assert len(kept) == ROWS and all("materials" not in k and k["item_codes"] == ["A1", "B2"] for k in kept)


def test_rows_compacted_in_place_by_an_older_version_are_repacked_resumably(workstation, dbstat) -> None:
    _confirmed_rows(workstation)
    with workstation.db.transaction() as conn:  # what m0061's compaction did: shrink in place
        rows = conn.execute("SELECT outbox_id, payload FROM outbox").fetchall()
        conn.executemany("UPDATE outbox SET payload = ?, payload_enc = NULL, compacted_at = ? WHERE outbox_id = ?",
                         [(json.dumps({"case_number": json.loads(p)["case_number"]}), f"2026-02-01T00:00:{i % 60:02d}",
                           i) for i, p in rows])
        conn.execute("DELETE FROM settings_kv WHERE key = ?", (REPACK_BELOW,))
        importlib.import_module("offline_cache.migrations.m0093_outbox_repack").apply(conn)
        pages_before = _pages(conn)
    before = workstation.db.query("SELECT outbox_id, payload, compacted_at FROM outbox ORDER BY outbox_id")
    with workstation.db.transaction() as conn:
        assert repack_compacted(conn, limit=500) == 500
    assert workstation.db.query("SELECT value FROM settings_kv WHERE key = ?", (REPACK_FROM,))[0][0] == \
        str(before[499]["outbox_id"] + 1)  # a later pass (or start) goes on from there
    with workstation.db.transaction() as conn:
        while repack_compacted(conn, limit=500):
            pass
        pages_after = _pages(conn)
    assert pages_after * 3 < pages_before
    after = workstation.db.query("SELECT outbox_id, payload, compacted_at FROM outbox ORDER BY outbox_id")
    assert [tuple(r) for r in after] == [tuple(r) for r in before]  # same rows, same stamps
    assert workstation.db.query("SELECT count(*) FROM settings_kv WHERE key IN (?, ?)",
                                (REPACK_FROM, REPACK_BELOW))[0][0] == 0  # done: nothing left to do
    with workstation.db.transaction() as conn:
        assert repack_compacted(conn) == 0


def test_the_migration_records_nothing_without_compacted_rows(workstation) -> None:
    with workstation.db.transaction() as conn:
        importlib.import_module("offline_cache.migrations.m0093_outbox_repack").apply(conn)
        assert repack_compacted(conn) == 0
    assert workstation.db.query("SELECT count(*) FROM settings_kv WHERE key = ?", (REPACK_BELOW,))[0][0] == 0
