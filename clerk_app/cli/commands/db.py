"""``db tables``, ``db schema TABLE`` and ``db rows TABLE``: what the local database holds, for the hall's IT staff.

Read-only, through ``offline_cache.inspection`` (sqlite-utils introspection). Encrypted columns are shown as their
size, never decrypted; text that looks like an ID number, credit code or phone number is masked as in the logs.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from clerk_app.cli import ServicesFactory
from clerk_app.context import Workstation
from clerk_app.logging_setup import redact
from offline_cache import inspection


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="inspect the local database (read-only, personal data stays hidden)")
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    listing = actions.add_parser("tables", help="every table with its row count")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=run_tables)
    schema = actions.add_parser("schema", help="the columns of one table")
    schema.add_argument("table")
    schema.add_argument("--json", action="store_true", help="machine-readable output")
    schema.set_defaults(handler=run_schema)
    rows = actions.add_parser("rows", help="the most recent rows of one table")
    rows.add_argument("table")
    rows.add_argument("--limit", type=int, default=20, help="how many rows (default 20)")
    rows.add_argument("--json", action="store_true", help="machine-readable output (one JSON object per line)")
    rows.set_defaults(handler=run_rows)


def shown(value: Any) -> Any:
    """A stored value as the CLI may show it: BLOBs (encrypted documents, keys, pages) as their size only."""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} bytes>"
    if isinstance(value, str):
        return redact(value)
    return value


def run_tables(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    try:
        found = inspection.tables(ws.db)
    finally:
        ws.close()
    if args.json:
        print(json.dumps([{"table": t.name, "rows": t.rows} for t in found], ensure_ascii=False, indent=2))
    else:
        width = max((len(t.name) for t in found), default=5)
        for info in found:
            print(f"{info.name:<{width}}  {info.rows:>9}")
    return 0


def _one(ws: Workstation, name: str) -> inspection.TableInfo | None:
    try:
        return inspection.table(ws.db, name)
    except KeyError:
        print(f"db: no table {name!r}; `db tables` lists them")
        return None


def run_schema(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    try:
        info = _one(ws, args.table)
    finally:
        ws.close()
    if info is None:
        return 2
    if args.json:
        print(json.dumps({"table": info.name, "rows": info.rows, "columns": [
            {"name": c.name, "type": c.type, "not_null": c.not_null, "primary_key": c.primary_key}
            for c in info.columns]}, ensure_ascii=False, indent=2))
    else:
        print(f"{info.name} ({info.rows} rows)")
        for column in info.columns:
            flags = " ".join(f for f, on in (("PRIMARY KEY", column.primary_key), ("NOT NULL", column.not_null))
                             if on)
            print(f"  {column.name} {column.type} {flags}".rstrip())
    return 0


def run_rows(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    try:
        if _one(ws, args.table) is None:
            return 2
        rows = [{k: shown(v) for k, v in row.items()} for row in inspection.recent_rows(ws.db, args.table,
                                                                                      max(1, args.limit))]
    finally:
        ws.close()
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False, default=str))
        else:
            print("  ".join(f"{k}={v}" for k, v in row.items()))
    return 0
