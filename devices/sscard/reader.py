"""Social security cards in any PC/SC reader, through pyscard.

All readers share one PC/SC context, so they share one device stack thread ("pcsc"). Presence is polled
with ``SCardGetStatusChange`` (timeout 0), which also notices a reader that was unplugged or a PC/SC
service that went away.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from devices.identity_base import (
    CardMoved,
    IdentityDriver,
    IdentityReader,
    IdentityRecord,
    NoCard,
    NoReader,
    Presence,
    ReaderGone,
    ReaderInfo,
    ReaderKind,
    SelfTestResult,
)
from devices.sscard.apdu import PinProvider, read_card

log = logging.getLogger("onewindow.devices.sscard")


def _scard() -> Any:
    from smartcard import scard

    return scard


class PcscDriver(IdentityDriver):
    kind = ReaderKind.PCSC

    def __init__(self, only: str | None = None, pin_provider: PinProvider | None = None) -> None:
        self.only = only  # a reader name (or a unique part of it) to restrict discovery to
        self.pin_provider = pin_provider

    def available(self) -> str | None:
        try:
            _scard()
        except ImportError:
            return "pyscard not installed"
        return None

    def discover(self) -> list[ReaderInfo]:
        try:
            from smartcard.System import readers

            names = [str(r) for r in readers()]
        except Exception:  # pyscard raises EstablishContextException etc. when pcscd is not running
            return []
        if self.only:
            names = [n for n in names if n == self.only or self.only in n]
        return [ReaderInfo(ReaderKind.PCSC, n, n, "pcsc") for n in names]

    def create(self, info: ReaderInfo) -> PcscReader:
        return PcscReader(info, self.pin_provider)


class PcscReader(IdentityReader):
    def __init__(self, info: ReaderInfo, pin_provider: PinProvider | None = None) -> None:
        super().__init__(info)
        self.pin_provider = pin_provider
        self._context: Any = None
        self._present = False

    def open(self) -> None:
        scard = _scard()
        result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if result != scard.SCARD_S_SUCCESS:
            raise NoReader()
        self._context = context
        self._present = False
        self._card_present()  # raises NoReader if the named reader is not there

    def close(self) -> None:
        if self._context is not None:
            scard = _scard()
            scard.SCardReleaseContext(self._context)
            self._context = None

    def _card_present(self) -> bool:
        scard = _scard()
        if self._context is None:
            raise ReaderGone()
        result, states = scard.SCardGetStatusChange(
            self._context, 0, [(self.info.path, scard.SCARD_STATE_UNAWARE)]
        )
        if result not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
            self.close()
            raise ReaderGone()
        state = states[0][1]
        if state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
            raise ReaderGone()
        return bool(state & scard.SCARD_STATE_PRESENT)

    def poll(self) -> Presence:
        present = self._card_present()
        was, self._present = self._present, present
        if present and not was:
            return Presence.NEW_CARD
        if was and not present:
            return Presence.REMOVED
        return Presence.NO_NEW_CARD

    def read(self) -> IdentityRecord:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.pcsc.PCSCReader import PCSCReader

        connection = PCSCReader(self.info.path).createConnection()
        try:
            try:
                connection.connect()
            except (NoCardException, CardConnectionException) as exc:
                raise NoCard() from exc
            return read_card(connection.transmit, self.pin_provider)
        except CardConnectionException as exc:  # the card left the field mid-read
            raise CardMoved() from exc
        finally:
            with contextlib.suppress(CardConnectionException):
                connection.disconnect()
            # Release the connection's own PC/SC context now, not in __del__ (which may run after pcscd left).
            with contextlib.suppress(CardConnectionException):
                connection.release()

    def self_test(self) -> SelfTestResult:
        present = self._card_present()
        return SelfTestResult(True, f"PC/SC reader ok, card {'present' if present else 'absent'}")
