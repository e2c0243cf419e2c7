"""``report``: figures computed on cases made by the real acceptance flow (``training seed``), checked against
counts made here from what the seed says it made."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import main
from clerk_app.reports.service import quantiles


def _seed(home: str, capsys) -> list[dict]:
    assert main.run(["--home", home, "training", "seed", "--json"]) == 0
    made: list[dict] = json.loads(capsys.readouterr().out)
    return made


def _report(home: str, capsys, *extra: str) -> dict:
    today = date.today().isoformat()
    assert main.run(["--home", home, "report", "--from", today, "--to", today, "--json", *extra]) == 0
    out: dict = json.loads(capsys.readouterr().out)
    return out


def test_report_by_item_counts_what_the_acceptance_flow_made(tmp_path, capsys) -> None:
    home = str(tmp_path / "home")
    made = _seed(home, capsys)
    report = _report(home, capsys, "--by", "item")
    total = report["total"]
    assert total["cases"] == len(made)
    assert total["by_decision"] == {d: sum(1 for c in made if c["decision"] == d)
                                    for d in ("accept", "accept_with_deficiency", "one_time_notice", "reject")}
    per_item = Counter(c["item_names"][0] for c in made)
    assert {g["label"]: g["cases"] for g in report["groups"]} == dict(per_item)
    # 即办件: the seed's on-the-spot case is the only one concluded at the window.
    assert total["by_type"]["IMMEDIATE"] == sum(1 for c in made if c["status"] == "concluded")
    # 容缺 not yet supplied: the cases still waiting for their materials.
    assert total["deficiency_outstanding"] == sum(1 for c in made if c["status"] == "accepted_pending_supplement")
    assert total["deficiency_overdue"] == 0  # supply-by dates lie ahead today
    assert total["notices_followed"] == sum(1 for c in made if c["decision"] == "one_time_notice")  # seed follows up
    assert total["red"] == 0 and report["overdue"] == []
    assert report["unavailable"] == {} and total["voids"] == 0  # every figure is measured locally; nothing voided


def test_far_future_as_of_day_turns_running_cases_red_and_deferrals_overdue(tmp_path, capsys) -> None:
    home = str(tmp_path / "home")
    made = _seed(home, capsys)
    later = (date.today() + timedelta(days=400)).isoformat()
    report = _report(home, capsys, "--by", "window", "--today", later)
    running = [c for c in made if c["status"] in ("accepted", "accepted_pending_supplement")]
    assert report["total"]["red"] == len(running)  # concluded, rejected, notified, ready for pickup: no warning
    assert len(report["overdue"]) == len(running)
    assert all("applicant" not in row for row in report["overdue"])
    assert report["total"]["deficiency_overdue"] == report["total"]["deficiency_outstanding"] >= 1
    assert [g["key"] for g in report["groups"]] == ["01"] or len(report["groups"]) == 1


def test_an_empty_range_is_an_empty_report(tmp_path, capsys) -> None:
    home = str(tmp_path / "home")
    _seed(home, capsys)
    assert main.run(["--home", home, "report", "--from", "2020-01-01", "--to", "2020-01-31", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["groups"] == [] and report["total"]["cases"] == 0


def test_quantiles_are_median_and_nearest_rank_p90() -> None:
    assert quantiles([None, None]) == {"n": 0, "median": None, "p90": None}
    values = [float(v) for v in range(1, 11)]  # 1..10
    assert quantiles([*values, None]) == {"n": 10, "median": 5.5, "p90": 9.0}
    assert quantiles([7.0]) == {"n": 1, "median": 7.0, "p90": 7.0}


def test_xlsx_reads_back_with_the_same_figures_as_the_json(tmp_path, capsys) -> None:
    import openpyxl

    home = str(tmp_path / "home")
    _seed(home, capsys)
    data = _report(home, capsys, "--by", "item")
    path = tmp_path / "report.xlsx"
    today = date.today().isoformat()
    assert main.run(["--home", home, "report", "--from", today, "--to", today, "--by", "item",
                     "--xlsx", str(path)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(path)
    sheet = book["汇总"]
    header = [c.value for c in sheet[2]]
    assert header[1:3] == ["办件", "受理"]
    by_label = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] and row[1] is not None}
    for group in data["groups"]:
        row = by_label[group["label"]]
        assert row[1] == group["cases"] and row[2] == group["by_decision"]["accept"]
    assert by_label["合计"][1] == data["total"]["cases"]
    assert book["逾期"].max_row == 1 + len(data["overdue"])


def test_pdf_has_the_letterhead_and_the_total(tmp_path, capsys) -> None:
    import pypdfium2

    home = str(tmp_path / "home")
    made = _seed(home, capsys)
    path = tmp_path / "report.pdf"
    today = date.today().isoformat()
    assert main.run(["--home", home, "report", "--from", today, "--to", today, "--pdf", str(path)]) == 0
    capsys.readouterr()
    pdf = pypdfium2.PdfDocument(str(path))
    text = pdf[0].get_textpage().get_text_range()
    assert "培训演示便民服务中心" in text and "办件统计报表" in text
    assert "合计" in text and str(len(made)) in text
