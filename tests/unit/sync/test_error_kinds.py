"""Sync errors are typed from the raising code to the status bar: each failure names its real cause."""

from __future__ import annotations

import json

import pytest

from clerk_app.errors import LoginExpired
from clerk_app.sync.errors import (
    ContentConflict,
    PlatformBusy,
    PlatformRejected,
    PlatformUnreachable,
    SessionExpired,
    SyncErrorKind,
    Unauthorised,
    error_kind,
)
from clerk_app.sync.service import SyncStatus
from ui.sync_wiring import error_text


@pytest.mark.parametrize(("exc", "kind"), [
    (PlatformUnreachable(reason="timeout"), SyncErrorKind.NETWORK),
    (PlatformBusy(503, None), SyncErrorKind.SERVER),
    (PlatformRejected(422, "bad_field"), SyncErrorKind.SERVER),
    (ContentConflict(409, "conflict"), SyncErrorKind.SERVER),
    (Unauthorised("token_expired"), SyncErrorKind.LOGIN),
    (SessionExpired(), SyncErrorKind.LOGIN),
    (LoginExpired(), SyncErrorKind.LOGIN),
    (KeyError("a bug"), SyncErrorKind.INTERNAL),
])
def test_each_failure_has_its_kind(exc: BaseException, kind: SyncErrorKind) -> None:
    assert error_kind(exc) is kind


def test_the_status_bar_names_each_cause_differently(qapp: object) -> None:
    texts = {kind: error_text(kind, "http_503") for kind in SyncErrorKind}
    assert len(set(texts.values())) == len(SyncErrorKind)
    assert "http_503" in (texts[SyncErrorKind.SERVER] or "")
    assert error_text(None, None) is None


def test_the_status_stays_json_for_the_cli() -> None:
    status = SyncStatus(True, False, 3, 0, None, None, SyncErrorKind.NETWORK, "timeout", None, None)
    assert json.loads(json.dumps(status.as_dict()))["last_error_kind"] == "network"
