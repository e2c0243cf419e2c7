"""Working-day calendar: official data, overrides, fallback with uncertainty, pauses, calendar-day periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.workdays import Pause, WorkdayCalendar, official_years

CAL = WorkdayCalendar()
KNOWN = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 6, 30))
ANY = st.dates(min_value=date(2005, 1, 1), max_value=date(2035, 12, 31))
LIMIT = st.integers(min_value=0, max_value=60)


def test_official_data_knows_make_up_workdays_and_holidays() -> None:
    assert CAL.is_workday(date(2025, 9, 28))  # a Sunday worked in lieu (调休)
    assert not CAL.is_workday(date(2025, 10, 1))
    assert not CAL.is_workday(date(2026, 10, 1))
    assert CAL.is_workday(date(2026, 10, 10))  # Saturday, 调休
    assert CAL.info(date(2026, 10, 10)).certain
    assert official_years()[0] <= 2004 and official_years()[1] >= 2026


def test_acceptance_day_is_not_counted() -> None:
    # Monday 2026-03-02 + 1 working day = Tuesday; + 5 = next Monday.
    assert CAL.add_working_days(date(2026, 3, 2), 1).end == date(2026, 3, 3)
    assert CAL.add_working_days(date(2026, 3, 2), 5).end == date(2026, 3, 9)
    assert CAL.add_working_days(date(2026, 3, 2), 0).end == date(2026, 3, 2)


def test_national_day_week_and_make_up_saturday() -> None:
    # Accepted Friday 2026-09-25: 09-28, 09-29, 09-30 count; 10-01..10-07 off; 10-08, 10-09 count.
    result = CAL.add_working_days(date(2026, 9, 25), 5)
    assert result.end == date(2026, 10, 9)
    assert result.certain
    # The 调休 Saturday 2026-10-10 counts as the 6th working day.
    assert CAL.add_working_days(date(2026, 9, 25), 6).end == date(2026, 10, 10)


def test_december_2026_plus_20_working_days_is_flagged_uncertain() -> None:
    result = CAL.add_working_days(date(2026, 12, 15), 20)
    assert not result.certain
    assert result.uncertain_years == (2027,)
    assert result.warning() is not None and "2027" in result.warning()
    assert result.end.year == 2027
    # Entirely inside known data: certain, no warning.
    inside = CAL.add_working_days(date(2026, 12, 1), 20)
    assert inside.certain and inside.warning() is None and inside.end == date(2026, 12, 29)


def test_fallback_skips_weekends_and_fixed_date_holidays() -> None:
    info = CAL.info(date(2027, 1, 1))
    assert not info.workday and not info.certain and info.source == "fallback"
    assert CAL.info(date(2027, 1, 4)).workday
    assert not CAL.info(date(2027, 1, 2)).workday  # Saturday


def test_overrides_win_and_a_complete_year_is_certain() -> None:
    cal = WorkdayCalendar({date(2027, 1, 4): False, date(2026, 10, 10): False}, complete_years=[2027])
    assert not cal.is_workday(date(2026, 10, 10))  # override beats the package
    info = cal.info(date(2027, 1, 5))
    assert info.workday and info.certain and info.source == "complete_year"
    result = cal.add_working_days(date(2026, 12, 15), 20)
    assert result.certain
    assert result.end == CAL.add_working_days(date(2026, 12, 15), 20).end + timedelta(days=1)


def test_pauses_are_not_counted() -> None:
    start = date(2026, 3, 2)  # Monday
    plain = CAL.add_working_days(start, 10).end
    paused = CAL.add_working_days(start, 10, [Pause(date(2026, 3, 4), date(2026, 3, 6))]).end
    assert CAL.working_days_between(plain, paused) == 3
    with pytest.raises(ValueError):
        CAL.add_working_days(start, 10, [Pause(date(2026, 3, 4), None)])
    with pytest.raises(ValueError):
        CAL.add_working_days(start, 10, [Pause(date(2026, 3, 6), date(2026, 3, 4))])


def test_calendar_days_end_on_next_working_day_when_last_day_is_off() -> None:
    # 2026-09-21 + 10 calendar days = 10-01 (holiday) -> first working day after the holiday = 10-08.
    assert CAL.add_calendar_days(date(2026, 9, 21), 10).end == date(2026, 10, 8)
    assert CAL.add_calendar_days(date(2026, 3, 2), 3).end == date(2026, 3, 5)
    paused = CAL.add_calendar_days(date(2026, 3, 2), 3, [Pause(date(2026, 3, 3), date(2026, 3, 3))])
    assert paused.end == date(2026, 3, 6)
    assert not CAL.add_calendar_days(date(2026, 12, 20), 15).certain


def test_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 3, 2), -1)
    with pytest.raises(ValueError):
        CAL.add_calendar_days(date(2026, 3, 2), -1)


@settings(max_examples=200, deadline=None)
@given(start=ANY, count=st.integers(min_value=1, max_value=60))
def test_deadline_is_a_working_day_strictly_after_start(start: date, count: int) -> None:
    result = CAL.add_working_days(start, count)
    assert result.end > start
    assert CAL.is_workday(result.end)
    assert CAL.working_days_between(start, result.end) == count


@settings(max_examples=150, deadline=None)
@given(start=ANY, count=LIMIT)
def test_deadline_is_monotone_in_the_limit(start: date, count: int) -> None:
    assert CAL.add_working_days(start, count).end < CAL.add_working_days(start, count + 1).end


@settings(max_examples=150, deadline=None)
@given(start=KNOWN, count=LIMIT)
def test_certain_inside_known_years_and_uncertain_beyond(start: date, count: int) -> None:
    result = CAL.add_working_days(start, count)
    assert result.certain == (result.end.year <= official_years()[1])


@settings(max_examples=100, deadline=None)
@given(start=ANY, count=st.integers(min_value=1, max_value=40),
       pause_start=st.integers(min_value=1, max_value=30), pause_len=st.integers(min_value=0, max_value=20))
def test_a_pause_never_makes_the_deadline_earlier(start: date, count: int, pause_start: int, pause_len: int) -> None:
    first = start + timedelta(days=pause_start)
    pause = Pause(first, first + timedelta(days=pause_len))
    plain = CAL.add_working_days(start, count).end
    paused = CAL.add_working_days(start, count, [pause])
    assert paused.end >= plain
    assert CAL.working_days_between(start, paused.end, [pause]) == count


@settings(max_examples=100, deadline=None)
@given(start=ANY, count=st.integers(min_value=1, max_value=60))
def test_calendar_day_period_ends_on_a_working_day_no_earlier_than_n_days(start: date, count: int) -> None:
    result = CAL.add_calendar_days(start, count)
    assert result.end >= start + timedelta(days=count)
    assert CAL.is_workday(result.end)
