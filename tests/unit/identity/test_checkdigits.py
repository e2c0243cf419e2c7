"""Check digits: known numbers, and agreement with independent formulations (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.checkdigits import (
    REGISTRATION_AUTHORITY_CODES,
    USCC_CHARSET,
    CreditCodeProblem,
    IdNumberProblem,
    credit_code_problem,
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


def _with_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


@pytest.mark.parametrize("prefix", ["N2", "Y1", "A1", "G1", "51", "91"])
def test_credit_codes_with_letter_authorities_are_accepted(prefix: str) -> None:
    # GB 32100: 登记管理部门码 1-9, A-H, N, Y (letters allowed); the embedded organisation code is 60003734-1.
    assert credit_code_problem(_with_check(prefix + "110000600037341")) is None


@pytest.mark.parametrize("prefix", ["01", "J1", "Z1", "90", "X1"])
def test_credit_code_positions_outside_the_standard_are_refused(prefix: str) -> None:
    body = prefix + "110000600037341"
    code = body + (uscc_check_char(body) if "Z" not in body else "0")
    assert credit_code_problem(code) is CreditCodeProblem.FORMAT


def test_credit_code_problem_names_the_cause() -> None:
    assert credit_code_problem("91110000600037341A") is CreditCodeProblem.CHECK_CHARACTER
    body = "9111000060003734" + "2"
    assert credit_code_problem(_with_check(body)) is CreditCodeProblem.ORG_CODE
    # Individual businesses (92) need not carry a GB 11714 code unless asked for.
    assert credit_code_problem(_with_check("9211000060003734" + "2")) is None
    assert credit_code_problem(_with_check("9211000060003734" + "2"), check_org_code=True) is CreditCodeProblem.ORG_CODE


@given(st.sampled_from(REGISTRATION_AUTHORITY_CODES), st.sampled_from(USCC_CHARSET[1:]),
       st.text(alphabet="0123456789", min_size=6, max_size=6),
       st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9), st.sampled_from(USCC_CHARSET))
def test_domain_and_catalog_importer_agree_on_every_code(authority: str, category: str, region: str, body: str,
                                                         last: str) -> None:
    from clerk_app.catalog.importer import _credit_problem

    code = authority + category + region + body + last
    domain_ok = credit_code_problem(code, check_org_code=False) is None
    assert domain_ok == (last == uscc_check_char(code[:17]))
    assert (_credit_problem(code) is None) == domain_ok
