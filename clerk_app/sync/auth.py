"""Clerk login against the platform, with an offline fallback that never blocks local work.

* Online login: the platform's token pair goes to the OS key store (``store_secret``), and a slow salted hash of the
  password (scrypt, n=2**14) is cached in ``clerk_credentials`` so the same clerk can log in while offline later.
  The password itself is never stored.
* While online, the platform always decides: a wrong password online also forgets the cached hash, so a password
  changed (or an account disabled) centrally stops offline logins on this workstation too.
* An expired token stops syncing (``SessionExpired``, shown as "login expired"), never the clerk's local work.
* In training mode the sandbox's trainee account logs in by itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from clerk_app.security.keys import load_secret, store_secret
from clerk_app.sync.adapter import PlatformAdapter, Tokens
from clerk_app.sync.errors import (
    InvalidCredentials,
    LoginThrottled,
    OfflineLoginLocked,
    OfflineLoginUnavailable,
    PlatformBusy,
    PlatformUnreachable,
    SessionExpired,
    Unauthorised,
)
from offline_cache import credentials
from offline_cache.db import Database
from offline_cache.outbox import now_iso
from offline_cache.settings_kv import get_setting, put_setting

LAST_ACCOUNT_KEY = "sync.account"

log = logging.getLogger("onewindow.sync.auth")

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
REFRESH_MARGIN = 30.0
MAX_OFFLINE_FAILURES = 5
LOCKOUT_SECONDS = 300.0


def make_verifier(password: str, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_verifier(password: str, verifier: str) -> bool:
    try:
        scheme, n, _r, _p, salt, _digest = verifier.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(make_verifier(password, bytes.fromhex(salt), int(n)), verifier)


@dataclass
class _Session:
    account: str
    access_token: str | None
    refresh_token: str | None
    expires_at: float
    profile: dict[str, Any]
    online: bool


@dataclass(frozen=True)
class LoginResult:
    account: str
    online: bool
    profile: dict[str, Any]


def _remember_account(conn: Any, account: str) -> None:
    put_setting(conn, LAST_ACCOUNT_KEY, account)


def _secret_name(account: str) -> str:
    return f"platform-session:{account}"


def offline_login(db: Database, account: str, password: str) -> dict[str, Any]:
    """Check a password against the verifier cached at the last online login (with the lock-out); the profile."""
    row = credentials.cached(db, account)
    if row is None:
        raise OfflineLoginUnavailable()
    if row["locked_until"] > time.time():
        raise OfflineLoginLocked(minutes=max(1, round((row["locked_until"] - time.time()) / 60)))
    if not check_verifier(password, row["verifier"]):
        with db.transaction() as conn:
            credentials.count_failure(conn, account, MAX_OFFLINE_FAILURES, time.time() + LOCKOUT_SECONDS)
        raise InvalidCredentials()
    with db.transaction() as conn:
        _remember_account(conn, account)
        credentials.clear_failures(conn, account)
    log.info("offline login against the cached verifier")
    profile: dict[str, Any] = json.loads(row["profile"])
    return profile


class AuthService:
    def __init__(self, db: Database, adapter: PlatformAdapter, machine_id: str,
                 training_credentials: tuple[str, str] | None = None) -> None:
        self.db = db
        self.adapter = adapter
        self.machine_id = machine_id
        self.training_credentials = training_credentials
        self._session: _Session | None = None
        self._lock = threading.RLock()

    @property
    def account(self) -> str | None:
        return self._session.account if self._session else None

    def login(self, account: str, password: str, allow_offline: bool = True) -> LoginResult:
        try:
            tokens = self.adapter.login(account, password, self.machine_id)
        except Unauthorised as exc:
            with self.db.transaction() as conn:
                credentials.forget(conn, account)
            raise InvalidCredentials() from exc
        except LoginThrottled:
            raise  # the platform's throttle is the answer: an offline login must not step around it
        except (PlatformUnreachable, PlatformBusy):
            if not allow_offline:
                raise
            return self._offline_login(account, password)
        with self._lock:
            self._adopt(account, tokens)
        with self.db.transaction() as conn:
            _remember_account(conn, account)
            credentials.remember_online_login(conn, account, make_verifier(password), tokens.profile, now_iso())
        log.info("online login succeeded")
        return LoginResult(account, True, tokens.profile)

    def _offline_login(self, account: str, password: str) -> LoginResult:
        profile = offline_login(self.db, account, password)
        with self._lock:
            stored = self._load_stored(account)
            self._session = stored or _Session(account, None, None, 0.0, profile, False)
            self._session.online = False
        return LoginResult(account, False, profile)

    def logout(self) -> None:
        with self._lock:
            self._session = None

    def _adopt(self, account: str, tokens: Tokens) -> None:
        expires_at = time.time() + tokens.expires_in
        self._session = _Session(account, tokens.access_token, tokens.refresh_token, expires_at, tokens.profile,
                                 True)
        try:
            store_secret(_secret_name(account), json.dumps({
                "access_token": tokens.access_token, "refresh_token": tokens.refresh_token,
                "expires_at": expires_at, "profile": tokens.profile}))
        except Exception as exc:  # no key store: the session lives in memory only, which is still correct
            log.warning("could not keep the platform session in the key store: %s", type(exc).__name__)

    def _load_stored(self, account: str) -> _Session | None:
        try:
            raw = load_secret(_secret_name(account))
        except Exception:  # an unavailable key store means "no stored session"
            return None
        if not raw:
            return None
        data = json.loads(raw)
        return _Session(account, data["access_token"], data["refresh_token"], float(data["expires_at"]),
                        data.get("profile", {}), True)

    def resume(self, account: str | None = None) -> bool:
        """Pick up the session of ``account`` (default: the last clerk who logged in here) kept in the key store
        after a restart; False if there is none."""
        if account is None:
            account = get_setting(self.db, LAST_ACCOUNT_KEY)
            if account is None:
                return False
        with self._lock:
            stored = self._load_stored(account)
            if stored is not None:
                self._session = stored
            return stored is not None

    def access_token(self) -> str:
        """A valid access token, refreshing or (training) logging in as needed; ``SessionExpired`` otherwise."""
        with self._lock:
            session = self._session
            if session is None or session.access_token is None:
                if self.training_credentials is None:
                    raise SessionExpired()
                self.login(*self.training_credentials, allow_offline=False)
                session = self._session
                if session is None or session.access_token is None:
                    raise SessionExpired()
            if session.expires_at - time.time() < REFRESH_MARGIN:
                self._refresh(session)
            assert self._session is not None and self._session.access_token is not None
            return self._session.access_token

    def token_rejected(self) -> None:
        """The platform answered 401 to a call: refresh once, or give up with ``SessionExpired``."""
        with self._lock:
            if self._session is None:
                raise SessionExpired()
            self._refresh(self._session)

    def _refresh(self, session: _Session) -> None:
        tokens = None
        if session.refresh_token:
            try:
                tokens = self.adapter.refresh(session.refresh_token)
            except Unauthorised:
                tokens = None
        if tokens is not None:
            self._adopt(session.account, tokens)
            return
        if self.training_credentials is not None:
            self.login(*self.training_credentials, allow_offline=False)
            return
        session.access_token = None
        session.online = False
        raise SessionExpired()
