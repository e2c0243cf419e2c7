"""好差评 and reprints in the report: cases made by the real acceptance flow (``training seed``), evaluated through
the customer screen's desk and reprinted through the print archive, counted here independently of the report."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import main
from clerk_app.context import open_workstation
from clerk_app.customer.evaluation import CaseContext, EvaluationDesk
from clerk_app.paths import resolve_paths
from offline_cache.print_archive import archive_printed

GRADES = [5, 2, 1, None, 4, 2, 3]  # one per seeded case in order (None = skipped, 未评价); cycles if more cases


def _evaluate_and_reprint(home: str) -> tuple[dict[str, int | None], list[str]]:
    ws = open_workstation(resolve_paths(home))
    try:
        rows = ws.db.query("SELECT case_uuid, case_number, item_codes, centre_code, window_code, clerk_id"
                           " FROM cases ORDER BY case_number")
        desk = EvaluationDesk(ws.db)
        given: dict[str, int | None] = {}
        for n, r in enumerate(rows[:-1]):  # the last case is not evaluated at all
            grade = GRADES[n % len(GRADES)]
            desk.record(CaseContext(r["case_uuid"], r["case_number"], tuple(json.loads(r["item_codes"])),
                                    r["centre_code"], r["window_code"], r["clerk_id"]), grade,
                        ["服务效率"], "张三 110101199003077777 很慢")  # a comment that must not reach the report
            given[r["case_number"]] = grade
        reprinted = [r["case_uuid"] for r in rows[::2]]
        for case_uuid in reprinted:
            for _ in range(2):
                archive_printed(ws.db, ws.blobs, case_uuid, b"%PDF-1.4 reprint", "receipt", True, "test", "k", "01")
        return given, reprinted
    finally:
        ws.close()


def test_report_counts_evaluations_per_level_and_lists_the_poor_ones(tmp_path, capsys) -> None:
    home = str(tmp_path / "home")
    assert main.run(["--home", home, "training", "seed", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    given, reprinted = _evaluate_and_reprint(home)
    assert len(given) == len(made) - 1 >= 4
    today = date.today().isoformat()
    assert main.run(["--home", home, "report", "--from", today, "--to", today, "--by", "clerk", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    total = report["total"]
    names = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意", None: "未评价"}
    expected = Counter(names[g] for g in given.values())
    assert total["evaluations"] == {name: expected.get(name, 0) for name in names.values()}
    poor_numbers = sorted(number for number, g in given.items() if g in (1, 2))
    assert total["poor"] == len(poor_numbers) >= 2
    assert [p["case_number"] for p in report["poor"]] == poor_numbers
    assert all(p["reasons"] == ["服务效率"] and p["item"] and p["clerk"] and p["window"] for p in report["poor"])
    text = json.dumps(report, ensure_ascii=False)
    assert "张三" not in text and "110101199003077777" not in text and "很慢" not in text  # never the citizen
    assert total["reprints"] == 2 * len(reprinted)
    assert sum(g["reprints"] for g in report["groups"]) == total["reprints"]
    assert "evaluations" not in report["unavailable"]
    days = {d["day"]: d for d in report["days"]}
    assert list(days) == [today] and days[today]["accept"] == total["by_decision"]["accept"]


def test_the_paper_and_the_workbook_carry_the_evaluations(tmp_path, capsys) -> None:
    import openpyxl
    import pypdfium2

    home = str(tmp_path / "home")
    assert main.run(["--home", home, "training", "seed", "--json"]) == 0
    capsys.readouterr()
    given, _ = _evaluate_and_reprint(home)
    today = date.today().isoformat()
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    for flag, path in (("--xlsx", xlsx), ("--pdf", pdf)):
        assert main.run(["--home", home, "report", "--from", today, "--to", today, flag, str(path)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(xlsx)
    levels = [c.value for c in book["好差评"][1]]
    assert levels == [None, "非常满意", "满意", "基本满意", "不满意", "非常不满意", "未评价", "差评"]
    total_row = [c.value for c in book["好差评"][book["好差评"].max_row]]
    assert total_row[0] == "合计" and total_row[4] == sum(1 for g in given.values() if g == 2)
    assert total_row[7] == sum(1 for g in given.values() if g in (1, 2))
    poor_sheet = list(book["差评"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[3] for r in poor_sheet) == sorted(n for n, g in given.items() if g in (1, 2))
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(pdf)))
    assert "好差评" in text and "差评 " in text and "非常不满意" in text
