"""No key beside the data, with the real Secret Service (gnome-keyring in a private D-Bus session, tests/stack.py)
present and then absent: the key lives in the key store, so the data folder copied to a PC without it opens
nothing; with no key store at all the key is sealed under the clerks' passwords (tests/unit/security/
test_key_vault.py covers that path in depth)."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import keyring.backends.null
import pytest

from clerk_app.context import open_workstation
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.errors import DataLocked
from clerk_app.paths import resolve_paths
from clerk_app.security.clerk_session import ClerkSession
from clerk_app.security.keys import DATA_KEY_USER, SERVICE
from clerk_app.security.vault import VaultNotSetUp

pytestmark = pytest.mark.integration


def _production_home(root: Path) -> Path:
    (root / "config").mkdir(parents=True)
    (root / "config" / "onewindow.toml").write_text('mode = "production"\n', encoding="utf-8")
    return root


def _applicant() -> Applicant:
    return Applicant(NaturalPerson(name="张晓明", id_type=IdDocumentType.RESIDENT_ID, id_number="11010519491231002X",
                                   address="北京市朝阳区某某路1号", source=CaptureSource.CARD_READER))


def test_key_in_gnome_keyring_and_a_copied_folder_without_it(secret_service, tmp_path):
    home = _production_home(tmp_path / "pc")
    ws = open_workstation(resolve_paths(home))
    try:
        assert ws.key_source is not None and ws.key_source.is_os_keystore and ws.vault is None
        applicant_uuid = ws.applicants.add(_applicant())
        assert ws.applicants.get(applicant_uuid).principal.name == "张晓明"
    finally:
        ws.close()
    assert keyring.get_password(SERVICE, DATA_KEY_USER)
    assert not list((home / "data").rglob(".data-key"))

    stolen = tmp_path / "stolen"
    shutil.copytree(home, stolen)
    keyring.set_keyring(keyring.backends.null.Keyring())  # another PC: no key store (the fixture restores it)
    ws = open_workstation(resolve_paths(stolen))
    try:
        assert ws.key_source is not None and ws.key_source.backend == "password-wrapped"
        with pytest.raises(DataLocked):
            ws.applicants.get(applicant_uuid)
        session = ClerkSession(ws.db, False, lambda _a, _p: ({}, False), vault=ws.vault)
        with pytest.raises(VaultNotSetUp):  # no sealed copy travelled: no password opens it
            session.login("zhang", "any")
        assert not ws.cipher.unlocked
    finally:
        ws.close()


def test_the_secret_service_is_found_without_keyrings_discovery(secret_service, monkeypatch, tmp_path):
    """A PC with a desktop session and nothing configured for keyring: ``choose_backend`` asks the Secret Service
    directly (keyring's entry-points discovery is not run) and the data key goes there."""
    import keyring.backend
    import keyring.core
    import keyring.util.platform_
    from keyring.backends import SecretService

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.util.platform_, "config_root", lambda: tmp_path / "no-keyring-config")

    def discovery() -> list[keyring.backend.KeyringBackend]:
        raise AssertionError("keyring's discovery ran")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", discovery)
    keyring.core._keyring_backend = None  # nothing chosen yet, as in a fresh process (the fixture restores it)
    home = _production_home(tmp_path / "pc")
    ws = open_workstation(resolve_paths(home))
    try:
        assert isinstance(keyring.get_keyring(), SecretService.Keyring)
        assert ws.key_source is not None and ws.key_source.is_os_keystore
    finally:
        ws.close()
    assert keyring.get_password(SERVICE, DATA_KEY_USER)
