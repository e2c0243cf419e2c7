"""Shared by ``diag idcard`` and ``diag sscard``: wait for a card on one reader, read it, print the record."""

from __future__ import annotations

import json
import time

from clerk_app.cli import ServicesFactory
from clerk_app.identity.records import record_to_json
from devices.identity_base import (
    CardDataError,
    CardMoved,
    IdentityReader,
    IdentityRecord,
    NoCard,
    Presence,
    ReaderTimeout,
)
from devices.identity_manager import finish_record


def read_one(readers: list[IdentityReader], wait: float, keep_photo: bool = False) -> dict[str, object]:
    """Open ``readers``, wait up to ``wait`` seconds for a card on any, read it. Typed errors reach the CLI."""
    opened: list[IdentityReader] = []
    try:
        for reader in readers:
            reader.open()
            opened.append(reader)
        deadline = time.monotonic() + wait
        while True:
            for reader in opened:
                if reader.poll() is Presence.NEW_CARD:
                    return {"record": finish_record(_read_until(reader, deadline), keep_photo)}
            if time.monotonic() >= deadline:
                raise NoCard()
            time.sleep(0.2)
    finally:
        for reader in opened:
            reader.close()


RETRYABLE = (CardDataError, ReaderTimeout, CardMoved, NoCard)


def _read_until(reader: IdentityReader, deadline: float) -> IdentityRecord:
    """Read the card in place; a failed transaction (a frame whose checksum failed, a record that fails its check,
    the card moved) is read again until ``deadline``, then the last error is raised."""
    while True:
        try:
            return reader.read()
        except RETRYABLE:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def print_record(result: dict[str, object], as_json: bool, reveal: bool) -> None:
    data = record_to_json(result["record"], reveal)  # type: ignore[arg-type]
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        print(f"{key:>14}: {'' if value is None else value}")


def audit_reveal(make_services: ServicesFactory, where: str) -> None:
    """``--reveal`` prints personal numbers in full: an access beyond the masked view, written to the audit trail
    (by the operating-system user, who is the one at the console) before anything is read."""
    import getpass

    from offline_cache import audit_log

    ws = make_services().workstation
    try:
        audit_log.write(ws.db, "reveal", f"os:{getpass.getuser()}", {"what": "id_number", "where": where})
    finally:
        ws.close()
