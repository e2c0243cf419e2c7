"""``retention run [--dry-run] [--json]``: purge the personal data of concluded, platform-confirmed cases older than
``retention.personal_days`` (clerk_app/security/retention.py; docs/SECURITY.md). ``--dry-run`` lists what would
go and changes nothing. The GUI runs the same purge once a day at start."""

from __future__ import annotations

import argparse
import getpass
import json

from clerk_app.cli import ServicesFactory


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("retention", help="purge personal data after the retention period")
    actions = parser.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="purge concluded, confirmed cases past the period (audited)")
    run.add_argument("--dry-run", action="store_true", help="only list the cases that would be purged")
    run.add_argument("--json", action="store_true", help="machine-readable output")
    run.set_defaults(handler=run_retention)


def run_retention(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    services = make_services()
    report = services.retention.run(dry_run=args.dry_run, actor=f"os:{getpass.getuser()}")
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    verb = "would purge" if report.dry_run else "purged"
    print(f"retention {services.retention.days} days (concluded before {report.cutoff}): {verb} "
          f"{len(report.cases)} case(s), {report.files_deleted} file(s) deleted, "
          f"{report.applicants_purged} applicant(s); {report.waiting} still within the period")
    for number in report.cases:
        print(f"  {number}")
    return 0
