"""Promised/legal deadlines of items and cases, and the 电子监察 level."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.catalog import HandlingType, ItemType, LimitUnit, ServiceItem, TimeLimit
from clerk_app.domain.deadlines import (
    SupervisionLevel,
    case_deadline,
    close_open_pauses,
    legal_deadline,
    promised_deadline,
    supervision_level,
)
from clerk_app.domain.workdays import Pause, WorkdayCalendar

CAL = WorkdayCalendar()


def item(promised: int | None, legal: int | None = 20, handling: HandlingType = HandlingType.PROMISED,
         unit: LimitUnit = LimitUnit.WORKING_DAYS) -> ServiceItem:
    return ServiceItem(
        basic_code="000", implementation_code=f"I{promised}-{legal}", name="测试事项",
        item_type=ItemType.ADMINISTRATIVE_LICENCE, department="测试局", handling_type=handling,
        legal_limit=TimeLimit(legal, unit) if legal is not None else None,
        promised_limit=TimeLimit(promised, unit) if promised is not None else None,
    )


def test_immediate_item_is_due_on_the_acceptance_day() -> None:
    found = promised_deadline(CAL, item(None, None, HandlingType.IMMEDIATE), date(2026, 3, 2))
    assert found is not None and found.deadline == date(2026, 3, 2) and found.certain


def test_promised_limit_preferred_to_legal_and_none_without_either() -> None:
    start = date(2026, 3, 2)
    assert promised_deadline(CAL, item(5, 20), start).deadline == date(2026, 3, 9)  # type: ignore[union-attr]
    assert promised_deadline(CAL, item(None, 20), start).deadline == date(2026, 3, 30)  # type: ignore[union-attr]
    assert promised_deadline(CAL, item(None, None), start) is None
    assert legal_deadline(CAL, item(5, None), start) is None
    assert legal_deadline(CAL, item(5, 20), start).deadline == date(2026, 3, 30)  # type: ignore[union-attr]


def test_calendar_day_limit() -> None:
    found = promised_deadline(CAL, item(10, None, unit=LimitUnit.CALENDAR_DAYS), date(2026, 9, 21))
    assert found is not None and found.deadline == date(2026, 10, 8)


def test_case_with_several_items_takes_the_latest_and_keeps_uncertainty() -> None:
    start = date(2026, 12, 15)
    found = case_deadline(CAL, [item(3), item(20)], start)
    assert found is not None
    assert found.deadline == CAL.add_working_days(start, 20).end
    assert not found.certain and found.warning and found.uncertain_years == (2027,)
    # The slower item is certain but the quicker one is not? Then the case is still uncertain.
    mixed = case_deadline(CAL, [item(20), item(1, unit=LimitUnit.CALENDAR_DAYS)], date(2026, 12, 31))
    assert mixed is not None and not mixed.certain
    assert case_deadline(CAL, [item(None, None)], start) is None


def test_as_json_shape() -> None:
    found = promised_deadline(CAL, item(5), date(2026, 3, 2))
    assert found is not None
    assert found.as_json() == {"deadline": "2026-03-09", "certain": True, "warning": None}


def test_supervision_levels() -> None:
    deadline = date(2026, 3, 13)  # Friday
    assert supervision_level(CAL, deadline, date(2026, 3, 9), 1) is SupervisionLevel.NORMAL
    assert supervision_level(CAL, deadline, date(2026, 3, 12), 1) is SupervisionLevel.YELLOW
    assert supervision_level(CAL, deadline, date(2026, 3, 13), 1) is SupervisionLevel.YELLOW
    assert supervision_level(CAL, deadline, date(2026, 3, 14), 1) is SupervisionLevel.RED
    assert supervision_level(CAL, deadline, date(2026, 3, 10), 3) is SupervisionLevel.YELLOW
    assert supervision_level(CAL, deadline, date(2026, 3, 20), 1, paused=True) is SupervisionLevel.PAUSED
    # The weekend before a Monday deadline is still "one working day left" on Friday.
    assert supervision_level(CAL, date(2026, 3, 16), date(2026, 3, 13), 1) is SupervisionLevel.YELLOW


def test_open_pause_counts_until_today() -> None:
    closed = close_open_pauses([Pause(date(2026, 3, 4), None), Pause(date(2026, 3, 1), date(2026, 3, 2))],
                               date(2026, 3, 6))
    assert closed == (Pause(date(2026, 3, 4), date(2026, 3, 6)), Pause(date(2026, 3, 1), date(2026, 3, 2)))


@settings(max_examples=100, deadline=None)
@given(start=st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 1, 1)),
       limit=st.integers(min_value=1, max_value=30), yellow=st.integers(min_value=0, max_value=5),
       offset=st.integers(min_value=-10, max_value=60))
def test_levels_only_worsen_as_days_pass(start: date, limit: int, yellow: int, offset: int) -> None:
    from datetime import timedelta

    deadline = CAL.add_working_days(start, limit).end
    order = [SupervisionLevel.NORMAL, SupervisionLevel.YELLOW, SupervisionLevel.RED]
    today = start + timedelta(days=max(offset, 0))
    tomorrow = today + timedelta(days=1)
    now = order.index(supervision_level(CAL, deadline, today, yellow))
    later = order.index(supervision_level(CAL, deadline, tomorrow, yellow))
    assert later >= now
    assert (order[now] is SupervisionLevel.RED) == (today > deadline)
