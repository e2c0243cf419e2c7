"""The sandbox authorises, not only authenticates: who may write which case, and throttled failed logins.

* Every clerk account belongs to one centre (``clerks.centre_code``). A token's caller (``Caller``) writes only cases
  of that centre: a new case whose ``centre_code`` is another's, and a re-sent case, a binding, a handover, a void,
  a supplement or an evaluation of a case stored for another centre, are 403 ``wrong_centre``. Case changes are
  fed for the token's centre only (never a header the client chooses).
* Failed logins are throttled per account and per client address (``LoginThrottle``): after ``allowed`` failures in
  a row the next attempts, right or wrong, are 429 ``too_many_attempts`` with ``Retry-After`` until the lock-out has
  passed; a success clears the account's count.
"""

import math
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends

from sandbox.api import ApiError
from sandbox.store import Store


@dataclass(frozen=True)
class Caller:
    account: str
    centre_code: str


def caller_type(store: Store, clerk: Callable[..., str]) -> Any:
    """The ``Caller`` dependency (the token's account and its centre) as an annotated parameter type."""
    centres: dict[str, str] = {}  # an account's centre is fixed once the sandbox has started

    def caller(account: Annotated[str, Depends(clerk)]) -> Caller:
        centre = centres.get(account)
        if centre is None:
            rows = store.query("SELECT centre_code FROM clerks WHERE account = ?", (account,))
            centre = centres[account] = str(rows[0][0]) if rows else ""
        return Caller(account, centre)

    return Annotated[Caller, Depends(caller)]


def wrong_centre() -> ApiError:
    return ApiError(403, "wrong_centre", "this case belongs to another centre: a clerk writes only cases of their own"
                    " centre")


def require_own_case(conn: sqlite3.Connection, case_uuid: str, caller: Caller) -> str:
    """The stored case's centre if it is the caller's; 404 for an unknown case, 403 for another centre's."""
    row = conn.execute("SELECT centre_code FROM cases WHERE case_uuid = ?", (case_uuid.lower(),)).fetchone()
    if row is None:
        raise ApiError(404, "case_unknown", "no such case; send the case first")
    if row[0] != caller.centre_code:
        raise wrong_centre()
    return str(row[0])


class LoginThrottle:
    def __init__(self, allowed: int = 5, lockout_seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.allowed, self.lockout, self.clock = allowed, lockout_seconds, clock
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures in a row, time of the last)
        self._lock = threading.Lock()

    @staticmethod
    def keys(account: str, client: str) -> tuple[tuple[str, int], ...]:
        # An address may try a few accounts (a hall's clerks share a NAT) before it is stopped as well.
        return (f"account:{account}", 1), (f"client:{client}", 4)

    def check(self, account: str, client: str) -> None:
        now = self.clock()
        with self._lock:
            for key, factor in self.keys(account, client):
                count, last = self._failures.get(key, (0, 0.0))
                wait = last + self.lockout - now
                if count >= self.allowed * factor and wait > 0:
                    raise ApiError(429, "too_many_attempts", "too many failed logins; try again later",
                                   headers={"Retry-After": str(math.ceil(wait))},
                                   retry_after_seconds=math.ceil(wait))
                if count and wait <= 0 and count >= self.allowed * factor:
                    self._failures.pop(key, None)  # the lock-out has passed: a fresh count

    def failed(self, account: str, client: str) -> None:
        now = self.clock()
        with self._lock:
            for key, _factor in self.keys(account, client):
                count, _last = self._failures.get(key, (0, 0.0))
                self._failures[key] = (count + 1, now)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(f"account:{account}", None)
