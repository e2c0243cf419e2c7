"""Encrypted backup to a folder (the USB stick) and restore on a new PC, with the outbox, against the sandbox over
HTTP: everything queued at backup time reaches the platform after the restore, what the old PC had sent meanwhile
is sent again under the same idempotency keys and changes nothing, and a damaged or wrongly unlocked file is
refused before anything is replaced."""

from __future__ import annotations

import dataclasses
import io
import json
import random
from pathlib import Path

import pytest

import main
from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths
from clerk_app.sync.engine import drain
from clerk_app.sync.service import SyncService
from offline_cache import audit_log, settings_kv
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

PASSPHRASE = "stick-passphrase-42"
PLATFORM_CASES = "SELECT case_uuid, seq, body_sha256, received_at FROM cases ORDER BY case_uuid"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, stdin: str) -> dict:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main.run([*args, "--json"]) == 0, capsys.readouterr().err
    result: dict = json.loads(capsys.readouterr().out)
    return result


def _sync_service(ws, sandbox) -> SyncService:
    return SyncService(dataclasses.replace(ws, config=ws.config.with_overrides(
        platform__base_url=sandbox.base_url, sync__backoff_base_seconds=0.01, sync__backoff_cap_seconds=0.05,
        sync__chunk_bytes=8192, platform__read_timeout=5.0)))


def test_restore_on_a_new_pc_sends_nothing_twice_and_loses_nothing(workstation, sandbox, synced, tmp_path,
                                                                    monkeypatch, capsys):
    ws = workstation
    rng = random.Random(5)
    sent_before = [make_case(ws, pages=2, page_bytes=15_000, rng=rng) for _ in range(3)]
    drain(synced.engine, timeout=30)
    queued = [make_case(ws, pages=2, page_bytes=15_000, rng=rng) for _ in range(3)]
    stick = tmp_path / "usb-stick"

    made = _cli(monkeypatch, capsys, "backup", "create", str(stick), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made["cases"] == 6 and made["outbox_open"] == 3 and made["files"] == 12
    backup_file = Path(made["file"])
    raw = backup_file.read_bytes()
    assert b"11010519491231002X" not in raw and "张三".encode() not in raw  # encrypted as a whole

    # The old PC sends the queued cases after the backup, then dies.
    drain(synced.engine, timeout=30)
    assert sandbox.query("SELECT count(*) FROM cases")[0][0] == 6
    platform_before = sandbox.query(PLATFORM_CASES)
    old_machine = settings_kv.machine_id(ws.db)

    new_pc = tmp_path / "new-pc"
    monkeypatch.setenv("ONEWINDOW_HOME", str(new_pc))
    damaged = tmp_path / "damaged.owbackup"
    damaged.write_bytes(raw[:-100])
    for bad_file, passphrase in ((backup_file, "wrong passphrase"), (damaged, PASSPHRASE)):
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{passphrase}\n"))
        assert main.run(["backup", "restore", str(bad_file)]) == 1
        assert "备份文件无法读取" in capsys.readouterr().err
    restored = _cli(monkeypatch, capsys, "backup", "restore", str(backup_file), stdin=f"{PASSPHRASE}\n")
    assert restored["cases"] == 6 and restored["outbox_open"] == 3 and restored["key_kept"] == "file"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n"))
    assert main.run(["backup", "restore", str(backup_file)]) == 1  # not twice: this PC now holds cases
    assert "新的空白工作台" in capsys.readouterr().err

    new_ws = open_workstation(resolve_paths(new_pc))
    try:
        assert settings_kv.machine_id(new_ws.db) not in ("", old_machine)
        for case in sent_before + queued:  # personal data and scans open with the restored key
            applicant = new_ws.db.query("SELECT applicant_uuid FROM cases WHERE case_uuid = ?",
                                        (case["case_uuid"],))[0][0]
            assert new_ws.applicants.get(applicant).principal.id_number == "11010519491231002X"
            assert all(new_ws.blobs.get(sha) for sha in case["files"])
        assert audit_log.verify(new_ws.db)["ok"]
        assert audit_log.recent(new_ws.db, 1, "backup_restored")
        service = _sync_service(new_ws, sandbox)
        try:
            reports = drain(service.engine, timeout=30)
        finally:
            service.close()
        assert not any(r.errors for r in reports), [r.errors for r in reports]
        assert new_ws.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 0
    finally:
        new_ws.close()
    # The platform holds each case once, unchanged by the repeat.
    assert sandbox.query(PLATFORM_CASES) == platform_before
    assert sandbox.query("SELECT count(*) FROM case_files")[0][0] == 12
