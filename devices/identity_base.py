"""Identity readers: the driver interface, the record a read produces, and the errors the clerk can act on.

Shaped after Electrum's split: an ``IdentityDriver`` is the factory (discovery, library check), an
``IdentityReader`` is one live connection (open, poll, read, close, self-test). Every reader method runs on
the device stack's own thread (``devices.executor.DeviceStackExecutor``); the reader manager in
``devices.identity_manager`` guarantees that. Nothing here imports Qt.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.applicant import CaptureSource, Gender, IdDocumentType
from clerk_app.errors import DeviceError, DeviceNotFound
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate


class ReaderKind(enum.Enum):
    SAM_SERIAL = "sam_serial"
    PCSC = "pcsc"
    SIMULATED = "simulated"


@dataclass(frozen=True)
class ReaderInfo:
    """One discovered reader; ``stack`` names the thread that drives it (one per port, one for PC/SC)."""

    kind: ReaderKind
    path: str  # serial port, PC/SC reader name, or "simulated"
    label: str
    stack: str

    @property
    def simulated(self) -> bool:
        return self.kind is ReaderKind.SIMULATED


class Presence(enum.Enum):
    NEW_CARD = "new_card"  # a card is on the reader and has not been read yet
    NO_NEW_CARD = "no_new_card"  # nothing, or the card already read (SAM readers cannot tell which)
    REMOVED = "removed"  # the reader saw the card leave (PC/SC, simulated)


class PhotoState(enum.Enum):
    ABSENT = "absent"
    UNDECODED = "undecoded"
    DECODED = "decoded"


@dataclass(frozen=True, repr=False)
class IdentityRecord:
    """What one card gave. Strings are stripped; dates parsed; ``valid_until`` is None with ``long_term``.

    ``repr`` names only the card type so that a record can never leak into a log line by accident.
    """

    card_type: IdDocumentType
    name: str
    id_number: str
    source: CaptureSource
    english_name: str | None = None
    gender: Gender = Gender.UNKNOWN
    nation_code: str | None = None
    nation: str | None = None
    birth_date: date | None = None
    address: str | None = None
    issuer: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    long_term: bool = False
    nationality: str | None = None
    permit_number: str | None = None
    issue_count: str | None = None
    photo_wlt: bytes | None = None  # raw vendor-compressed block; dropped unless devices.keep_photo
    photo_bmp: bytes | None = None  # decoded 102x126 BMP when a vendor decoder is installed
    has_photo: bool = False  # the card carried a photo block (even if it was not kept)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def photo_state(self) -> PhotoState:
        if self.photo_bmp:
            return PhotoState.DECODED
        if self.has_photo or self.photo_wlt:
            return PhotoState.UNDECODED
        return PhotoState.ABSENT

    def __repr__(self) -> str:
        return f"IdentityRecord({self.card_type.value}, source={self.source.value})"


@dataclass(frozen=True)
class SelfTestResult:
    ok: bool
    detail: str  # no personal data: firmware / SAM status only


class IdentityReader(ABC):
    """One live connection to a reader. All methods run on the reader's device stack thread."""

    def __init__(self, info: ReaderInfo) -> None:
        self.info = info

    @abstractmethod
    def open(self) -> None:
        """Raise ``NoReader`` when the device is not there."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def poll(self) -> Presence: ...

    @abstractmethod
    def read(self) -> IdentityRecord:
        """Read the card now on the reader; raise ``NoCard`` if none."""

    @abstractmethod
    def self_test(self) -> SelfTestResult: ...


class IdentityDriver(ABC):
    kind: ReaderKind

    def available(self) -> str | None:
        """``None`` when the driver's library is usable, else why not (shown in diagnostics, never raised)."""
        return None

    @abstractmethod
    def discover(self) -> list[ReaderInfo]:
        """Readers present now. Cheap: it is called again while the app runs to notice hot-plugged readers."""

    @abstractmethod
    def create(self, info: ReaderInfo) -> IdentityReader: ...


# --- errors the clerk sees (translated in context "errors") ---------------------------------------------

class IdentityDeviceError(DeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The card reader reported an error.")


class NoReader(DeviceNotFound):
    message = QT_TRANSLATE_NOOP(
        "errors", "No card reader is connected. Check the cable and the reader's power."
    )


class ReaderGone(NoReader):
    """The reader vanished while in use (unplugged); the manager reopens it when it comes back."""

    message = QT_TRANSLATE_NOOP("errors", "The card reader was disconnected. Plug it in again.")


class ReaderTimeout(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The card reader did not answer in time. Check the cable and try again."
    )


class NoCard(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP("errors", "No card on the reader. Place the card flat on the reader.")


class LiftAndReplace(NoCard):
    """SAM readers answer "no card" for a card they have just read until it is lifted and placed again."""

    message = QT_TRANSLATE_NOOP(
        "errors", "No new card found. If the card is on the reader, lift it and place it again."
    )


class CardMoved(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The card was moved while it was being read. Leave it on the reader and try again."
    )


class SamFault(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The card reader's security module reported status {status}: {meaning}"
    )

    def __init__(self, status: int, meaning: str) -> None:
        super().__init__(status=f"0x{status:02X}", meaning=meaning)
        self.status = status

    def user_text(self) -> str:
        # The meaning is English source text of context "sam_status" (devices.idcard.protocol).
        meaning = translate("sam_status", self.params["meaning"])
        return translate("errors", self.message).format(status=self.params["status"], meaning=meaning)


class UnsupportedCard(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This card cannot be read here: it is not an identity card or social security card."
    )


class CardDataError(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The card returned data that could not be understood ({field}).")


class PinRequired(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP("errors", "This social security card needs its PIN to be read.")


class WrongPin(IdentityDeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The PIN is wrong; {tries} tries left before the card locks.")
