"""The calendar extension table, the rules service on a real workstation, and ``main.py calendar``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import main
from clerk_app.context import Workstation
from clerk_app.domain.deadlines import SupervisionLevel
from offline_cache.calendar_store import CalendarDay, CalendarStore


def test_store_round_trip_and_year_import(workstation: Workstation) -> None:
    store = CalendarStore(workstation.db)
    store.set_days([CalendarDay(date(2027, 2, 8), False, "春节", "admin"),
                    CalendarDay(date(2027, 2, 20), True, "调休上班", "admin")])
    cal = store.load_calendar()
    assert not cal.is_workday(date(2027, 2, 8)) and cal.is_workday(date(2027, 2, 20))
    assert not cal.info(date(2027, 2, 9)).certain
    imported = store.import_year(2027, [CalendarDay(date(2027, 10, 4), False, "国庆节")], source="platform")
    assert imported == 1 and store.complete_years() == [2027]
    assert [d.name for d in store.days(2027)] == ["春节", "调休上班", "国庆节"]
    assert store.load_calendar().info(date(2027, 2, 9)).certain
    # A re-import replaces the platform's days and keeps the administrator's.
    store.import_year(2027, [], source="platform")
    assert [d.name for d in store.days(2027)] == ["春节", "调休上班"]
    assert store.remove_day(date(2027, 2, 8)) and not store.remove_day(date(2027, 2, 8))
    store.mark_year_complete(2027, complete=False)
    assert store.complete_years() == []
    with pytest.raises(ValueError):
        store.import_year(2028, [CalendarDay(date(2027, 1, 1), False)])
    with pytest.raises(ValueError):
        store.set_days([CalendarDay(date(2027, 1, 1), False, source="someone")])


def test_rules_service_uses_config_and_sees_calendar_changes(workstation: Workstation, services) -> None:
    rules = services.rules
    assert services.acceptance.rules.service is rules  # one rules service: acceptance applies the same calendar
    before = rules.deadline(date(2026, 12, 15), 20)
    assert not before.certain
    rules.calendar_store.import_year(2027, [CalendarDay(date(2027, 1, 4), False, "元旦调休")])
    rules.calendar_changed()
    after = rules.deadline(date(2026, 12, 15), 20)
    assert after.certain and after.deadline > before.deadline
    with workstation.db.transaction() as conn:
        number = rules.allocate_number(conn, date(2026, 11, 22))
    assert str(number).startswith("33030200101" + "20261122")
    code = rules.verification_code(str(number))
    assert rules.check_verification(str(number), code) and not rules.check_verification(str(number), "AAAAAA")
    assert rules.supervision(date(2026, 3, 13), date(2026, 3, 12)) is SupervisionLevel.YELLOW


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main.run(["calendar", *args])
    return code, capsys.readouterr().out


def test_cli_deadline_json(ow_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(capsys, "deadline", "2026-09-25", "5", "--json")
    assert code == 0 and json.loads(out) == {"deadline": "2026-10-09", "certain": True, "warning": None}
    code, out = _cli(capsys, "deadline", "2026-12-15", "20", "--json")
    result = json.loads(out)
    assert result["certain"] is False and result["deadline"] == "2027-01-13" and "2027" in result["warning"]
    code, out = _cli(capsys, "deadline", "2026-03-02", "10", "--pause", "2026-03-04..2026-03-06", "--json")
    assert json.loads(out)["deadline"] == "2026-03-19"
    code, out = _cli(capsys, "deadline", "2026-09-21", "10", "--calendar-days", "--json")
    assert json.loads(out)["deadline"] == "2026-10-08"


def test_cli_administrator_extends_the_calendar(ow_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "set", "2027-01-04", "--holiday", "--name", "元旦")[0] == 0
    assert _cli(capsys, "complete", "2027")[0] == 0
    code, out = _cli(capsys, "deadline", "2026-12-15", "20", "--json")
    assert json.loads(out) == {"deadline": "2027-01-14", "certain": True, "warning": None}
    code, out = _cli(capsys, "list", "2027", "--json")
    listing = json.loads(out)
    assert listing["complete_years"] == [2027] and listing["days"][0]["name"] == "元旦"
    assert _cli(capsys, "unset", "2027-01-04")[0] == 0
    assert _cli(capsys, "unset", "2027-01-04")[0] == 1
    assert _cli(capsys, "set", "2027-02-06..2027-02-12", "--holiday", "--name", "春节")[0] == 0
    code, out = _cli(capsys, "list", "2027", "--json")
    assert [d["day"] for d in json.loads(out)["days"]] == [f"2027-02-{n:02d}" for n in range(6, 13)]
    assert _cli(capsys, "unset", "2027-02-06..2027-02-12")[0] == 0


def test_cli_rejects_bad_input(ow_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main.run(["calendar", "deadline", "2026-13-01", "5"])
    with pytest.raises(SystemExit):
        main.run(["calendar", "set", "2027-02-12..2027-02-06", "--holiday"])
    assert main.run(["calendar", "deadline", "2026-03-02", "-1", "--json"]) == 1
    capsys.readouterr()

