"""The audit trail is tamper-evident on the real SQLite file: with the append-only triggers dropped in a plain
sqlite3 connection (what someone does in the sqlite3 shell), an edited, deleted or smuggled-in case event and an
edited audit entry are all found by ``audit verify``, which names the first broken entry; ``doctor`` reports it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import main


def _cases(home: str, capsys) -> None:
    assert main.run(["--home", home, "training", "sample-cases", "--count", "2", "--json"]) == 0
    capsys.readouterr()


def _verify(home: str, capsys) -> tuple[int, dict]:
    code = main.run(["--home", home, "audit", "verify", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _shell(home: str) -> sqlite3.Connection:
    conn = sqlite3.connect(Path(home) / "data" / "onewindow.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER case_events_no_update")
    conn.execute("DROP TRIGGER case_events_no_delete")
    conn.execute("DROP TRIGGER audit_log_no_update")
    return conn


def test_intact_chain_verifies(tmp_path, capsys):
    home = str(tmp_path / "home")
    _cases(home, capsys)
    code, result = _verify(home, capsys)
    assert code == 0 and result["ok"]
    assert result["entries"] >= 2 and result["head"]["seq"] == result["entries"]


def test_edited_event_is_named(tmp_path, capsys):
    home = str(tmp_path / "home")
    _cases(home, capsys)
    with _shell(home) as conn:
        _first, second = [r[0] for r in conn.execute("SELECT event_id FROM case_events ORDER BY event_id LIMIT 2")]
        conn.execute("UPDATE case_events SET clerk_id = 'somebody-else' WHERE event_id = ?", (second,))
    code, result = _verify(home, capsys)
    print(json.dumps(result, indent=2))  # the tamper test's output, shown with -s
    assert code == 1 and not result["ok"]
    broken = result["first_broken"]
    assert broken["event_id"] == second and broken["reason"] == "case event was altered"
    assert result["head"]["seq"] == result["entries"]  # the stored head is still reported
    assert main.run(["--home", home, "audit", "verify"]) == 1
    text = capsys.readouterr().out
    assert f"case event {second}" in text and "BROKEN" in text
    assert main.run(["--home", home, "doctor", "--json"]) == 1
    audit = next(c for c in json.loads(capsys.readouterr().out)["checks"] if c["check"] == "audit")
    assert not audit["ok"] and audit["first_broken"]["event_id"] == second


def test_deleted_and_inserted_events_and_edited_entries_are_found(tmp_path, capsys):
    home = str(tmp_path / "home")
    _cases(home, capsys)
    with _shell(home) as conn:
        last = conn.execute("SELECT MAX(event_id) FROM case_events").fetchone()[0]
        conn.execute("DELETE FROM case_events WHERE event_id = ?", (last,))
    code, result = _verify(home, capsys)
    assert code == 1 and result["first_broken"]["reason"] == "case event was deleted"

    home2 = str(tmp_path / "home2")
    _cases(home2, capsys)
    with _shell(home2) as conn:
        conn.execute("INSERT INTO case_events (case_uuid, kind, clerk_id, window_code, device_time)"
                     " SELECT case_uuid, 'printed', 'x', '01', '2026-01-01' FROM cases LIMIT 1")
    code, result = _verify(home2, capsys)
    assert code == 1 and "not in the chain" in result["first_broken"]["reason"]

    home3 = str(tmp_path / "home3")
    _cases(home3, capsys)
    with _shell(home3) as conn:
        conn.execute("UPDATE audit_log SET clerk_id = 'x' WHERE seq = 2")
    code, result = _verify(home3, capsys)
    assert code == 1 and result["first_broken"]["seq"] == 2 and result["first_broken"]["reason"] == \
        "entry was altered"
