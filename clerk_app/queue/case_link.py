"""The queue ticket as part of the case: what the case stores and sends to the platform.

Wait time = call - issue, both from the queue system's clock; service time = call -> decision, both from this
workstation's clock (the moment the call's answer arrived, the commit), so a skewed hall server clock does not
distort it. Written inside the commit's transaction; ``payload["queue"]`` carries the same record upward.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clerk_app.queue.adapter import QueueTicket
from offline_cache import cases


@dataclass(frozen=True)
class CaseTicket:
    ticket: QueueTicket
    called_at_local: datetime  # aware


def parse_time(value: str) -> datetime | None:
    """ISO 8601 (naive = local time) or epoch seconds / milliseconds, as vendor systems send them."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def queue_record(ticket: CaseTicket, decided_at: datetime, served_from: datetime | None = None) -> dict[str, Any]:
    """Wait = call - issue (the queue's clock); service = decision - the applicant's card read (supervision's
    service time), or - the call on this workstation when no card was read (an applicant typed by hand)."""
    issued = parse_time(ticket.ticket.issued_at)
    called = parse_time(ticket.ticket.called_at) or ticket.called_at_local
    wait = max(0.0, (called - issued).total_seconds()) if issued else None
    service = max(0.0, (decided_at - (served_from or ticket.called_at_local)).total_seconds())
    return {
        "ticket_number": ticket.ticket.number,
        "business_code": ticket.ticket.business_code,
        "business_name": ticket.ticket.business_name,
        "issued_at": _iso(issued) if issued else ticket.ticket.issued_at,
        "called_at": _iso(called),
        "decided_at": _iso(decided_at),
        "wait_seconds": round(wait, 3) if wait is not None else None,
        "service_seconds": round(service, 3),
    }


def store_queue_record(conn: sqlite3.Connection, case_uuid: str, record: dict[str, Any]) -> None:
    if not conn.in_transaction:
        raise RuntimeError("the ticket is written inside the transaction of the acceptance")
    cases.set_queue_record(conn, case_uuid, record)


def case_queue_record(conn: sqlite3.Connection, case_uuid: str) -> dict[str, Any] | None:
    return cases.queue_record(conn, case_uuid)
