"""Who is at the window: the logged-in clerk, the idle lock and the shift change (issue 13). Qt-free.

* ``login`` checks the password with the platform when it answers and offline against the verifier cached at the
  last online login (``clerk_app.sync.auth``; both injected, so this module does not depend on sync). Success and
  failure are written to the audit trail; the password is never kept.
* Training mode has its own accounts (``TRAINING_ACCOUNTS``, served by the bundled sandbox too) and says so. A
  documented training-only auto-login (``start_training``) lets tests and demonstrations skip the login screen.
* ``lock`` hides the session (idle time or Ctrl+L); ``unlock`` with the same clerk's password resumes it; another
  clerk's password means a shift change: the first clerk's session ends and the second one's begins.
* Listeners get ``(event, clerk)`` for ``login``, ``lock``, ``unlock`` and ``end`` on the calling thread, so a
  customer-facing screen can blank itself on ``lock``/``end``.
An expired platform token never blocks any of this: the sync engine asks for a new login, local work continues.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.security.vault import KeyVault
from offline_cache import audit_log
from offline_cache.db import Database

log = logging.getLogger("onewindow.security.session")

ROLES = ("clerk", "supervisor", "administrator")
# account -> (password, display name, role): the practice accounts of training mode (never valid in production).
TRAINING_ACCOUNTS: dict[str, tuple[str, str, str]] = {
    "trainee": ("trainee", "学员甲", "clerk"),
    "trainee2": ("trainee2", "学员乙", "clerk"),
    "duty": ("duty", "练习值班长", "supervisor"),
    "admin": ("admin", "练习管理员", "administrator"),
}

Listener = Callable[[str, "Clerk | None"], None]
PasswordCheck = Callable[[str, str], tuple[dict[str, Any], bool]]  # (account, password) -> (profile, online)


class NotLoggedIn(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "Nobody is logged in at this workstation.")


class NotAuthorised(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "This needs a supervisor's approval.")


class NotASupervisor(NotAuthorised):
    message = QT_TRANSLATE_NOOP("errors", "{account} cannot approve this: only the supervisor (值班长) or an "
                                "administrator can.")


@dataclass(frozen=True)
class Clerk:
    account: str
    name: str
    role: str
    training: bool
    online: bool

    @property
    def label(self) -> str:
        return f"{self.name} ({self.account})" if self.name and self.name != self.account else self.account


class ClerkSession:
    def __init__(self, db: Database, training: bool, check_password: PasswordCheck,
                 roles: dict[str, str] | None = None, vault: KeyVault | None = None) -> None:
        self.db = db
        self.vault = vault  # no OS key store: an accepted password opens (or re-seals) the data key
        self.training = training
        self._check_password = check_password
        self._roles = roles or {}
        self._clerk: Clerk | None = None
        self._locked = False
        self._listeners: list[Listener] = []
        self._lock = threading.RLock()

    # --- state -----------------------------------------------------------------------------------------------
    @property
    def clerk(self) -> Clerk | None:
        return self._clerk

    @property
    def locked(self) -> bool:
        return self._locked

    def require(self) -> Clerk:
        if self._clerk is None:
            raise NotLoggedIn()
        return self._clerk

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, event: str) -> None:
        for listener in list(self._listeners):
            listener(event, self._clerk)

    # --- checking a clerk ------------------------------------------------------------------------------------
    def role_of(self, account: str, profile: dict[str, Any]) -> str:
        if self.training and account in TRAINING_ACCOUNTS:
            return TRAINING_ACCOUNTS[account][2]
        role = str(profile.get("role") or self._roles.get(account) or "clerk")
        return role if role in ROLES else "clerk"

    def verify(self, account: str, password: str, purpose: str) -> Clerk:
        """Check a clerk's credential (login, unlock, a supervisor's approval); audited either way. Raises the
        checker's ``UserFacingError`` on a wrong password or a locked account."""
        try:
            profile, online = self._check_password(account, password)
            if self.vault is not None:
                self.vault.open_for_clerk(account, password)
        except Exception as exc:
            audit_log.write(self.db, "login_failed", account, {"purpose": purpose, "reason": type(exc).__name__})
            raise
        name = str((profile.get("clerk") or {}).get("name") or profile.get("name") or account)
        if self.training and account in TRAINING_ACCOUNTS:
            name = TRAINING_ACCOUNTS[account][1]
        return Clerk(account, name, self.role_of(account, profile), self.training, online)

    # --- session ---------------------------------------------------------------------------------------------
    def login(self, account: str, password: str) -> Clerk:
        clerk = self.verify(account, password, "login")
        self._begin(clerk, "login")
        return clerk

    def start_training(self, account: str = "trainee") -> Clerk:
        """Training-only auto-login (``--training-login`` / ``ONEWINDOW_TRAINING_LOGIN``): no password asked."""
        if not self.training or account not in TRAINING_ACCOUNTS:
            raise NotAuthorised()
        _password, name, role = TRAINING_ACCOUNTS[account]
        clerk = Clerk(account, name, role, True, False)
        self._begin(clerk, "login", auto=True)
        return clerk

    def _begin(self, clerk: Clerk, kind: str, **details: Any) -> None:
        with self._lock:
            self._clerk, self._locked = clerk, False
        audit_log.write(self.db, kind, clerk.account, {"role": clerk.role, "online": clerk.online,
                                                        "training": clerk.training, **details})
        log.info("clerk session began (%s, role %s)", kind, clerk.role)
        self._notify("login")

    def lock(self, reason: str = "manual") -> None:
        with self._lock:
            if self._clerk is None or self._locked:
                return
            self._locked = True
        audit_log.write(self.db, "lock", self._clerk.account, {"reason": reason})
        self._notify("lock")

    def unlock(self, account: str, password: str) -> str:
        """``unlock`` for the same clerk, ``shift_change`` when another clerk's password was given."""
        current = self.require()
        clerk = self.verify(account, password, "unlock")
        if clerk.account == current.account:
            with self._lock:
                self._locked = False
                self._clerk = replace(current, online=clerk.online)
            audit_log.write(self.db, "unlock", clerk.account)
            self._notify("unlock")
            return "unlock"
        self.end("shift_change", successor=clerk.account)
        self._begin(clerk, "login", after="shift_change")
        return "shift_change"

    def end(self, reason: str = "shift_change", **details: Any) -> None:
        with self._lock:
            clerk, self._clerk, self._locked = self._clerk, None, False
        if clerk is None:
            return
        audit_log.write(self.db, reason, clerk.account, details)
        self._notify("end")

    def approve(self, account: str, password: str, action: str, **details: Any) -> Clerk:
        """A supervisor's approval entered on the spot (void, a second reprint): their credential, checked and
        audited; ``NotAuthorised`` if the account is a plain clerk."""
        approver = self.verify(account, password, action)
        if approver.role not in ("supervisor", "administrator"):
            audit_log.write(self.db, "approval_refused", account, {"action": action, **details})
            raise NotASupervisor(account=account)
        audit_log.write(self.db, "approval", account, {"action": action, "clerk": self._clerk.account
                                                       if self._clerk else None, **details})
        return approver
