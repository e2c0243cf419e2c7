"""One report as a plain table (heading, column names, rows, notes): what the terminal, the .xlsx and the PDF show,
so the three never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.reports.service import DECISION_NAMES, DECISIONS, TYPE_NAMES, Report

BY_NAMES = {"window": "窗口", "clerk": "人员", "department": "部门", "item": "事项"}
SHOWN_TYPES = ("IMMEDIATE", "PROMISED")  # 即办件 / 承诺件; 上报件 and 联办件 stay in the JSON


@dataclass(frozen=True)
class ReportTable:
    title: str
    subtitle: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]  # the last row is the total
    overdue_header: tuple[str, ...]
    overdue: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]


def _seconds(q: dict[str, float | None]) -> str:
    if not q.get("n"):
        return "-"
    return f"{q['median']:.0f}/{q['p90']:.0f}"


def report_table(report: Report) -> ReportTable:
    header = ("", "办件", *(DECISION_NAMES[d] for d in DECISIONS), *(TYPE_NAMES[t] for t in SHOWN_TYPES),
              "容缺待补", "容缺逾期", "告知后受理", "黄牌", "红牌", "补打", "等候秒 中位/P90", "办理秒 中位/P90")
    rows = tuple(
        (g.label, g.cases, *(g.by_decision[d] for d in DECISIONS), *(g.by_type[t] for t in SHOWN_TYPES),
         g.deficiency_outstanding, g.deficiency_overdue, g.notices_followed, g.yellow, g.red, g.reprints,
         _seconds(g.wait), _seconds(g.service))
        for g in (*report.groups, report.total)
    )
    overdue = tuple((o["item"], o["window"], o["clerk"], o["case_uuid"][:8]) for o in report.overdue)
    notes = (f"本机数据（离线时仅本窗口），电子监察截至 {report.today}。",
             *(f"未统计：{text}" for text in report.unavailable.values()))
    return ReportTable(
        title="办件统计报表", subtitle=f"{report.start} 至 {report.end} · 按{BY_NAMES[report.by]}",
        header=header, rows=rows, overdue_header=("事项", "窗口", "人员", "办件标识"), overdue=overdue, notes=notes)


def as_text(table: ReportTable) -> str:
    lines = [f"{table.title}  {table.subtitle}", "\t".join(table.header)]
    lines += ["\t".join(str(v) for v in row) for row in table.rows]
    lines.append(f"逾期（红牌）{len(table.overdue)} 件" + ("：" if table.overdue else ""))
    lines += ["  " + "  ".join(row) for row in table.overdue[:50]]
    return "\n".join(lines + list(table.notes))
