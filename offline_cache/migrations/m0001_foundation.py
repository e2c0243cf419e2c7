"""Foundation tables: applicants, cases, case materials, the case event log, blobs, outbox and sync cursors.

Personal fields are stored only as ciphertext (``*_enc`` BLOB columns) plus a keyed blind index where lookup is
needed; the database file holds no readable ID number or name.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 1


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE applicants (
            applicant_uuid TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'legal_entity')),
            id_type TEXT NOT NULL,
            id_index TEXT NOT NULL,            -- blind index of the ID number / credit code
            payload_enc BLOB NOT NULL,         -- encrypted JSON of the whole applicant
            source TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX applicants_id_index ON applicants(id_index);

        CREATE TABLE cases (
            case_uuid TEXT PRIMARY KEY,
            case_number TEXT NOT NULL UNIQUE,
            applicant_uuid TEXT NOT NULL REFERENCES applicants(applicant_uuid),
            item_codes TEXT NOT NULL,          -- JSON list of implementation codes
            status TEXT NOT NULL,
            decision TEXT,
            centre_code TEXT NOT NULL,
            window_code TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            promised_date TEXT,
            platform_number TEXT,
            frozen INTEGER NOT NULL DEFAULT 0, -- 1 once queued for the platform: corrections are new actions
            details_enc BLOB                   -- encrypted JSON: decision reasons, answers, anything personal
        );
        CREATE INDEX cases_created ON cases(created_at);
        CREATE INDEX cases_status ON cases(status);

        CREATE TABLE case_materials (
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            material_code TEXT NOT NULL,
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            original_verified INTEGER NOT NULL DEFAULT 0,
            copies_received INTEGER NOT NULL DEFAULT 0,
            supply_by TEXT,
            defect_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_uuid, material_code)
        );

        -- Append-only: who did what, when, at which window, by the device clock at that moment.
        CREATE TABLE case_events (
            event_id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            kind TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT,
            clerk_id TEXT NOT NULL,
            window_code TEXT NOT NULL,
            device_time TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX case_events_case ON case_events(case_uuid, event_id);
        CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
            BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
        CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
            BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

        -- Encrypted content-addressed blobs (scans, photos, printed PDFs). sha256 is of the plaintext.
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            created_at TEXT NOT NULL,
            uploaded_at TEXT,
            server_confirmed_at TEXT,
            purged_at TEXT
        );

        CREATE TABLE case_blobs (
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            role TEXT NOT NULL,                -- 'page', 'material_pdf', 'printed_document', 'photo'
            material_code TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            details TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (case_uuid, sha256, role)
        );

        -- Everything bound for the platform, written in the same transaction as the change it carries.
        CREATE TABLE outbox (
            outbox_id INTEGER PRIMARY KEY AUTOINCREMENT,
            action_uuid TEXT NOT NULL UNIQUE,  -- idempotency key of this action
            case_uuid TEXT REFERENCES cases(case_uuid),
            kind TEXT NOT NULL,                -- 'case_upsert', 'bind_materials', 'handover', 'evaluation', ...
            payload TEXT NOT NULL,             -- JSON; personal parts encrypted, see payload_enc
            payload_enc BLOB,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'done', 'failed', 'conflict')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error_code TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
        CREATE INDEX outbox_case ON outbox(case_uuid, outbox_id);

        CREATE TABLE sync_cursors (
            stream TEXT PRIMARY KEY,           -- 'catalog', 'calendar', 'case_changes'
            cursor TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE settings_kv (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )
