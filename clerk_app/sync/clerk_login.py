"""How a workstation checks a clerk's password (``clerk_app.security.clerk_session`` is given this checker).

The platform decides when it answers (the sync service's auth: online login, token to the key store, verifier
cached); when it cannot be reached the cached verifier with its lock-out decides (``auth.offline_login``). At start
the sync service is still being built off the GUI thread (in training it starts the sandbox): the check waits for it
a little, then falls back to the verifier. In training mode with no sandbox yet the practice accounts' own
passwords are accepted, so a training workstation never waits on its own stand-in platform.
"""

from __future__ import annotations

import time
from typing import Any

from clerk_app.security.clerk_session import TRAINING_ACCOUNTS, ClerkSession, PasswordCheck
from clerk_app.sync.auth import offline_login
from clerk_app.sync.errors import InvalidCredentials


def password_check(ws: Any, wait_for_sync: float = 10.0) -> PasswordCheck:
    def sync_service() -> Any:
        deadline = time.monotonic() + wait_for_sync
        while True:
            service = ws.services.get("sync")
            if service is not None or time.monotonic() >= deadline:
                return service
            time.sleep(0.1)

    def check(account: str, password: str) -> tuple[dict[str, Any], bool]:
        service = sync_service()
        if service is not None and service.configured:
            result = service.auth.login(account, password)
            return result.profile, result.online
        if ws.is_training and account in TRAINING_ACCOUNTS:
            if password != TRAINING_ACCOUNTS[account][0]:
                raise InvalidCredentials()
            return {}, False
        return offline_login(ws.db, account, password), False

    return check


def clerk_session(ws: Any) -> ClerkSession:
    """The workstation's clerk session, built once and kept in ``ws.services["clerk_session"]``."""
    existing = ws.services.get("clerk_session")
    if existing is not None:
        return existing
    config = ws.config
    roles = {account: "supervisor" for account in config.get("security.supervisors")}
    roles.update({account: "administrator" for account in config.get("security.administrators")})
    session = ClerkSession(ws.db, ws.is_training, password_check(ws), roles)
    ws.services["clerk_session"] = session
    return session
