"""The commit through the real rules engine: numbering, state machine events, working-day deadlines."""

from __future__ import annotations

from datetime import date, datetime

from clerk_app.acceptance.rules_adapter import RulesEngineAdapter
from clerk_app.domain.case import Decision
from clerk_app.domain.catalog import HandlingType
from offline_cache.calendar_store import CalendarStore
from tests.unit.acceptance.conftest import CHECKLIST, CST, applicant, item


def _service(services, when: datetime):
    service = services.acceptance
    service._clock = lambda: when  # noqa: SLF001 - fixed acceptance day for the deadline arithmetic
    return service


def _commit(service, handling=HandlingType.PROMISED, decision=Decision.ACCEPT):
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(handling),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    return service.commit(session, decision)


def test_real_numbering_and_events(services) -> None:
    service = _service(services, datetime(2026, 9, 25, 9, 0, tzinfo=CST))
    first, second = _commit(service), _commit(service)
    assert first.case_number == "33030200101202609250001"
    assert second.case_number.endswith("0002")
    events = service.cases.events(first.case_uuid)
    assert [(e.kind, e.from_status, e.to_status) for e in events] == [
        ("created", None, "draft"), ("decided", "draft", "accepted")]
    stored = service.cases.get(first.case_uuid)
    assert services.rules.check_verification(first.case_number, stored.details["verification_code"])


def test_promised_date_counts_working_days_across_national_day(services) -> None:
    # Accepted Friday 2026-09-25; promised limit 5 working days. 2026-09-28 (Mon) … 2026-09-30 are
    # workdays, 10-01..10-07 the National Day holiday, so the fifth working day falls after it.
    service = _service(services, datetime(2026, 9, 25, 9, 0, tzinfo=CST))
    calendar = CalendarStore(services.workstation.db).load_calendar()
    result = _commit(service)
    expected = date(2026, 9, 25)
    counted = 0
    while counted < 5:
        expected = expected.fromordinal(expected.toordinal() + 1)
        counted += calendar.is_workday(expected)
    assert result.promised_date == expected and result.promised_date > date(2026, 10, 7)
    assert result.legal_deadline is not None and result.legal_deadline > result.promised_date


def test_immediate_item_concludes_through_the_state_machine(services) -> None:
    service = _service(services, datetime(2026, 11, 23, 9, 0, tzinfo=CST))
    result = _commit(service, HandlingType.IMMEDIATE)
    assert result.concluded and result.promised_date == date(2026, 11, 23)
    kinds = [e.kind for e in service.cases.events(result.case_uuid)]
    assert kinds == ["created", "decided", "status_changed"]


def test_december_case_gets_a_flagged_date(services) -> None:
    service = _service(services, datetime(2026, 12, 28, 9, 0, tzinfo=CST))
    result = _commit(service)
    adapter = service.rules
    assert isinstance(adapter, RulesEngineAdapter)
    assert result.promised_date is not None and result.promised_date.year == 2027
    assert result.promised_certain is False and result.deadline_warning
