"""The sandbox's own SQLite database. Uniqueness is enforced by constraints, never check-then-insert."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS receipt_keys (
    key_id TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at REAL NOT NULL,
    current INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS clerks (
    account TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    windows TEXT NOT NULL,
    centre_code TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    account TEXT NOT NULL REFERENCES clerks(account),
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
    case_uuid TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    centre_code TEXT NOT NULL,
    status TEXT NOT NULL,
    platform_number TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    completed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bindings (
    case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
    body_sha256 TEXT NOT NULL,
    bound_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS case_files (
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    material_code TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES files(sha256),
    PRIMARY KEY (case_uuid, material_code, sha256)
);
CREATE TABLE IF NOT EXISTS case_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    centre_code TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    change_seq INTEGER PRIMARY KEY REFERENCES case_changes(seq),
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    decision TEXT NOT NULL,
    elicence TEXT
);
CREATE TABLE IF NOT EXISTS handovers (
    case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS supplements (
    supplement_uuid TEXT PRIMARY KEY,
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    request_id TEXT PRIMARY KEY,
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    change_seq INTEGER NOT NULL UNIQUE REFERENCES case_changes(seq),
    items TEXT NOT NULL,
    due_by TEXT,
    requested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS correction_submissions (
    submission_uuid TEXT PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE REFERENCES corrections(request_id),
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signatures (
    signature_uuid TEXT PRIMARY KEY,
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    document_kind TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (case_uuid, document_kind)
);
CREATE TABLE IF NOT EXISTS pre_applications (
    pre_application_id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    centre_code TEXT NOT NULL,
    id_index TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    prereview TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('prereviewed', 'accepted')),
    case_uuid TEXT,
    submitted_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pre_applications_by_person ON pre_applications (id_index, status);
CREATE TABLE IF NOT EXISTS upload_bytes (
    sha256 TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('window', 'online')),
    bytes INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sha256, channel)
);
CREATE TABLE IF NOT EXISTS payments (
    notice_uuid TEXT PRIMARY KEY,
    case_uuid TEXT NOT NULL,
    payment_code TEXT NOT NULL UNIQUE,
    amount_fen INTEGER NOT NULL,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    paid_at TEXT,
    voucher TEXT,
    centre_code TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS routing_slips (
    slip_uuid TEXT PRIMARY KEY,
    centre_code TEXT NOT NULL,
    department TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS routing_slip_cases (
    case_uuid TEXT PRIMARY KEY,
    slip_uuid TEXT NOT NULL REFERENCES routing_slips(slip_uuid)
);
CREATE TABLE IF NOT EXISTS routing_receipts (
    slip_uuid TEXT PRIMARY KEY REFERENCES routing_slips(slip_uuid),
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payment_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_uuid TEXT NOT NULL REFERENCES payments(notice_uuid),
    payment_code TEXT NOT NULL,
    status TEXT NOT NULL,
    paid_at TEXT NOT NULL,
    voucher TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS voids (
    case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dispatches (
    case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
    waybill TEXT NOT NULL UNIQUE,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('delivered', 'returned')),
    outcome_at TEXT
);
CREATE TABLE IF NOT EXISTS case_routes (
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    item_code TEXT NOT NULL,
    body_name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    region_code TEXT NOT NULL,
    PRIMARY KEY (case_uuid, item_code)
);
CREATE TABLE IF NOT EXISTS sub_cases (
    sub_number TEXT PRIMARY KEY,
    case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
    position INTEGER NOT NULL,
    item_code TEXT NOT NULL,
    item_name TEXT NOT NULL,
    department TEXT NOT NULL,
    body_name TEXT NOT NULL,
    status TEXT NOT NULL,
    deadline TEXT NOT NULL,
    UNIQUE (case_uuid, item_code)
);
CREATE TABLE IF NOT EXISTS sub_case_changes (
    change_seq INTEGER PRIMARY KEY REFERENCES case_changes(seq),
    sub_number TEXT NOT NULL REFERENCES sub_cases(sub_number)
);
CREATE TABLE IF NOT EXISTS evaluations (
    evaluation_uuid TEXT PRIMARY KEY,
    case_uuid TEXT,
    body_sha256 TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
"""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def body_digest(body: Any) -> str:
    """Canonical hash of a JSON body: key order and whitespace do not make two bodies differ."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.files_dir = self.path.with_name(self.path.stem + "-files")
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self.transaction() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(clerks)")}
            if "centre_code" not in columns:  # a training sandbox's file from before clerks had a centre
                conn.execute("ALTER TABLE clerks ADD COLUMN centre_code TEXT NOT NULL DEFAULT ''")
            if "centre_code" not in {row[1] for row in conn.execute("PRAGMA table_info(payments)")}:
                conn.execute("ALTER TABLE payments ADD COLUMN centre_code TEXT NOT NULL DEFAULT ''")

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # WAL + NORMAL survives a crash of the sandbox process (what the fault tests need); only a power cut
            # could lose the last commits, which is acceptable for a training and test server.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))

    def partial_path(self, sha256: str) -> Path:
        return self.files_dir / f"{sha256}.part"

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / f"{sha256}.bin"

    def count_upload(self, sha256: str, channel: str, size: int) -> None:
        """Bytes received for a file, per channel (window uploads / the online hall): what proves a file uploaded
        online was not sent again by the window."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO upload_bytes (sha256, channel, bytes, requests) VALUES (?, ?, ?, 1)"
                         " ON CONFLICT (sha256, channel) DO UPDATE SET bytes = bytes + excluded.bytes,"
                         " requests = requests + 1", (sha256, channel, size))
