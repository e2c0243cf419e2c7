"""电子监察 per case: level from the state, dates extended by past pauses, certainty carried."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.deadlines import SupervisionLevel
from clerk_app.domain.supervision import (
    NO_WARNING,
    DatedLimit,
    case_supervision,
    extend_by_pauses,
    pauses_from_moves,
)
from clerk_app.domain.workdays import Pause, WorkdayCalendar
from offline_cache.cases import CLOSED_STATUSES

CAL = WorkdayCalendar()
MON = date(2025, 3, 3)  # an ordinary Monday, official calendar data


def test_concluded_on_the_spot_has_no_warning_even_on_its_deadline_day() -> None:
    result = case_supervision(CAL, CaseStatus.CONCLUDED, MON, DatedLimit(MON, True), None, (), MON, 2)
    assert result.level is None and not result.warns


def test_running_case_on_its_deadline_day_is_yellow_and_past_it_red() -> None:
    due = DatedLimit(MON, True)
    assert case_supervision(CAL, CaseStatus.ACCEPTED, MON, due, None, (), MON, 2).level is SupervisionLevel.YELLOW
    later = MON + timedelta(days=1)
    assert case_supervision(CAL, CaseStatus.SUBMITTED, MON, due, None, (), later, 2).level is SupervisionLevel.RED


def test_past_correction_moves_promised_and_legal_dates_by_its_working_days() -> None:
    promised = DatedLimit(date(2025, 3, 14), True)  # 9 working days after Monday 3 March
    legal = DatedLimit(date(2025, 3, 31), False)
    moves = [(None, "accepted", MON), ("accepted", "submitted", MON),
             ("submitted", "correction_requested", date(2025, 3, 5)),  # Wed..Fri 7 March stood still
             ("correction_requested", "in_review", date(2025, 3, 7))]
    pauses = pauses_from_moves(moves)
    assert pauses == (Pause(date(2025, 3, 5), date(2025, 3, 7)),)
    today = date(2025, 3, 17)
    result = case_supervision(CAL, CaseStatus.IN_REVIEW, MON, promised, legal, pauses, today, 2)
    assert result.promised == DatedLimit(date(2025, 3, 19), True)  # three working days later
    assert result.legal == DatedLimit(date(2025, 4, 3), False)  # uncertainty of the stored date kept
    # Without the pause the case would be red on the 17th; with it two working days remain.
    assert result.level is SupervisionLevel.YELLOW


def test_open_pause_shows_paused_and_dates_at_the_earliest() -> None:
    pauses = pauses_from_moves([("in_review", "special_procedure", date(2025, 3, 5))])
    result = case_supervision(CAL, CaseStatus.SPECIAL_PROCEDURE, MON, DatedLimit(date(2025, 3, 7), True), None,
                              pauses, date(2025, 3, 10), 2)
    assert result.level is SupervisionLevel.PAUSED
    assert result.promised is not None and result.promised.date > date(2025, 3, 7)


def test_domain_set_matches_the_storage_index_of_open_cases() -> None:
    assert {s.value for s in NO_WARNING} - {"draft"} == set(CLOSED_STATUSES)


@given(st.sampled_from(sorted(NO_WARNING, key=lambda s: s.value)), st.integers(0, 400), st.integers(-30, 60))
def test_closed_states_never_warn(status: CaseStatus, offset: int, days_left: int) -> None:
    accepted = date(2025, 1, 2) + timedelta(days=offset)
    due = DatedLimit(accepted + timedelta(days=max(days_left, 0)), True)
    today = accepted + timedelta(days=max(-days_left, 0) + 3)
    assert case_supervision(CAL, status, accepted, due, due, (), today, 3).level is None


@given(st.integers(0, 300), st.integers(0, 40), st.integers(0, 30), st.integers(0, 20))
def test_extension_never_earlier_and_adds_exactly_the_paused_working_days(offset: int, limit: int, start: int,
                                                                          length: int) -> None:
    accepted = date(2025, 1, 2) + timedelta(days=offset)
    stored = CAL.add_working_days(accepted, limit).end
    pause = Pause(accepted + timedelta(days=start + 1), accepted + timedelta(days=start + 1 + length))
    extended = extend_by_pauses(CAL, accepted, stored, True, [pause], accepted)
    assert extended.date >= stored
    # Working days counted, with the pause skipped, from acceptance to the extended date equal the limit.
    if stored > accepted:
        assert CAL.working_days_between(accepted, extended.date, [pause]) == CAL.working_days_between(accepted, stored)
