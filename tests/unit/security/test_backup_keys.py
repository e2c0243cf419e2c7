"""Backup and restore where the data key is sealed under the clerks' passwords (no OS key store): the sealed copies
travel in the database, so the restored PC opens with the same password and keeps no key beside the data; a backup
from a PC whose key store held the key is sealed afresh on the new PC, under a new recovery key shown once. And a
tampered header or chunk is refused (the end-to-end test with the sandbox is tests/integration/sync/
test_backup_restore.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import main
from clerk_app.context import open_workstation
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.paths import resolve_paths
from clerk_app.security.backup import MAGIC, BackupDamaged, unpack_backup

PASS = "a long backup passphrase"


def _home(root: Path, production: bool) -> Path:
    (root / "config").mkdir(parents=True)
    (root / "config" / "onewindow.toml").write_text('mode = "production"\n' if production else "", encoding="utf-8")
    return root


def _run(monkeypatch, capsys, home: Path, *args: str, stdin: str) -> dict:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main.run(["--home", str(home), *args, "--json"]) == 0, capsys.readouterr().err
    out: dict = json.loads(capsys.readouterr().out)
    return out


def _add_applicant(home: Path, unlock=None) -> str:
    ws = open_workstation(resolve_paths(home))
    try:
        if unlock:
            unlock(ws)
        return ws.applicants.add(Applicant(NaturalPerson(name="李四", id_type=IdDocumentType.RESIDENT_ID,
                                                         id_number="11010519491231002X",
                                                         source=CaptureSource.CARD_READER)))
    finally:
        ws.close()


def test_sealed_key_travels_sealed(tmp_path, monkeypatch, capsys):
    old = _home(tmp_path / "old", production=True)
    ws = open_workstation(resolve_paths(old))
    ws.vault.initialise()
    ws.vault.enrol("zhang", "zhang-pw")
    ws.close()
    applicant = _add_applicant(old, lambda w: w.vault.open_with_password("zhang", "zhang-pw"))
    made = _run(monkeypatch, capsys, old, "backup", "create", str(tmp_path / "stick"),
                stdin=f"zhang\nzhang-pw\n{PASS}\n{PASS}\n")  # the CLI asks a clerk to open the data first

    new = _home(tmp_path / "new", production=True)
    restored = _run(monkeypatch, capsys, new, "backup", "restore", made["file"], stdin=f"{PASS}\n")
    assert restored["key_kept"] == "sealed" and restored["recovery_key"] is None
    assert not list((new / "data").rglob(".data-key"))
    ws = open_workstation(resolve_paths(new))
    try:
        assert not ws.cipher.unlocked
        assert ws.vault.open_with_password("zhang", "zhang-pw")
        assert ws.applicants.get(applicant).principal.name == "李四"
    finally:
        ws.close()


def test_key_from_a_key_file_is_sealed_afresh_on_a_pc_without_key_store(tmp_path, monkeypatch, capsys):
    old = _home(tmp_path / "old", production=False)  # training: its key in a file (as a key store would hold it)
    applicant = _add_applicant(old)
    made = _run(monkeypatch, capsys, old, "backup", "create", str(tmp_path / "stick"), stdin=f"{PASS}\n{PASS}\n")
    new = _home(tmp_path / "new", production=True)
    restored = _run(monkeypatch, capsys, new, "backup", "restore", made["file"], stdin=f"{PASS}\n")
    assert restored["key_kept"] == "sealed" and restored["recovery_key"].count("-") == 7
    assert not list((new / "data").rglob(".data-key"))
    ws = open_workstation(resolve_paths(new))
    try:
        assert not ws.cipher.unlocked
        ws.vault.open_with_recovery(restored["recovery_key"])
        assert ws.applicants.get(applicant).principal.name == "李四"
    finally:
        ws.close()


def test_tampered_backups_are_refused(tmp_path, monkeypatch, capsys):
    old = _home(tmp_path / "old", production=False)
    _add_applicant(old)
    made = _run(monkeypatch, capsys, old, "backup", "create", str(tmp_path / "stick"), stdin=f"{PASS}\n{PASS}\n")
    raw = Path(made["file"]).read_bytes()
    header_end = len(MAGIC) + 4 + int.from_bytes(raw[len(MAGIC):len(MAGIC) + 4], "big")
    header = raw[len(MAGIC) + 4:header_end]
    salt_at = header.index(b'"salt"')
    # Bytes all over the header (each an scrypt run, so a sample) and every byte of the salt: a flipped salt
    # character may stop being hex at all, which must be refused like any other damage.
    offsets = sorted({*range(0, len(header), max(1, len(header) // 12)), *range(salt_at + 9, salt_at + 41)})
    flipped = [bytearray(raw) for _ in range(len(offsets) + 1)]
    for offset, copy in zip(offsets, flipped, strict=False):
        copy[len(MAGIC) + 4 + offset] ^= 0x01
    flipped[-1][header_end + 40] ^= 0x01  # a byte of the first sealed chunk
    for index, data in enumerate([*map(bytes, flipped), raw[:header_end + 30]]):
        bad = tmp_path / f"bad{index}.owbackup"
        bad.write_bytes(data)
        with pytest.raises(BackupDamaged):
            unpack_backup(bad, PASS, tmp_path / f"out{index}")
