"""Case numbers: format, parsing, verification code, and allocation inside transactions (incl. rollbacks)."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.domain.numbering import (
    CaseNumber,
    NotACaseNumber,
    SequenceExhausted,
    check_verification_code,
    parse_case_number,
    parse_qr_payload,
    qr_payload,
    verification_code,
)
from offline_cache.case_numbers import allocate_case_number, peek_next
from offline_cache.db import Database

KEY = b"k" * 32
DAY = date(2026, 11, 22)


def test_format_is_centre_window_date_sequence() -> None:
    number = CaseNumber("330302001", "01", DAY, 7)
    assert str(number) == "33030200101202611220007"
    assert parse_case_number(" 33030200101202611220007\n") == number


@given(centre=st.from_regex(r"\A[0-9]{6,12}\Z"), window=st.from_regex(r"\A[0-9]{2}\Z"),
       day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       seq=st.integers(min_value=1, max_value=9999))
def test_parse_inverts_format(centre: str, window: str, day: date, seq: int) -> None:
    number = CaseNumber(centre, window, day, seq)
    assert parse_case_number(str(number)) == number


@pytest.mark.parametrize("text", ["", "abc", "3303020010120261322" + "0001", "0120261122" + "0001", "1234"])
def test_parse_rejects_other_text(text: str) -> None:
    with pytest.raises(NotACaseNumber):
        parse_case_number(text)


def test_sequence_bounds() -> None:
    with pytest.raises(SequenceExhausted):
        CaseNumber("330302001", "01", DAY, 10000)
    with pytest.raises(SequenceExhausted):
        CaseNumber("330302001", "01", DAY, 0)


@given(number=st.from_regex(r"\A[0-9]{23}\Z"))
def test_verification_code_is_stable_keyed_and_checkable(number: str) -> None:
    code = verification_code(KEY, number)
    assert len(code) == 6 and code.isalnum() and code == code.upper()
    assert code == verification_code(KEY, number)
    assert check_verification_code(KEY, number, code.lower())
    assert verification_code(b"x" * 32, number) != code or verification_code(b"y" * 32, number) != code
    assert parse_qr_payload(qr_payload(number, code)) == (number, code)


def test_verification_codes_differ_between_numbers_and_keys() -> None:
    codes = {verification_code(KEY, str(CaseNumber("330302001", "01", DAY, s))) for s in range(1, 2001)}
    assert len(codes) >= 1999  # 30 bits: collisions among 2,000 are very unlikely
    assert not check_verification_code(b"z" * 32, "33030200101202611220001",
                                       verification_code(KEY, "33030200101202611220001"))
    with pytest.raises(ValueError):
        verification_code(b"short", "1")


def test_qr_payload_holds_only_number_and_code() -> None:
    assert qr_payload("33030200101202611220001", "ABCDEF") == "OW1:33030200101202611220001:ABCDEF"
    with pytest.raises(NotACaseNumber):
        parse_qr_payload("OW1:3303:ABCDEF")


# --- allocation ------------------------------------------------------------------------------------------------
def _db(folder: Path) -> Database:
    return Database(folder / f"n-{uuid.uuid4().hex}.sqlite")


def _insert_case(conn: sqlite3.Connection, number: str) -> None:
    applicant = str(uuid.uuid4())
    conn.execute("INSERT INTO applicants VALUES (?, 'person', 'resident', 'idx', x'00', 'manual', 'now')",
                 (applicant,))
    conn.execute(
        "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code, window_code,"
        " clerk_id, created_at) VALUES (?, ?, ?, '[]', 'accepted', '330302001', '01', 'c', 'now')",
        (str(uuid.uuid4()), number, applicant),
    )


def test_allocation_needs_a_transaction(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with pytest.raises(RuntimeError):
        allocate_case_number(db.conn, "330302001", "01", DAY)


def test_rollback_returns_the_number_and_windows_and_days_are_independent(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with db.transaction() as conn:
        first = allocate_case_number(conn, "330302001", "01", DAY)
        _insert_case(conn, str(first))
    with pytest.raises(ZeroDivisionError), db.transaction() as conn:
        allocate_case_number(conn, "330302001", "01", DAY)
        raise ZeroDivisionError
    with db.transaction() as conn:
        second = allocate_case_number(conn, "330302001", "01", DAY)
        other_window = allocate_case_number(conn, "330302001", "02", DAY)
        next_day = allocate_case_number(conn, "330302001", "01", date(2026, 11, 23))
    assert (first.sequence, second.sequence) == (1, 2)
    assert other_window.sequence == 1 and next_day.sequence == 1
    assert peek_next(db.conn, "330302001", "01", DAY) == 3


def test_lost_counter_never_reissues_an_existing_number(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with db.transaction() as conn:
        _insert_case(conn, str(CaseNumber("330302001", "01", DAY, 41)))
    with db.transaction() as conn:
        assert allocate_case_number(conn, "330302001", "01", DAY).sequence == 42


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outcomes=st.lists(st.booleans(), min_size=1, max_size=60))
def test_numbers_never_repeat_and_are_not_burnt_by_rollbacks(tmp_path: Path, outcomes: list[bool]) -> None:
    db = _db(tmp_path)
    committed: list[str] = []
    for commit in outcomes:
        try:
            with db.transaction() as conn:
                number = str(allocate_case_number(conn, "330302001", "01", DAY))
                _insert_case(conn, number)
                if not commit:
                    raise LookupError
            committed.append(number)
        except LookupError:
            pass
    assert len(set(committed)) == len(committed)
    assert [parse_case_number(n).sequence for n in committed] == list(range(1, len(committed) + 1))
    db.close()
