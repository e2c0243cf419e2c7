"""One report as plain tables (heading, column names, rows, sections, notes): what the terminal, the .xlsx, the PDF
and the statistics view show, so they never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.reports.service import DECISION_NAMES, DECISIONS, EVALUATION_LEVELS, TYPE_NAMES, Report

BY_NAMES = {"window": "窗口", "clerk": "人员", "department": "部门", "item": "事项"}
SHOWN_TYPES = ("IMMEDIATE", "PROMISED")  # 即办件 / 承诺件; 上报件 and 联办件 stay in the JSON
SCOPE_NOTES = {"window": "本机数据（离线时仅本窗口）", "hall": "全厅数据（平台汇总各窗口）"}


@dataclass(frozen=True)
class Section:
    """A titled list under the main table (one sheet of the workbook; on paper unless ``paper`` is False)."""

    name: str  # the sheet's name
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    paper: bool = True


@dataclass(frozen=True)
class ReportTable:
    title: str
    subtitle: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]  # the last row is the total
    sections: tuple[Section, ...]  # 好差评 (a summary, first), 逾期, 差评, 按日
    notes: tuple[str, ...]

    def section(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)


def _seconds(q: dict[str, float | None]) -> str:
    if not q.get("n"):
        return "-"
    return f"{q['median']:.0f}/{q['p90']:.0f}"


def report_table(report: Report) -> ReportTable:
    header = ("", "办件", *(DECISION_NAMES[d] for d in DECISIONS), *(TYPE_NAMES[t] for t in SHOWN_TYPES),
              "容缺待补", "容缺逾期", "告知后受理", "黄牌", "红牌", "补打", "作废", "差评",
              "等候秒 中位/P90", "办理秒 中位/P90")
    everyone = (*report.groups, report.total)
    missing = report.unavailable  # figures the source does not have: "-", not a zero that looks measured

    def shown(key: str, value: object) -> object:
        return "-" if key in missing else value

    rows = tuple(
        (g.label, g.cases, *(g.by_decision[d] for d in DECISIONS), *(g.by_type[t] for t in SHOWN_TYPES),
         shown("deficiency", g.deficiency_outstanding), shown("deficiency", g.deficiency_overdue),
         shown("notices_followed", g.notices_followed), shown("warnings", g.yellow), shown("warnings", g.red),
         shown("reprints", g.reprints), shown("voids", g.voids), g.poor, _seconds(g.wait), _seconds(g.service))
        for g in everyone
    )
    overdue = Section("逾期", f"逾期（红牌）{shown('warnings', len(report.overdue))} 件",
                      ("事项", "窗口", "人员", "办件标识"),
                      tuple((o["item"], o["window"], o["clerk"], o["case_uuid"][:8]) for o in report.overdue))
    evaluations = Section("好差评", "好差评", ("", *EVALUATION_LEVELS, "差评"),
                          tuple((g.label, *(g.evaluations[level] for level in EVALUATION_LEVELS), g.poor)
                                for g in everyone))
    poor = Section("差评", f"差评 {len(report.poor)} 件（供整改，不含评价人信息）",
                   ("事项", "窗口", "人员", "办件编号", "评价", "原因"),
                   tuple((p["item"], p["window"], p["clerk"], p["case_number"], p["grade"], "、".join(p["reasons"]))
                         for p in report.poor))
    days = Section("按日", "按日办件量", ("日期", *(DECISION_NAMES[d] for d in DECISIONS)),
                   tuple((day, *(counts[d] for d in DECISIONS)) for day, counts in report.days), paper=False)
    notes = (f"{SCOPE_NOTES.get(report.scope, report.scope)}，电子监察截至 {report.today}。",
             *(f"未统计：{text}" for text in report.unavailable.values()))
    return ReportTable(
        title="办件统计报表", subtitle=f"{report.start} 至 {report.end} · 按{BY_NAMES[report.by]}",
        header=header, rows=rows, sections=(evaluations, overdue, poor, days), notes=notes)


def as_text(table: ReportTable) -> str:
    lines = [f"{table.title}  {table.subtitle}", "\t".join(table.header)]
    lines += ["\t".join(str(v) for v in row) for row in table.rows]
    for section in table.sections:
        if not section.paper:
            continue
        lines += [section.title, "  " + "\t".join(section.header)]
        lines += ["  " + "\t".join(str(v) for v in row) for row in section.rows[:50]]
    return "\n".join(lines + list(table.notes))


def paper_sections(table: ReportTable) -> list[tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]]]:
    """The sections the PDF prints, as the printing layer takes them (it knows nothing of reports)."""
    return [(s.title, s.header, s.rows) for s in table.sections if s.paper]
