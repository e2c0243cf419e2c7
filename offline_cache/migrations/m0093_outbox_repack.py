"""Confirmed outbox rows were compacted in place (m0061), which leaves every page as allocated as it was: a 4 KB
page per case at 100,000 cases. From here compaction deletes and rewrites the row (``offline_cache.outbox
.rewrite_compacted``); the rows compacted before are rewritten the same way by the sync engine's compaction step,
a few hundred per transaction in the background (``repack_compacted``), so the upgrade adds nothing to the start.
This migration only records which rows those are."""

from __future__ import annotations

import sqlite3

VERSION = 93


def apply(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO settings_kv (key, value)"
                 " SELECT 'outbox.repack_below', CAST(max(outbox_id) + 1 AS TEXT) FROM outbox"
                 " WHERE compacted_at IS NOT NULL HAVING count(*) > 0")
