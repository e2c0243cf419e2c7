"""Typed sync errors. Each names the real cause so the status bar never says "no network" for a server fault."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from clerk_app.errors import LoginExpired, NetworkError, ServerRefused, UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class SyncErrorKind(StrEnum):
    """What the status bar tells the clerk: the real cause, never "no network" for a server fault (PEERS #12)."""

    NETWORK = "network"  # no answer at all
    SERVER = "server"  # the platform answered: busy, failing or refusing
    LOGIN = "login"  # the token is missing or expired: the clerk logs in again
    INTERNAL = "internal"  # a fault of this workstation: see the log


class PlatformUnreachable(NetworkError):
    """No answer at all: connection refused or dropped, DNS, timeout."""

    kind = SyncErrorKind.NETWORK
    message = QT_TRANSLATE_NOOP("errors", "The platform cannot be reached ({reason}). Work continues offline.")


class PlatformBusy(ServerRefused):
    """429 or 5xx: the platform is there but cannot take the request now."""

    kind = SyncErrorKind.SERVER
    message = QT_TRANSLATE_NOOP("errors", "The platform is overloaded or failing (HTTP {status}); retrying later.")

    def __init__(self, status: int, retry_after: float | None, code: str = "") -> None:
        super().__init__(status=status)
        self.status, self.retry_after, self.code = status, retry_after, code or f"http_{status}"


class PlatformRejected(ServerRefused):
    """A 4xx other than 401/409: the request as sent will not be accepted."""

    kind = SyncErrorKind.SERVER
    message = QT_TRANSLATE_NOOP("errors", "The platform refused the data (HTTP {status}, {code}).")

    def __init__(self, status: int, code: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(status=status, code=code)
        self.status, self.code, self.details = status, code, details or {}


class WrongCentre(PlatformRejected):
    """403 ``wrong_centre``: the platform lets a clerk write only cases of their own centre."""

    message = QT_TRANSLATE_NOOP("errors", "The platform refused: this case belongs to another service centre, and "
                                "this account may only send cases of its own centre (HTTP 403).")


class LoginThrottled(PlatformBusy):
    """429 ``too_many_attempts`` at login: the platform stops this account (or address) for a while. Never
    answered with an offline login, which would step around the platform's throttle."""

    kind = SyncErrorKind.LOGIN
    message = QT_TRANSLATE_NOOP("errors", "Too many failed logins: the platform accepts this account again in "
                                "{seconds} seconds (HTTP 429).")

    def __init__(self, retry_after: float | None) -> None:
        UserFacingError.__init__(self, seconds=int(retry_after or 60))
        self.status, self.retry_after, self.code = 429, retry_after, "too_many_attempts"


class ContentConflict(PlatformRejected):
    """409: the platform already holds this key with different content (or a precondition such as an offset)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The platform already holds this case with different content; it needs the clerk's attention."
    )


class Unauthorised(ServerRefused):
    """401 on a call: the token is missing or expired (the caller refreshes once)."""

    kind = SyncErrorKind.LOGIN
    message = QT_TRANSLATE_NOOP("errors", "The platform did not accept the login token.")

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class SessionExpired(LoginExpired):
    kind = SyncErrorKind.LOGIN


class InvalidCredentials(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The account or password is wrong.")


class OfflineLoginUnavailable(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The platform cannot be reached and this account has never logged in online on this workstation."
    )


class OfflineLoginLocked(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Too many wrong passwords while offline. Try again in {minutes} minutes, or log in online."
    )


class InsecurePlatformUrl(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The platform address must use https (plain http is allowed only for the local sandbox)."
    )


class ExportPassphraseRequired(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "An export needs a passphrase of at least 8 characters.")


def error_kind(exc: BaseException) -> SyncErrorKind:
    if isinstance(exc, LoginExpired):
        return SyncErrorKind.LOGIN
    kind = getattr(exc, "kind", None)
    return kind if isinstance(kind, SyncErrorKind) else SyncErrorKind.INTERNAL
