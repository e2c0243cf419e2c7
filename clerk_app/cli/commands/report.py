"""``report --from DATE --to DATE --by window|clerk|department|item [--json]``: the supervision report of the
cases created in that range on this workstation (offline: its own data only, and it says so)."""

from __future__ import annotations

import argparse
import json
from datetime import date

from clerk_app.cli import WorkstationFactory
from clerk_app.reports.service import DECISION_NAMES, DECISIONS, DIMENSIONS, TYPE_NAMES, TYPES, Report, report_service


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("report", help="办件量, 容缺, 电子监察 and wait/service times for a range of days")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--by", choices=DIMENSIONS, default="window")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="as-of day for 电子监察 (default today)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace, make_workstation: WorkstationFactory) -> int:
    ws = make_workstation()
    try:
        report = report_service(ws).report(args.start, args.end, args.by, args.today or date.today())
    finally:
        ws.close()
    print(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if args.json else describe(report))
    return 0


def _seconds(q: dict[str, float | None]) -> str:
    if not q.get("n"):
        return "-"
    return f"{q['median']:.0f}s/{q['p90']:.0f}s"


BY_NAMES = {"window": "窗口", "clerk": "人员", "department": "部门", "item": "事项"}


def describe(report: Report) -> str:
    by = BY_NAMES[report.by]
    head = [f"办件统计 {report.start} – {report.end}  按{by}  (本机数据, 截至 {report.today})"]
    cols = ["", "办件", *(DECISION_NAMES[d] for d in DECISIONS), *(TYPE_NAMES[t] for t in TYPES[:2]),
            "容缺待补", "容缺逾期", "告知后受理", "黄牌", "红牌", "补打", "等候中位/P90", "办理中位/P90"]
    lines = ["\t".join(cols)]
    for g in (*report.groups, report.total):
        lines.append("\t".join(str(v) for v in [
            g.label, g.cases, *(g.by_decision[d] for d in DECISIONS), *(g.by_type[t] for t in TYPES[:2]),
            g.deficiency_outstanding, g.deficiency_overdue, g.notices_followed, g.yellow, g.red, g.reprints,
            _seconds(g.wait), _seconds(g.service)]))
    tail = [f"逾期 (红牌) {len(report.overdue)} 件:"] + [
        f"  {o['item']}  窗口 {o['window']}  {o['clerk']}" for o in report.overdue[:50]]
    tail += [f"未统计: {text}" for text in report.unavailable.values()]
    return "\n".join(head + lines + tail)
