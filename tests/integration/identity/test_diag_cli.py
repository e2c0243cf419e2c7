"""``main.py diag idcard`` end to end: a separate process reads the emulated reader on the pty."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.domain.applicant import IdDocumentType
from clerk_app.identity.records import JSON_KEYS
from devices.idcard.layouts import encode_text
from tests.integration.identity.sam_emulator import SamEmulator

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def _diag(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"ONEWINDOW_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "diag", *args], capture_output=True,
                          text=True, env=env, timeout=60, cwd=ROOT)


def _permit() -> bytes:
    return encode_text(IdDocumentType.HK_MACAU_TAIWAN_PERMIT, name="陈家明", gender="2", birth="19940823",
                       id_number="810000199408230021", issuer="温州市公安局", valid_from="20210601",
                       valid_until="20260601", permit_number="H12345678", issue_count="02")


def test_diag_idcard_json_masked_and_revealed(sam: SamEmulator, tmp_path: Path) -> None:
    sam.place(_permit())
    result = _diag(tmp_path, "idcard", "--serial", sam.port, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert tuple(data) == JSON_KEYS
    assert data["card_type"] == "hk_macau_taiwan"
    assert data["id_number"] == "810000********0021"
    assert data["permit_number"] == "*********"  # too short to keep 6+4 characters: fully masked
    assert "H12345678" not in result.stdout and "810000199408230021" not in result.stdout
    assert (data["valid_until"], data["long_term"], data["issue_count"]) == ("2026-06-01", False, "02")
    assert data["nation"] is None and data["english_name"] is None

    sam.lift()
    sam.place(_permit())
    result = _diag(tmp_path, "idcard", "--serial", sam.port, "--json", "--reveal")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["id_number"], data["permit_number"]) == ("810000199408230021", "H12345678")


def test_diag_idcard_no_card_and_no_reader(sam: SamEmulator, tmp_path: Path) -> None:
    result = _diag(tmp_path, "idcard", "--serial", sam.port, "--wait", "0.3")
    assert result.returncode == 1
    assert result.stderr.strip()  # a sentence for the clerk, no traceback
    assert "Traceback" not in result.stderr
    result = _diag(tmp_path, "idcard", "--serial", str(tmp_path / "nonexistent"), "--wait", "0.3")
    assert result.returncode == 1 and "Traceback" not in result.stderr
