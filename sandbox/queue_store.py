"""The hall queue service's own tables and operations (排队叫号), in the sandbox's database.

The server owns the queue; a window is a client. Every window action runs in one ``BEGIN IMMEDIATE`` transaction
(the database lock is the queue lock, so two windows or two presses can never take the same ticket) and is keyed by
the client's request id: the same id again returns the first answer and changes nothing (a retry after a lost
answer, a double press). Ticket numbers are the business prefix and a 3-digit daily sequence per business type.

Ticket states: ``waiting`` -> ``called`` -> ``done`` (the window called the next one or finished) or ``no_show``
(过号); a transfer puts a called ticket back to ``waiting`` for another window or business type, ahead of new
tickets (the citizen has already waited). Recall is capped: the fifth recall of one call is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sandbox.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS queue_business_types (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS queue_windows (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    business_codes TEXT NOT NULL DEFAULT '[]',
    paused INTEGER NOT NULL DEFAULT 0,
    current_ticket INTEGER REFERENCES queue_tickets(id)
);
CREATE TABLE IF NOT EXISTS queue_tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    day TEXT NOT NULL,
    business_code TEXT NOT NULL REFERENCES queue_business_types(code),
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    id_number_masked TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT 'kiosk',
    status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'no_show')),
    priority INTEGER NOT NULL DEFAULT 0,
    target_window TEXT,
    issued_at TEXT NOT NULL,
    called_at TEXT,
    called_by TEXT,
    recalls INTEGER NOT NULL DEFAULT 0,
    transfers INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT,
    UNIQUE (day, business_code, seq)
);
CREATE INDEX IF NOT EXISTS queue_tickets_waiting ON queue_tickets(status, business_code, priority, id);
CREATE TABLE IF NOT EXISTS queue_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('issue', 'call', 'recall', 'skip', 'transfer', 'done', 'pause', 'resume')),
    ticket_id INTEGER REFERENCES queue_tickets(id),
    window_code TEXT,
    voice_text TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_requests (
    request_id TEXT PRIMARY KEY,
    window_code TEXT NOT NULL,
    action TEXT NOT NULL,
    response TEXT NOT NULL,
    at TEXT NOT NULL
);
"""

DEFAULT_BUSINESS_TYPES = (
    ("general", "综合受理", "A"),
    ("social", "社保医保", "B"),
    ("property", "不动产登记", "C"),
    ("pickup", "领证出件", "D"),
)
RECALL_LIMIT = 4
BOARD_EVENTS = 20

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def mask_id_number(number: str) -> str:
    """First 6 and last 4 kept (the sandbox is a separate system: it does not import the workstation's masking)."""
    number = number.strip()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


