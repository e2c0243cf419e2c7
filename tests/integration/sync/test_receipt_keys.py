"""The centre receipt key over real HTTP: pulled with sync, any workstation of the centre checks any receipt's code,
a rotation keeps older receipts valid, and ``case verify`` says so."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import requests

from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths
from clerk_app.rules import LOCAL_KEY_ID, RulesService
from clerk_app.sync.service import SyncService

pytestmark = pytest.mark.integration

NUMBER = "33030200101202612010001"


def _pull(ws: Any, base_url: str) -> Any:
    ws = dataclasses.replace(ws, config=ws.config.with_overrides(platform__base_url=base_url,
                                                                 platform__read_timeout=5.0))
    service = SyncService(ws)
    try:
        report = service.engine.run_once(push=False)
    finally:
        service.close()
    assert report.pulled.get("receipt_keys") is not None, report.errors
    return report


def test_a_code_made_at_one_window_is_verified_at_another(workstation, sandbox, tmp_path) -> None:
    other = open_workstation(resolve_paths(tmp_path / "window-2"))
    try:
        first, second = RulesService(workstation), RulesService(other)
        local_code = first.verification_code(NUMBER)  # before any pull: this workstation's own key
        assert first.verify(NUMBER, local_code).key_id == LOCAL_KEY_ID
        assert not second.verify(NUMBER, local_code).valid
        _pull(workstation, sandbox.base_url)
        _pull(other, sandbox.base_url)
        code = first.verification_code(NUMBER)
        assert code != local_code
        result = second.verify(NUMBER, code)
        assert result.valid and result.key_id == "k1"
        forged = ("A" if code[0] != "A" else "B") + code[1:]
        assert not second.verify(NUMBER, forged).valid

        response = requests.post(f"{sandbox.base_url}/__admin/receipt-keys/rotate", timeout=5)
        response.raise_for_status()
        assert response.json()["current"] == "k2"
        _pull(workstation, sandbox.base_url)
        _pull(other, sandbox.base_url)
        rotated = first.verification_code(NUMBER)
        assert rotated != code and second.verify(NUMBER, rotated).key_id == "k2"
        assert second.verify(NUMBER, code).key_id == "k1"  # printed before the rotation: still valid
    finally:
        other.close()
