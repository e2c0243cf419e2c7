"""``main.py db tables|schema|rows``: the local database as sqlite-utils sees it, read-only, with encrypted columns
shown as sizes and personal numbers masked."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from offline_cache import inspection
from tests.unit.sync.factory import make_case

ROOT = Path(__file__).resolve().parents[3]


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "db", *argv], capture_output=True, text=True,
                          env=dict(os.environ), timeout=120, check=False)


def test_inspection_lists_every_migrated_table_with_counts_and_columns(workstation):
    make_case(workstation, pages=1, page_bytes=2000, rng=random.Random(1))
    found = {t.name: t for t in inspection.tables(workstation.db)}
    assert {"cases", "applicants", "outbox", "case_events", "blobs"} <= set(found)
    assert found["cases"].rows == 1 and found["outbox"].rows == 1
    assert not any(name.startswith("sqlite_") for name in found)
    columns = {c.name: c for c in inspection.table(workstation.db, "applicants").columns}
    assert columns["applicant_uuid"].primary_key
    [row] = list(inspection.recent_rows(workstation.db, "applicants", limit=5))
    assert isinstance(row["payload_enc"], bytes)


def test_cli_shows_tables_schema_and_rows_without_personal_data(workstation):
    make_case(workstation, pages=1, page_bytes=2000, rng=random.Random(2))
    workstation.close()
    tables = _cli("tables", "--json")
    assert tables.returncode == 0, tables.stderr
    counts = {t["table"]: t["rows"] for t in json.loads(tables.stdout)}
    assert counts["cases"] == 1
    schema = _cli("schema", "outbox")
    assert schema.returncode == 0 and "action_uuid" in schema.stdout
    rows = _cli("rows", "applicants", "--json")
    assert rows.returncode == 0, rows.stderr
    [applicant] = [json.loads(line) for line in rows.stdout.splitlines()]
    assert applicant["payload_enc"].endswith("bytes>")
    assert "11010519491231002X" not in rows.stdout and "张三" not in rows.stdout
    missing = _cli("rows", "no_such_table")
    assert missing.returncode == 2 and "db tables" in missing.stdout