class QueueError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class QueueStore:
    store: Store
    clock: Clock = utc_now

    def __post_init__(self) -> None:
        with self.store.transaction() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.executemany("INSERT OR IGNORE INTO queue_business_types VALUES (?, ?, ?)", DEFAULT_BUSINESS_TYPES)

    def _stamp(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="milliseconds")

    # -- reading ----------------------------------------------------------------------------------------------
    def business_types(self) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT code, name, prefix FROM queue_business_types ORDER BY prefix")
        return [dict(r) for r in rows]

    @staticmethod
    def _ticket(conn: sqlite3.Connection, ticket_id: int | None) -> dict[str, Any] | None:
        if ticket_id is None:
            return None
        row = conn.execute(
            "SELECT t.*, b.name AS business_name FROM queue_tickets t JOIN queue_business_types b"
            " ON b.code = t.business_code WHERE t.id = ?", (ticket_id,)).fetchone()
        if row is None:
            return None
        return {"ticket_id": row["id"], "number": row["number"], "business_code": row["business_code"],
                "business_name": row["business_name"], "status": row["status"], "issued_at": row["issued_at"],
                "called_at": row["called_at"], "called_by": row["called_by"], "recalls": row["recalls"],
                "transfers": row["transfers"], "target_window": row["target_window"],
                "id_number_masked": row["id_number_masked"]}

    def ticket(self, ticket_id: int) -> dict[str, Any]:
        found = self._ticket(self.store.conn, ticket_id)
        if found is None:
            raise QueueError(404, "ticket_unknown", "no such ticket")
        return found

    @staticmethod
    def _window_row(conn: sqlite3.Connection, code: str) -> sqlite3.Row:
        conn.execute("INSERT OR IGNORE INTO queue_windows (code) VALUES (?)", (code,))
        return conn.execute("SELECT * FROM queue_windows WHERE code = ?", (code,)).fetchone()

    @staticmethod
    def _serves(conn: sqlite3.Connection, window: sqlite3.Row) -> list[str]:
        codes = json.loads(window["business_codes"])
        if codes:
            return list(codes)
        return [r[0] for r in conn.execute("SELECT code FROM queue_business_types ORDER BY prefix")]

    def _eligible_sql(self, conn: sqlite3.Connection, window: sqlite3.Row) -> tuple[str, list[Any]]:
        """Waiting tickets this window may call: its business types (not those sent to another window) and those
        transferred to it by name; transferred ones first, then first come first served."""
        serves = self._serves(conn, window)
        marks = ",".join("?" * len(serves)) or "''"
        sql = (f" FROM queue_tickets WHERE status = 'waiting' AND ((target_window IS NULL AND business_code IN"
               f" ({marks})) OR target_window = ?)")
        return sql, [*serves, window["code"]]

    def window_state(self, code: str, next_count: int = 5) -> dict[str, Any]:
        with self.store.transaction() as conn:
            return self._window_state(conn, code, next_count)

    def _window_state(self, conn: sqlite3.Connection, code: str, next_count: int = 5) -> dict[str, Any]:
        window = self._window_row(conn, code)
        where, params = self._eligible_sql(conn, window)
        waiting = int(conn.execute("SELECT count(*)" + where, params).fetchone()[0])
        ids = [r[0] for r in conn.execute("SELECT id" + where + " ORDER BY priority DESC, id LIMIT ?",
                                          (*params, next_count))]
        return {"window_code": code, "name": window["name"], "business_codes": self._serves(conn, window),
                "paused": bool(window["paused"]), "current": self._ticket(conn, window["current_ticket"]),
                "waiting": waiting, "next": [self._ticket(conn, i) for i in ids]}

    def board(self, since: int = 0) -> dict[str, Any]:
        """The hall's live view (LED boards, voice, a customer screen): the waiting list per business type and the
        call events after ``since`` (poll with the returned ``version``)."""
        conn = self.store.conn
        waiting = [dict(r) for r in conn.execute(
            "SELECT business_code, count(*) AS waiting, min(number) AS first FROM queue_tickets"
            " WHERE status = 'waiting' GROUP BY business_code ORDER BY business_code")]
        events = [dict(r) for r in conn.execute(
            "SELECT e.seq, e.kind, e.window_code, e.voice_text, e.at, t.number FROM queue_events e"
            " LEFT JOIN queue_tickets t ON t.id = e.ticket_id WHERE e.seq > ? AND e.kind IN ('call', 'recall')"
            " ORDER BY e.seq DESC LIMIT ?", (since, BOARD_EVENTS))]
        version = int(conn.execute("SELECT coalesce(max(seq), 0) FROM queue_events").fetchone()[0])
        return {"version": version, "waiting": waiting, "calls": list(reversed(events))}

    # -- configuration ----------------------------------------------------------------------------------------
    def configure_window(self, code: str, name: str, business_codes: list[str]) -> dict[str, Any]:
        with self.store.transaction() as conn:
            known = {r[0] for r in conn.execute("SELECT code FROM queue_business_types")}
            unknown = [c for c in business_codes if c not in known]
            if unknown:
                raise QueueError(404, "business_unknown", f"unknown business type(s): {', '.join(unknown)}")
            self._window_row(conn, code)
            conn.execute("UPDATE queue_windows SET name = ?, business_codes = ? WHERE code = ?",
                         (name, json.dumps(business_codes), code))
            return self._window_state(conn, code)

    # -- tickets ----------------------------------------------------------------------------------------------
    def issue(self, business_code: str, id_number: str = "", channel: str = "kiosk",
              request_id: str | None = None) -> dict[str, Any]:
        now = self.clock()
        with self.store.transaction() as conn:
            if request_id:
                replay = self._replay(conn, request_id, "issue", "")
                if replay is not None:
                    return replay
            business = conn.execute("SELECT * FROM queue_business_types WHERE code = ?", (business_code,)).fetchone()
            if business is None:
                raise QueueError(404, "business_unknown", "unknown business type")
            day = now.astimezone().date().isoformat()
            seq = int(conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM queue_tickets WHERE day = ? AND"
                                   " business_code = ?", (day, business_code)).fetchone()[0])
            if seq > 999:
                raise QueueError(409, "numbers_exhausted", "this business type issued 999 tickets today")
            stamp = now.astimezone(UTC).isoformat(timespec="milliseconds")
            ticket_id = conn.execute(
                "INSERT INTO queue_tickets (day, business_code, seq, number, id_number_masked, channel, status,"
                " issued_at) VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?)",
                (day, business_code, seq, f"{business['prefix']}{seq:03d}", mask_id_number(id_number), channel,
                 stamp)).lastrowid
            conn.execute("INSERT INTO queue_events (kind, ticket_id, at) VALUES ('issue', ?, ?)", (ticket_id, stamp))
            ticket = self._ticket(conn, ticket_id)
            assert ticket is not None
            result = {"ticket": ticket, "ahead": int(conn.execute(
                "SELECT count(*) FROM queue_tickets WHERE status = 'waiting' AND business_code = ? AND id < ?",
                (business_code, ticket_id)).fetchone()[0])}
            if request_id:
                self._remember(conn, request_id, "", "issue", result)
            return result

    # -- window actions (each idempotent on request_id) -------------------------------------------------------
    def act(self, window_code: str, action: str, request_id: str, **args: Any) -> dict[str, Any]:
        with self.store.transaction() as conn:
            replay = self._replay(conn, request_id, action, window_code)
            if replay is not None:
                return replay
            handler = {"call": self._call, "recall": self._recall, "skip": self._skip, "transfer": self._transfer,
                       "pause": self._pause, "finish": self._finish}[action]
            window = self._window_row(conn, window_code)
            ticket, voice = handler(conn, window, self._stamp(), **args)
            result = {"ticket": self._ticket(conn, ticket), "voice_text": voice,
                      "window": self._window_state(conn, window_code)}
            self._remember(conn, request_id, window_code, action, result)
            return result

    @staticmethod
    def _replay(conn: sqlite3.Connection, request_id: str, action: str, window: str) -> dict[str, Any] | None:
        row = conn.execute("SELECT action, window_code, response FROM queue_requests WHERE request_id = ?",
                           (request_id,)).fetchone()
        if row is None:
            return None
        if row["action"] != action or row["window_code"] != window:
            raise QueueError(409, "request_id_reused", "this request id was used for another action")
        replayed: dict[str, Any] = json.loads(row["response"])
        return replayed

    def _remember(self, conn: sqlite3.Connection, request_id: str, window: str, action: str,
                  result: dict[str, Any]) -> None:
        conn.execute("INSERT INTO queue_requests VALUES (?, ?, ?, ?, ?)",
                     (request_id, window, action, json.dumps(result, ensure_ascii=False), self._stamp()))

    @staticmethod
    def _event(conn: sqlite3.Connection, kind: str, ticket: int | None, window: str, stamp: str,
               voice: str = "") -> None:
        conn.execute("INSERT INTO queue_events (kind, ticket_id, window_code, voice_text, at) VALUES (?, ?, ?, ?, ?)",
                     (kind, ticket, window, voice, stamp))

    @staticmethod
    def voice_text(number: str, window: str, recall: bool = False) -> str:
        return ("重呼，" if recall else "") + f"请{number}号到第{window}窗口办理业务"

    def _close_current(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str) -> None:
        current = window["current_ticket"]
        if current is not None:
            changed = conn.execute("UPDATE queue_tickets SET status = 'done', finished_at = ? WHERE id = ? AND"
                                   " status = 'called'", (stamp, current)).rowcount
            if changed:
                self._event(conn, "done", current, window["code"], stamp)
            conn.execute("UPDATE queue_windows SET current_ticket = NULL WHERE code = ?", (window["code"],))

    def _call(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str) -> tuple[int | None, str]:
        if window["paused"]:
            raise QueueError(409, "window_paused", "the window is paused; resume it first")
        self._close_current(conn, window, stamp)
        where, params = self._eligible_sql(conn, window)
        row = conn.execute("SELECT id, number" + where + " ORDER BY priority DESC, id LIMIT 1", params).fetchone()
        if row is None:
            return None, ""
        conn.execute("UPDATE queue_tickets SET status = 'called', called_at = ?, called_by = ?,"
                     " recalls = 0, target_window = NULL WHERE id = ?", (stamp, window["code"], row["id"]))
        conn.execute("UPDATE queue_windows SET current_ticket = ? WHERE code = ?", (row["id"], window["code"]))
        voice = self.voice_text(row["number"], window["code"])
        self._event(conn, "call", row["id"], window["code"], stamp, voice)
        return int(row["id"]), voice

    def _current(self, conn: sqlite3.Connection, window: sqlite3.Row) -> sqlite3.Row:
        current = window["current_ticket"]
        row = conn.execute("SELECT * FROM queue_tickets WHERE id = ? AND status = 'called'",
                           (current,)).fetchone() if current is not None else None
        if row is None:
            raise QueueError(409, "no_current_ticket", "this window is not serving a ticket")
        return row

    def _recall(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str) -> tuple[int | None, str]:
        row = self._current(conn, window)
        if row["recalls"] >= RECALL_LIMIT:
            raise QueueError(409, "recall_limit", f"a ticket is recalled at most {RECALL_LIMIT} times")
        conn.execute("UPDATE queue_tickets SET recalls = recalls + 1 WHERE id = ?", (row["id"],))
        voice = self.voice_text(row["number"], window["code"], recall=True)
        self._event(conn, "recall", row["id"], window["code"], stamp, voice)
        return int(row["id"]), voice

    def _skip(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str) -> tuple[int | None, str]:
        row = self._current(conn, window)
        conn.execute("UPDATE queue_tickets SET status = 'no_show', finished_at = ? WHERE id = ?", (stamp, row["id"]))
        conn.execute("UPDATE queue_windows SET current_ticket = NULL WHERE code = ?", (window["code"],))
        self._event(conn, "skip", row["id"], window["code"], stamp)
        return int(row["id"]), ""

    def _finish(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str) -> tuple[int | None, str]:
        current = window["current_ticket"]
        self._close_current(conn, window, stamp)
        return current, ""

    def _transfer(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str, to_window: str | None = None,
                  to_business: str | None = None) -> tuple[int | None, str]:
        if bool(to_window) == bool(to_business):
            raise QueueError(409, "transfer_target", "name exactly one of to_window and to_business")
        row = self._current(conn, window)
        if to_business:
            if conn.execute("SELECT 1 FROM queue_business_types WHERE code = ?", (to_business,)).fetchone() is None:
                raise QueueError(404, "business_unknown", "unknown business type")
            conn.execute("UPDATE queue_tickets SET business_code = ? WHERE id = ?", (to_business, row["id"]))
        else:
            if to_window == window["code"]:
                raise QueueError(409, "transfer_target", "a ticket cannot be transferred to its own window")
            self._window_row(conn, str(to_window))
        conn.execute("UPDATE queue_tickets SET status = 'waiting', target_window = ?, priority = 1,"
                     " transfers = transfers + 1 WHERE id = ?", (to_window or None, row["id"]))
        conn.execute("UPDATE queue_windows SET current_ticket = NULL WHERE code = ?", (window["code"],))
        self._event(conn, "transfer", row["id"], window["code"], stamp)
        return int(row["id"]), ""

    def _pause(self, conn: sqlite3.Connection, window: sqlite3.Row, stamp: str,
               paused: bool = True) -> tuple[int | None, str]:
        conn.execute("UPDATE queue_windows SET paused = ? WHERE code = ?", (int(paused), window["code"]))
        self._event(conn, "pause" if paused else "resume", None, window["code"], stamp)
        return window["current_ticket"], ""

    # -- reports ----------------------------------------------------------------------------------------------
    def day_report(self, day: str) -> dict[str, Any]:
        rows = self.store.query("SELECT status, issued_at, called_at FROM queue_tickets WHERE day = ?", (day,))
        waits = sorted((datetime.fromisoformat(r["called_at"]) - datetime.fromisoformat(r["issued_at"]))
                       .total_seconds() for r in rows if r["called_at"])
        by_status: dict[str, int] = {}
        for r in rows:
            by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        return {"day": day, "issued": len(rows), "by_status": by_status, "called": len(waits),
                "wait_seconds_mean": sum(waits) / len(waits) if waits else None,
                "wait_seconds_max": waits[-1] if waits else None}
