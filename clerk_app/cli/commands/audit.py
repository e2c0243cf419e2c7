"""``audit verify [--json]``: check the hash chain of the audit trail (security events and every case event);
``audit list [--kind K] [--limit N] [--json]``: the latest entries. Exit code 0 when the chain holds, 1 when it is
broken (the first broken entry is named), so a supervisor's script can alarm on it."""

from __future__ import annotations

import argparse
import json

from clerk_app.cli import ServicesFactory
from offline_cache import audit_log


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("audit", help="the tamper-evident audit trail")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; names the first broken entry")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(handler=run_verify)
    listing = actions.add_parser("list", help="the latest entries (no personal data)")
    listing.add_argument("--kind", help="only this kind (login, login_failed, lock, reveal, case_event, ...)")
    listing.add_argument("--limit", type=int, default=30)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=run_list)


def describe(result: dict[str, object]) -> str:
    if result["ok"]:
        head = result["head"]
        assert isinstance(head, dict)
        return f"audit chain intact: {result['entries']} entries, head #{head['seq']} {str(head['hash'])[:16]}"
    broken = result["first_broken"]
    assert isinstance(broken, dict)
    where = f"entry #{broken['seq']}" if broken.get("seq") is not None else "no entry"
    event = f" (case event {broken['event_id']})" if broken.get("event_id") is not None else ""
    return f"audit chain BROKEN at {where}{event}: {broken['reason']}"


def run_verify(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    try:
        result = audit_log.verify(ws.db)
    finally:
        ws.close()
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else describe(result))
    return 0 if result["ok"] else 1


def run_list(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    try:
        rows = audit_log.recent(ws.db, args.limit, args.kind)
    finally:
        ws.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"#{row['seq']:<6} {row['at'][:19]} {row['kind']:<14} {row['clerk_id']:<12} {row['details']}")
    return 0
