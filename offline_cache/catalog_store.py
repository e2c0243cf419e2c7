"""SQLite storage of the service catalog (tables from migration 0010).

Works on the exchange JSON and precomputed search keys; validation, versioning rules and pinyin live in
``clerk_app.catalog``. Write methods take the caller's connection so an import page is one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from offline_cache.db import Database

CURSOR_STREAM = "catalog"


@dataclass(frozen=True)
class StoredVersion:
    version: int
    retired: bool
    digest: str


@dataclass(frozen=True)
class SearchKeys:
    name_pinyin: str
    name_initials: str
    keyword_pinyin: tuple[str, ...] = ()
    keyword_initials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)  # one per catalog item, kept by the search index: no __dict__ each
class IndexRow:
    kind: str  # "item" | "bundle"
    code: str
    basic_code: str
    handling_item_code: str
    name: str
    department: str
    keywords: tuple[str, ...]
    name_pinyin: str
    name_initials: str
    keyword_pinyin: tuple[str, ...]
    keyword_initials: tuple[str, ...]
    # 通办: the area of the 实施主体 and the item's 通办范围 (read from the payload: no column, no migration)
    region_code: str = ""
    scope: str = ""
    body: str = ""


def canonical(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(payload: dict[str, Any] | str) -> str:
    text = payload if isinstance(payload, str) else canonical(payload)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def search_words(data: dict[str, Any]) -> list[str]:
    """Keywords plus tags ("12+X"): both are words a clerk types to find an item."""
    return [*data.get("keywords", []), *data.get("tags", [])]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _lines(values: tuple[str, ...] | list[str]) -> str:
    return "\n".join(values)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


class CatalogStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads --
    def generation(self) -> int:
        return int(self.db.conn.execute("SELECT generation FROM catalog_state WHERE id = 1").fetchone()[0])

    def item_versions(self, conn: sqlite3.Connection) -> dict[str, StoredVersion]:
        return {
            row[0]: StoredVersion(int(row[1]), bool(row[2]), row[3])
            for row in conn.execute("SELECT implementation_code, version, retired, digest FROM catalog_items")
        }

    def bundle_versions(self, conn: sqlite3.Connection) -> dict[str, StoredVersion]:
        return {
            row[0]: StoredVersion(int(row[1]), bool(row[2]), row[3])
            for row in conn.execute("SELECT code, version, retired, digest FROM catalog_bundles")
        }

    def item_payload(self, code: str) -> tuple[dict[str, Any], bool] | None:
        row = self.db.conn.execute(
            "SELECT payload, retired FROM catalog_items WHERE implementation_code = ?", (code,)
        ).fetchone()
        return (json.loads(row[0]), bool(row[1])) if row else None

    def item_payloads(self, conn: sqlite3.Connection, codes: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT implementation_code, payload FROM catalog_items WHERE implementation_code IN ({marks})",
                chunk,
            ):
                found[row[0]] = json.loads(row[1])
        return found

    def bundle_payload(self, code: str) -> tuple[dict[str, Any], bool] | None:
        row = self.db.conn.execute("SELECT payload, retired FROM catalog_bundles WHERE code = ?", (code,)).fetchone()
        return (json.loads(row[0]), bool(row[1])) if row else None

    def active_bundle_payloads(self) -> list[dict[str, Any]]:
        rows = self.db.conn.execute("SELECT payload FROM catalog_bundles WHERE retired = 0 ORDER BY code")
        return [json.loads(row[0]) for row in rows]

    def current_item_codes(self) -> list[str]:
        """Implementation codes of every item not retired, in code order."""
        rows = self.db.query(
            "SELECT implementation_code FROM catalog_items WHERE retired = 0 ORDER BY implementation_code")
        return [str(r["implementation_code"]) for r in rows]

    def departments(self) -> list[str]:
        rows = self.db.conn.execute(
            "SELECT department, COUNT(*) FROM catalog_items WHERE retired = 0 GROUP BY department"
        )
        return [row[0] for row in rows]

    def counts(self) -> dict[str, int]:
        conn = self.db.conn
        return {
            "items": conn.execute("SELECT COUNT(*) FROM catalog_items WHERE retired = 0").fetchone()[0],
            "retired_items": conn.execute("SELECT COUNT(*) FROM catalog_items WHERE retired = 1").fetchone()[0],
            "bundles": conn.execute("SELECT COUNT(*) FROM catalog_bundles WHERE retired = 0").fetchone()[0],
        }

    def index_rows(self) -> list[IndexRow]:
        conn = self.db.conn
        # Department, area, scope and body repeat across thousands of items: one string each, not one per row
        # (the rows live as long as the search index).
        shared: dict[str, str] = {}
        one = shared.setdefault
        rows = [
            IndexRow("item", r[0], r[1], r[2], r[3], one(r[4], r[4]), _split(r[5]), r[6], r[7], _split(r[8]),
                     _split(r[9]), one(r[10] or "", r[10] or ""), one(r[11] or "", r[11] or ""),
                     one(r[12] or "", r[12] or ""))
            for r in conn.execute(
                "SELECT implementation_code, basic_code, handling_item_code, name, department, keywords,"
                " name_pinyin, name_initials, keyword_pinyin, keyword_initials,"
                " json_extract(payload, '$.implementing_body.region_code'), json_extract(payload, '$.scope'),"
                " json_extract(payload, '$.implementing_body.name')"
                " FROM catalog_items WHERE retired = 0"
            )
        ]
        rows += [
            IndexRow("bundle", r[0], "", "", r[1], r[2], _split(r[3]), r[4], r[5], _split(r[6]), _split(r[7]))
            for r in conn.execute(
                "SELECT code, name, department, keywords, name_pinyin, name_initials, keyword_pinyin,"
                " keyword_initials FROM catalog_bundles WHERE retired = 0"
            )
        ]
        return rows

    def department_keys(self) -> dict[str, tuple[str, str]]:
        """Department name -> (full pinyin, initials), as read at an earlier index build (m0090)."""
        rows = self.db.conn.execute("SELECT department, pinyin, initials FROM catalog_department_keys")
        return {row[0]: (row[1], row[2]) for row in rows}

    def put_department_keys(self, conn: sqlite3.Connection, keys: dict[str, tuple[str, str]]) -> None:
        """Inside the caller's transaction."""
        conn.executemany(
            "INSERT INTO catalog_department_keys (department, pinyin, initials) VALUES (?, ?, ?)"
            " ON CONFLICT (department) DO UPDATE SET pinyin = excluded.pinyin, initials = excluded.initials",
            [(name, full, initials) for name, (full, initials) in keys.items()],
        )

    def synonyms(self) -> list[tuple[str, tuple[str, ...]]]:
        rows = self.db.conn.execute("SELECT term, means FROM catalog_synonyms ORDER BY term")
        return [(row[0], _split(row[1])) for row in rows]

    def pending(self, conn: sqlite3.Connection | None = None) -> dict[str, tuple[int, str]]:
        """Item versions waiting for their ``effective_from`` date: code -> (version, date)."""
        conn = conn or self.db.conn
        rows = conn.execute("SELECT implementation_code, version, effective_from FROM catalog_pending")
        return {row[0]: (int(row[1]), row[2]) for row in rows}

    def next_pending_date(self) -> str | None:
        row = self.db.conn.execute("SELECT MIN(effective_from) FROM catalog_pending").fetchone()
        return row[0] if row else None

    def due_pending(self, conn: sqlite3.Connection, today: str) -> list[dict[str, Any]]:
        rows = conn.execute(
            "SELECT payload FROM catalog_pending WHERE effective_from <= ? ORDER BY implementation_code", (today,)
        )
        return [json.loads(row[0]) for row in rows]

    def cursor(self) -> str | None:
        row = self.db.conn.execute("SELECT cursor FROM sync_cursors WHERE stream = ?", (CURSOR_STREAM,)).fetchone()
        return row[0] if row else None

    # -- writes (inside the caller's transaction) --
    def upsert_item(
        self, conn: sqlite3.Connection, data: dict[str, Any], keys: SearchKeys, text: str | None = None
    ) -> None:
        text = text or canonical(data)
        conn.execute(
            "INSERT OR REPLACE INTO catalog_items (implementation_code, basic_code, handling_item_code, name,"
            " department, version, retired, payload, digest, keywords, name_pinyin, name_initials,"
            " keyword_pinyin,"
            " keyword_initials, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data["implementation_code"],
                data["basic_code"],
                data.get("handling_item_code", ""),
                data["name"],
                data["department"],
                int(data["version"]),
                text,
                digest(text),
                _lines(search_words(data)),
                keys.name_pinyin,
                keys.name_initials,
                _lines(keys.keyword_pinyin),
                _lines(keys.keyword_initials),
                _now(),
            ),
        )

    def upsert_bundle(
        self, conn: sqlite3.Connection, data: dict[str, Any], keys: SearchKeys, text: str | None = None
    ) -> None:
        text = text or canonical(data)
        conn.execute(
            "INSERT OR REPLACE INTO catalog_bundles (code, name, department, version, retired, payload,"
            " digest,"
            " keywords, name_pinyin, name_initials, keyword_pinyin, keyword_initials, updated_at)"
            " VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data["code"],
                data["name"],
                data.get("lead_department", ""),
                int(data["version"]),
                text,
                digest(text),
                _lines(search_words(data)),
                keys.name_pinyin,
                keys.name_initials,
                _lines(keys.keyword_pinyin),
                _lines(keys.keyword_initials),
                _now(),
            ),
        )

    def upsert_synonym(self, conn: sqlite3.Connection, term: str, means: list[str]) -> None:
        conn.execute(
            "INSERT INTO catalog_synonyms (term, means, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(term) DO UPDATE SET means = excluded.means, updated_at = excluded.updated_at",
            (term, _lines(means), _now()),
        )

    def put_pending(self, conn: sqlite3.Connection, data: dict[str, Any]) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO catalog_pending (implementation_code, version, effective_from, payload,"
            " received_at) VALUES (?, ?, ?, ?, ?)",
            (data["implementation_code"], int(data["version"]), data["effective_from"], canonical(data), _now()),
        )

    def drop_pending(self, conn: sqlite3.Connection, code: str) -> None:
        conn.execute("DELETE FROM catalog_pending WHERE implementation_code = ?", (code,))

    def bump_generation(self, conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE catalog_state SET generation = generation + 1 WHERE id = 1")

    def retire_item(self, conn: sqlite3.Connection, code: str, version: int) -> None:
        conn.execute(
            "UPDATE catalog_items SET retired = 1, version = MAX(version, ?), updated_at = ?"
            " WHERE implementation_code = ?",
            (version, _now(), code),
        )

    def retire_bundle(self, conn: sqlite3.Connection, code: str, version: int) -> None:
        conn.execute(
            "UPDATE catalog_bundles SET retired = 1, version = MAX(version, ?), updated_at = ? WHERE code = ?",
            (version, _now(), code),
        )

    def finish_import(
        self, conn: sqlite3.Connection, source: str, next_cursor: str | None, *, changed: bool = True
    ) -> None:
        """Record an import; the generation (which makes search indexes rebuild) moves only if ``changed``."""
        now = _now()
        conn.execute(
            "UPDATE catalog_state SET generation = generation + ?, last_import_at = ?, last_source = ? WHERE id = 1",
            (int(changed), now, source),
        )
        if next_cursor is not None:
            conn.execute(
                "INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(stream) DO UPDATE SET cursor = excluded.cursor,"
                " updated_at = excluded.updated_at",
                (CURSOR_STREAM, next_cursor, now),
            )
