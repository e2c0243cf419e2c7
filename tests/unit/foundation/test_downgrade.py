"""Upgrades and downgrades of the local database: migrations run once with one backup first; a database written by a
newer version is refused with a clear message before anything is written."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from clerk_app.errors import DatabaseNewerThanProgram
from offline_cache import db as dbmod
from offline_cache.outbox import enqueue, pending_count


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _newer_database(path) -> int:
    """A database as a later version would leave it: every migration of ours plus one this program lacks."""
    database = dbmod.Database(path)
    with database.transaction() as conn:
        enqueue(conn, "case_upsert", {"unsent": True})
    newer = database.user_version + 1
    with database.transaction() as conn:
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute(f"PRAGMA user_version={newer}")
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return newer


def test_database_newer_than_the_program_is_refused_untouched(tmp_path):
    path = tmp_path / "db.sqlite3"
    newer = _newer_database(path)
    before = _digest(path)

    with pytest.raises(DatabaseNewerThanProgram) as refused:
        dbmod.Database(path)

    known = dbmod.discover_migrations()[-1].version
    assert str(newer) in refused.value.user_text() and str(known) in refused.value.user_text()
    assert "newer version" in str(refused.value)
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.bak"))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == newer
    assert pending_count(conn) == 1
    conn.close()


def test_refusal_reaches_the_admin_cli_in_chinese(tmp_path, capsys):
    import main

    home = tmp_path / "home"
    _newer_database(home / "data" / "onewindow.sqlite3")
    code = main.run(["--home", str(home), "case", "today", "--json"])
    assert code == 1
    message = capsys.readouterr().err
    assert "较新版本" in message, message


def test_migrations_run_once_with_one_backup_first(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    every = dbmod.discover_migrations()
    monkeypatch.setattr(dbmod, "discover_migrations", lambda: every[:-1])
    old = dbmod.Database(path)
    with old.transaction() as conn:
        enqueue(conn, "case_upsert", {"unsent": True})
    old.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old_bytes = path.read_bytes()
    old.close()

    monkeypatch.setattr(dbmod, "discover_migrations", lambda: every)
    dbmod.Database(path).close()
    dbmod.Database(path).close()  # the second open applies nothing and backs up nothing

    backups = list(tmp_path.glob("db.sqlite3.before-v*.bak"))
    assert [b.name for b in backups] == [f"db.sqlite3.before-v{every[-1].version}.bak"]
    assert backups[0].read_bytes() == old_bytes
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == every[-1].version
    assert pending_count(conn) == 1
    conn.close()
