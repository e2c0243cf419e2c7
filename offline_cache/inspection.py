"""Read-only inspection of the local database for the admin CLI (``main.py db tables|schema|rows``), through
sqlite-utils: table names, row counts, columns and recent rows come from its introspection API, so the services
layer never writes SQL for it and a table added by a new migration shows up without any change here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from offline_cache.db import Database, known_errors


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    not_null: bool
    primary_key: bool


@dataclass(frozen=True)
class TableInfo:
    name: str
    rows: int
    columns: tuple[ColumnInfo, ...]


def _columns(table: Any) -> tuple[ColumnInfo, ...]:
    return tuple(ColumnInfo(c.name, c.type, bool(c.notnull), bool(c.is_pk)) for c in table.columns)


def tables(db: Database) -> list[TableInfo]:
    """Every table (SQLite's own and full-text shadow tables left out), by name."""
    with known_errors():
        found = []
        for table in db.utils.tables:
            if table.name.startswith("sqlite_") or _is_fts_shadow(table.name, db):
                continue
            found.append(TableInfo(table.name, table.count, _columns(table)))
    return sorted(found, key=lambda t: t.name)


def _is_fts_shadow(name: str, db: Database) -> bool:
    base, _, suffix = name.rpartition("_")
    return suffix in {"data", "idx", "docsize", "config", "content"} and base in db.utils.table_names(fts5=True)


def table(db: Database, name: str) -> TableInfo:
    """One table; ``KeyError`` if there is none of that name."""
    with known_errors():
        if name not in db.utils.table_names():
            raise KeyError(name)
        found = db.utils.table(name)
        return TableInfo(name, found.count, _columns(found))


def recent_rows(db: Database, name: str, limit: int = 20) -> Iterator[dict[str, Any]]:
    """The last ``limit`` rows of a table, newest first, values as stored (BLOBs as bytes: callers decide how to
    show them; personal data is encrypted in BLOBs, see docs/SECURITY.md). ``KeyError`` for an unknown table."""
    with known_errors():
        if name not in db.utils.table_names():
            raise KeyError(name)
        found = db.utils.table(name)
        order = "rowid desc" if found.use_rowid else ", ".join(f"[{pk}] desc" for pk in found.pks)
        yield from found.rows_where(order_by=order, limit=limit)
