"""Typed errors.

``UserFacingError`` and its subclasses carry a message the clerk can act on; ``ui.errors.show_exception`` is the one
place that turns them into dialogs, the CLI prints them. Anything else that escapes is a bug and goes to the crash
handler. Messages never contain personal data (ID numbers, names): pass such values only to the UI separately.
"""

from __future__ import annotations

from typing import Any

from clerk_app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "errors"


class UserFacingError(Exception):
    """An expected failure with a message for the clerk.

    ``message`` is English source text marked for translation; ``params`` fill its ``{placeholders}`` after
    translation. ``help_topic`` names a section of the operator manual.
    """

    message: str = QT_TRANSLATE_NOOP("errors", "The operation could not be completed.")
    help_topic: str | None = None

    def __init__(self, message: str | None = None, /, **params: Any) -> None:
        if message is not None:
            self.message = message
        self.params = params
        super().__init__(self.message.format(**params) if params else self.message)

    def user_text(self) -> str:
        text = translate(CONTEXT, self.message)
        try:
            return text.format(**self.params) if self.params else text
        except (KeyError, IndexError):
            return text


class Cancelled(Exception):
    """The clerk cancelled; nothing to show."""


class ValidationError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The entered data is not valid.")


class StorageError(UserFacingError):
    """A known storage problem caused by the environment, not by a bug."""

    message = QT_TRANSLATE_NOOP("errors", "The local database could not be used.")


class StorageFull(StorageError):
    message = QT_TRANSLATE_NOOP("errors", "The disk is full. Free some space; nothing already saved was lost.")


class StorageLocked(StorageError):
    message = QT_TRANSLATE_NOOP("errors", "The local database is busy in another program. Try again in a moment.")


class StorageCorrupt(StorageError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The local database file is damaged. Call the hall's IT staff; do not delete the data folder."
    )


class DatabaseNewerThanProgram(StorageError):
    """The database was last migrated by a newer version (a downgrade): opening it could lose or garble data."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The local database was written by a newer version of OneWindow (database version {found}; this "
        "program knows up to {known}). It was not opened and nothing was changed. Install the newer version again, "
        "or call the hall's IT staff."
    )


class KeyUnavailable(StorageError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The encryption key could not be read from the system key store: {reason}"
    )


class DataLocked(StorageError):
    """The data key is wrapped under the clerks' passwords (no OS key store) and nobody has opened it yet."""

    message = QT_TRANSLATE_NOOP("errors", "The workstation's data is locked: it opens when a clerk logs in.")


class PersonalDataPurged(UserFacingError):
    """Read of a case whose personal fields the retention period removed (clerk_app.security.retention)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "This case's personal data was removed from this PC after the retention period; the platform "
        "keeps the case file.")


class DeviceError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The device reported an error.")


class DeviceNotFound(DeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The device is not connected or not switched on.")


class DeviceBusy(DeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The device is busy. Wait for the current operation to finish.")


class NetworkError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The network is not reachable. Work continues offline.")


class ServerRefused(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The platform refused the request: {reason}")


class LoginExpired(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The platform login has expired. Log in again to resume syncing.")


class CatalogError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The service catalog data is not valid.")


class PrintError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The document could not be printed: {reason}")
