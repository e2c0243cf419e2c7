"""The case-list queries walk indexes of what they show (migration 0053), never a scan of the history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from offline_cache.cases import CaseRepository
from offline_cache.db import Database

TODAY = date(2026, 12, 1)


class _Spy:
    def __init__(self) -> None:
        self.sql: list[tuple[str, tuple]] = []

    def query(self, sql: str, params: tuple = ()) -> list:
        self.sql.append((sql, params))
        return []


@pytest.mark.parametrize("window", [None, "01"])
def test_no_case_list_query_scans_the_cases_or_their_materials(tmp_path: Path, window: str | None) -> None:
    db = Database(tmp_path / "plans.db")
    spy = _Spy()
    repo = CaseRepository(spy, None, None)  # type: ignore[arg-type]
    repo.list_created_on(TODAY, window)
    repo.list_open_due(TODAY + timedelta(days=7), window)
    repo.list_supply_overdue(TODAY, window)
    plans = {sql.split(" WHERE ")[0]: [row[3] for row in db.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
             for sql, params in spy.sql}
    assert len(spy.sql) == 3
    for steps in plans.values():
        assert not [s for s in steps if s.startswith("SCAN cases") and "cases_open_due" not in s], steps
        assert not [s for s in steps if s.startswith("SCAN case_materials")], steps
        assert not [s for s in steps if "cases_promised" in s or "sqlite_autoindex_case_materials" in s], steps
    db.close()


def test_the_platform_number_check_of_a_sync_pass_walks_an_index(tmp_path: Path) -> None:
    from offline_cache.cases import platform_number_taken

    db = Database(tmp_path / "plans.db")
    sql = "SELECT 1 FROM cases WHERE platform_number = ? AND case_uuid != ? LIMIT 1"
    steps = [row[3] for row in db.conn.execute("EXPLAIN QUERY PLAN " + sql, ("P1", "u"))]
    assert any("cases_platform_number" in s for s in steps), steps
    assert platform_number_taken(db.conn, "P1", "u") is False
    db.close()
