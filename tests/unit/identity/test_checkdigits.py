"""Check digits: known numbers, and agreement with independent formulations (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.checkdigits import (
    USCC_CHARSET,
    IdNumberProblem,
    id_check_digit,
    id_number_problem,
    is_valid_credit_code,
    is_valid_foreign_2017_number,
    org_code_check_char,
    uscc_check_char,
)

VALID_IDS = [
    "360426199101010071", "11010519491231002X",
    "810000199408230021", "830000199201300022",  # HK/Macau and Taiwan residence permits
    "932682198501010017", "911124198108030024",  # 2023 foreign permanent residence cards
]
VALID_USCC = ["91110000600037341L", "91440300708461136T", "91110108551385082Q", "91350100M000100Y43"]


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_id_numbers(number: str) -> None:
    assert id_number_problem(number) is None


def test_stdnum_validate_would_reject_permit_numbers_we_accept() -> None:
    # The reason this module exists: the region check of python-stdnum rejects 81/82/83/9x prefixes.
    assert id_number_problem("810000199408230021") is None
    assert id_number_problem("932682198501010017") is None


@pytest.mark.parametrize(("number", "problem"), [
    ("11010519491231002", IdNumberProblem.FORMAT),
    ("11010519491231002Y", IdNumberProblem.FORMAT),
    ("110105194902301234", IdNumberProblem.BIRTH_DATE),
    ("110105194912310021", IdNumberProblem.CHECK_DIGIT),
])
def test_invalid_id_numbers(number: str, problem: IdNumberProblem) -> None:
    assert id_number_problem(number) is problem


def test_lowercase_x_accepted() -> None:
    assert id_number_problem("11010519491231002x") is None


def _independent_id_check(first17: str) -> str:
    # ISO 7064 MOD 11-2 as stdnum writes it: the weights are powers of 2 mod 11, read as base-13 trick.
    value = (1 - 2 * int(first17, 13)) % 11
    return "X" if value == 10 else str(value)


def _independent_id_check_by_powers(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_digit_agrees_with_independent_formulations(first17: str) -> None:
    digit = id_check_digit(first17)
    assert digit == _independent_id_check(first17) == _independent_id_check_by_powers(first17)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
def test_exactly_one_check_digit_is_accepted(first17: str, last: str) -> None:
    number = first17 + last
    correct = last == _independent_id_check(first17)
    assert (id_number_problem(number, check_birth_date=False) is None) == correct


def _independent_uscc_check(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_CHARSET[-total % 31]


@given(st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17))
def test_uscc_check_agrees_with_independent_formulation(first17: str) -> None:
    assert uscc_check_char(first17) == _independent_uscc_check(first17)


@pytest.mark.parametrize("code", VALID_USCC)
def test_known_credit_codes(code: str) -> None:
    assert is_valid_credit_code(code)
    assert is_valid_credit_code(code.lower())


def test_credit_code_wrong_check_or_org_code() -> None:
    assert not is_valid_credit_code("91110000600037341A")
    # Correct MOD 31 character but a broken embedded organisation code.
    body = "9111000060003734" + "2"
    assert not is_valid_credit_code(body + uscc_check_char(body))
    assert is_valid_credit_code(body + uscc_check_char(body), check_org_code=False)
    assert not is_valid_credit_code("91110000I00037341L")  # I is not in the charset


def test_org_code_known_values() -> None:
    assert org_code_check_char("60003734") == "1"
    assert org_code_check_char("70846113") == "6"


def test_foreign_2017_number_shape() -> None:
    assert is_valid_foreign_2017_number("USA330078080108")
    assert not is_valid_foreign_2017_number("US330078080108")
