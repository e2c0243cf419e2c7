"""How a workstation checks a clerk's password (``clerk_app.security.clerk_session`` is given this checker).

The platform decides when it answers (the sync service's auth: online login, token to the key store, verifier
cached); when it cannot be reached the cached verifier with its lock-out decides (``auth.offline_login``). At start
the platform is still being started off the GUI thread (``Services.start_platform``; in training it starts the
sandbox): the check waits for it a little (``platform_ready``), then falls back to the verifier. In training mode
with no sandbox yet the practice accounts' own passwords are accepted, so a training workstation never waits on its
own stand-in platform.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clerk_app.context import Workstation
from clerk_app.security.clerk_session import TRAINING_ACCOUNTS, ClerkSession, PasswordCheck
from clerk_app.sync.auth import offline_login
from clerk_app.sync.errors import InvalidCredentials
from offline_cache.db import Database

if TYPE_CHECKING:  # the GUI builds the clerk session before the sync service (``clerk_app.services``)
    from clerk_app.sync.service import SyncService


def password_check(db: Database, training: bool, sync: SyncService | Callable[[], SyncService | None],
                   platform_ready: threading.Event, wait_for_sync: float = 10.0) -> PasswordCheck:
    """``sync``: the sync service, or how to get it when a password is checked (the GUI's staged start builds the
    clerk session for the login screen before the sync service, which exists once the platform is ready)."""

    def check(account: str, password: str) -> tuple[dict[str, Any], bool]:
        service = (sync() if callable(sync) else sync) if platform_ready.wait(wait_for_sync) else None
        if service is not None and service.configured:
            result = service.auth.login(account, password)
            return result.profile, result.online
        if training and account in TRAINING_ACCOUNTS:
            if password != TRAINING_ACCOUNTS[account][0]:
                raise InvalidCredentials()
            return {}, False
        return offline_login(db, account, password), False

    return check


def clerk_session(ws: Workstation, sync: SyncService | Callable[[], SyncService | None],
                  platform_ready: threading.Event) -> ClerkSession:
    """The workstation's clerk session (built once, by the composition root ``clerk_app.services``)."""
    return ClerkSession(ws.db, ws.is_training, password_check(ws.db, ws.is_training, sync, platform_ready),
                        _roles(ws), vault=ws.vault)


def _roles(ws: Workstation) -> dict[str, str]:
    config = ws.config
    roles = {account: "supervisor" for account in config.get("security.supervisors")}
    roles.update({account: "administrator" for account in config.get("security.administrators")})
    return roles


def command_line_session(ws: Workstation, sync: SyncService) -> ClerkSession:
    """A clerk session for a CLI command that needs a credential (``config set``): the platform is asked at once
    when there is one (no bundled sandbox is started for it); in training the practice accounts' own passwords."""
    ready = threading.Event()
    if not ws.is_training:
        ready.set()
    return ClerkSession(ws.db, ws.is_training, password_check(ws.db, ws.is_training, sync, ready, 0.0),
                        _roles(ws), vault=ws.vault)
