"""No key beside the data (issue 13): without an OS key store the data key is sealed under the clerks' passwords
and a recovery key, so a copy of the data folder alone opens nothing. All on the real SQLite file and blob folder;
the key store is the null one (tests/conftest.py), as on a kiosk without a desktop session."""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pytest

import main
from clerk_app.context import Workstation, open_workstation
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.errors import DataLocked
from clerk_app.paths import resolve_paths
from clerk_app.security.clerk_session import ClerkSession
from clerk_app.security.vault import NoKeyForClerk, VaultNotSetUp, WrongRecoveryKey
from offline_cache import audit_log

KNOWN_ID = "11010519491231002X"


def _production_home(root: Path) -> Path:
    (root / "config").mkdir(parents=True)
    (root / "config" / "onewindow.toml").write_text('mode = "production"\n', encoding="utf-8")
    return root


def _open(home: Path) -> Workstation:
    return open_workstation(resolve_paths(home))


def _applicant() -> Applicant:
    return Applicant(NaturalPerson(name="张晓明", id_type=IdDocumentType.RESIDENT_ID, id_number=KNOWN_ID,
                                   address="北京市朝阳区某某路1号", source=CaptureSource.CARD_READER))


def _accept_any(_account: str, _password: str) -> tuple[dict[str, object], bool]:
    return {}, False  # the platform / cached verifier accepted the password (their own tests cover them)


def _set_up_with_one_applicant(home: Path) -> tuple[str, str, str]:
    """Returns (recovery key, applicant uuid, blob sha) after the first clerk 'zhang' was enrolled."""
    ws = _open(home)
    try:
        assert ws.vault is not None and not ws.cipher.unlocked
        code = ws.vault.initialise()
        ws.vault.enrol("zhang", "zhang-pw")
        applicant_uuid = ws.applicants.add(_applicant())
        sha = ws.blobs.put(b"scan of an ID card")
        ws.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
        key = ws.vault._require_open()
    finally:
        ws.close()
    haystack = b"".join(p.read_bytes() for p in (home / "data").rglob("*") if p.is_file())
    assert key not in haystack and base64.b64encode(key) not in haystack  # the key is nowhere in the folder
    return code, applicant_uuid, sha


def test_a_copy_of_the_data_folder_alone_opens_nothing(tmp_path):
    home = _production_home(tmp_path / "pc")
    code, applicant_uuid, sha = _set_up_with_one_applicant(home)
    stolen = tmp_path / "stolen"
    shutil.copytree(home, stolen)
    assert not list((stolen / "data").rglob(".data-key"))

    ws = _open(stolen)
    try:
        assert ws.key_source is not None and ws.key_source.backend == "password-wrapped"
        with pytest.raises(DataLocked):
            ws.applicants.get(applicant_uuid)
        with pytest.raises(DataLocked):
            ws.blobs.get(sha)
        assert ws.vault is not None
        assert not ws.vault.open_with_password("zhang", "guess")
        with pytest.raises(WrongRecoveryKey):
            ws.vault.open_with_recovery("AAAA-" * 7 + "AAAA")
        assert not ws.cipher.unlocked
        # ...while the right password (or the recovery key) opens it.
        assert ws.vault.open_with_password("zhang", "zhang-pw")
        assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
        assert ws.blobs.get(sha) == b"scan of an ID card"
    finally:
        ws.close()
    ws = _open(stolen)
    try:
        assert ws.vault is not None
        ws.vault.open_with_recovery(code.lower().replace("-", " "))  # typed loosely by the administrator
        assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
    finally:
        ws.close()


