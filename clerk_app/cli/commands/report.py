"""``report --from DATE --to DATE --by window|clerk|department|item [--json | --xlsx FILE | --pdf FILE]``: the
supervision report of the cases created in that range on this workstation (offline: its own data only, and it says
so). The text, the workbook and the paper are made from one table (``clerk_app.reports.table``)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from clerk_app.cli import ServicesFactory
from clerk_app.reports.service import DIMENSIONS
from clerk_app.reports.table import as_text, paper_sections, report_table


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("report", help="办件量, 容缺, 电子监察 and wait/service times for a range of days")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--by", choices=DIMENSIONS, default="window")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="as-of day for 电子监察 (default today)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="write an .xlsx workbook")
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a printable PDF with the centre's letterhead")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    services = make_services()
    ws = services.workstation
    try:
        report = services.reports.report(args.start, args.end, args.by, args.today or date.today())
        centre = str(ws.config.get("centre.name"))
    finally:
        ws.close()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 0
    table = report_table(report)
    if args.xlsx:
        from clerk_app.reports.xlsx import write_xlsx

        write_xlsx(table, args.xlsx)
        print(args.xlsx)
    elif args.pdf:
        from printing.report_pdf import render_report_pdf

        args.pdf.write_bytes(render_report_pdf(centre, table.title, table.subtitle, table.header, table.rows,
                                               paper_sections(table), table.notes))
        print(args.pdf)
    else:
        print(as_text(table))
    return 0
