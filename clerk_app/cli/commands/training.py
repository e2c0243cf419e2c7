"""``training seed [--json]``: practice cases dated today on the training home, one per situation a trainer shows."""

from __future__ import annotations

import argparse
import json

from clerk_app.cli import WorkstationFactory


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("training", help="training-mode helpers")
    actions = parser.add_subparsers(dest="training_command", metavar="ACTION", required=True)
    seed = actions.add_parser("seed", help="create practice cases dated today (every decision, 容缺, 补齐, "
                                           "a follow-up acceptance, a case ready for pickup)")
    seed.add_argument("--json", action="store_true", help="machine-readable output")
    seed.set_defaults(handler=run_seed)


def run_seed(args: argparse.Namespace, make_workstation: WorkstationFactory) -> int:
    from clerk_app.acceptance.practice import seed
    from clerk_app.catalog.service import CatalogService

    ws = make_workstation()
    catalog = CatalogService(ws.db)
    catalog.ensure_training_catalog()
    cases = seed(ws, catalog)
    data = [{"case_number": c.case_number, "decision": c.decision, "status": c.status, "label": c.label,
             "item_names": list(c.item_names)} for c in cases]
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for row in data:
            print(f"{row['case_number']}  {row['decision']:<24} {row['status']:<28} {row['label']}"
                  f"  ({'、'.join(row['item_names'])})")
    return 0