def test_login_opens_the_data_and_enrols_the_next_clerk(tmp_path):
    home = _production_home(tmp_path / "pc")
    _code, applicant_uuid, _sha = _set_up_with_one_applicant(home)

    ws = _open(home)
    try:
        session = ClerkSession(ws.db, False, _accept_any, vault=ws.vault)
        with pytest.raises(NoKeyForClerk):  # a new clerk first, with nobody having opened the data
            session.login("li", "li-pw")
        assert "NoKeyForClerk" in audit_log.recent(ws.db, 1, "login_failed")[0]["details"]
        assert session.clerk is None and not ws.cipher.unlocked

        session.login("zhang", "zhang-pw")
        assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
        session.lock()
        assert session.unlock("li", "li-pw") == "shift_change"  # li's accepted password is sealed now
        assert ws.vault is not None and sorted(ws.vault.holders()) == ["li", "zhang"]
        session.login("zhang", "zhang-new-pw")  # changed at the platform: re-sealed while open
    finally:
        ws.close()

    for account, password, opens in (("li", "li-pw", True), ("zhang", "zhang-pw", False),
                                     ("zhang", "zhang-new-pw", True)):
        ws = _open(home)
        try:
            session = ClerkSession(ws.db, False, _accept_any, vault=ws.vault)
            if opens:
                session.login(account, password)
                assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
            else:
                with pytest.raises(NoKeyForClerk):
                    session.login(account, password)
        finally:
            ws.close()


def test_not_set_up_says_so_and_sync_waits(tmp_path):
    home = _production_home(tmp_path / "pc")
    ws = _open(home)
    try:
        session = ClerkSession(ws.db, False, _accept_any, vault=ws.vault)
        with pytest.raises(VaultNotSetUp):
            session.login("zhang", "zhang-pw")
        with pytest.raises(DataLocked):
            ws.applicants.add(_applicant())
    finally:
        ws.close()


def _cli(home: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main.run(["--home", str(home), *args])


def test_cli_init_moves_a_legacy_key_file_and_enrol_uses_the_recovery_key(tmp_path, monkeypatch, capsys):
    home = _production_home(tmp_path / "pc")
    # An older version kept the key in a file beside the data (the old default): it still opens...
    legacy_config = home / "config" / "onewindow.toml"
    legacy_config.write_text('mode = "production"\n[storage]\nallow_file_key_fallback = true\n', encoding="utf-8")
    ws = _open(home)
    applicant_uuid = ws.applicants.add(_applicant())
    ws.close()
    legacy_config.write_text('mode = "production"\n', encoding="utf-8")
    key_file = home / "data" / ".data-key"
    assert key_file.exists()
    assert _cli(home, monkeypatch, "key", "status", "--json") == 0
    assert '"legacy_key_file": true' in capsys.readouterr().out

    # ...until the administrator seals it: the file goes, the recovery key is shown once.
    assert _cli(home, monkeypatch, "key", "init") == 0
    out = capsys.readouterr().out
    code = next(line.strip() for line in out.splitlines() if line.strip().count("-") == 7)
    assert not key_file.exists()
    assert _cli(home, monkeypatch, "key", "init") == 1  # only once
    capsys.readouterr()

    assert _cli(home, monkeypatch, "key", "enrol", "zhang", stdin="wrong\n") == 1
    assert "恢复密钥无法打开" in capsys.readouterr().err
    assert _cli(home, monkeypatch, "key", "enrol", "zhang", stdin=f"{code}\nzhang-pw\nzhang-pw\n") == 0
    ws = _open(home)
    try:
        assert ws.vault is not None and ws.vault.open_with_password("zhang", "zhang-pw")
        assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
        kinds = [entry["kind"] for entry in audit_log.recent(ws.db, 10)]
        assert "key_setup" in kinds and "key_enrol" in kinds
    finally:
        ws.close()


def test_training_mode_keeps_its_practice_key_file(tmp_path):
    ws = _open(tmp_path / "training")  # no configuration: training mode, practice data only
    try:
        assert ws.vault is None and ws.cipher.unlocked
        assert (ws.paths.data_dir / ".data-key").exists()
    finally:
        ws.close()


def test_doctor_reports_how_the_key_is_kept(tmp_path):
    from clerk_app.cli.commands.doctor import _key_check

    home = _production_home(tmp_path / "pc")
    ws = _open(home)
    try:
        assert ws.vault is not None
        before = _key_check(ws)
        assert before["ok"] is False and "key init" in before["detail"] and before["wrapped"] is True
        ws.vault.initialise()
        ws.vault.enrol("zhang", "zhang-pw")
        after = _key_check(ws)
        assert after["ok"] is True and "1 clerk" in after["detail"] and after["fallback"] is False
    finally:
        ws.close()
    training = _open(tmp_path / "training")
    try:
        check = _key_check(training)
        assert check["ok"] is False and check["fallback"] is True  # a key file beside the data is never OK
    finally:
        training.close()
