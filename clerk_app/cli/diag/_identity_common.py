"""Shared by ``diag idcard`` and ``diag sscard``: wait for a card on one reader, read it, print the record."""

from __future__ import annotations

import json
import time

from clerk_app.identity.records import finish_record, record_to_json
from devices.identity_base import IdentityReader, NoCard, Presence


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
                    return {"record": finish_record(reader.read(), keep_photo)}
            if time.monotonic() >= deadline:
                raise NoCard()
            time.sleep(0.2)
    finally:
        for reader in opened:
            reader.close()


def print_record(result: dict[str, object], as_json: bool, reveal: bool) -> None:
    data = record_to_json(result["record"], reveal)  # type: ignore[arg-type]
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        print(f"{key:>14}: {'' if value is None else value}")
