"""Check digits of Chinese personal and organisation numbers.

* 公民身份号码 (GB 11643-1999, ISO 7064 MOD 11-2): also used by 港澳台居民居住证 numbers
  (810000/820000/830000 prefixes) and the 2023 外国人永久居留身份证 (first digit 9).
  ``stdnum.cn.ric.validate`` rejects those because it checks the birthplace against its own region list,
  so the rule is implemented here.
* 统一社会信用代码 (GB 32100-2015, MOD 31) with the embedded 组织机构代码 (GB 11714-1997).
"""

from __future__ import annotations

import enum
import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 32100-2015 positions: 1 登记管理部门码 (1-9, A-H, N, Y as assigned so far), 2 机构类别码 (not 0), 3-8 the
# registering authority's region code (digits), 9-17 主体标识码 and 18 the check character, from the 31-symbol set.
REGISTRATION_AUTHORITY_CODES = "123456789ABCDEFGHNY"
_USCC_PATTERN = re.compile(r"^[1-9A-HNY][1-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

FOREIGN_2017_PATTERN = re.compile(r"^[A-Z]{3}\d{12}$")


class IdNumberProblem(enum.Enum):
    """Why an 18-character ID number is not acceptable (a reason the UI can name)."""

    FORMAT = "format"
    BIRTH_DATE = "birth_date"
    CHECK_DIGIT = "check_digit"


def id_check_digit(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("17 digits expected")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalise_id_number(number: str) -> str:
    return number.strip().replace(" ", "").upper()


def id_number_problem(number: str, *, check_birth_date: bool = True) -> IdNumberProblem | None:
    """``None`` if ``number`` is a well-formed 18-character number with a correct check digit.

    The birth date is checked for resident, HK/Macau/Taiwan and 2023 foreigner numbers alike: all
    three carry it at positions 7-14.
    """
    number = normalise_id_number(number)
    if not _ID_PATTERN.match(number):
        return IdNumberProblem.FORMAT
    if check_birth_date and birth_date_of(number) is None:
        return IdNumberProblem.BIRTH_DATE
    if id_check_digit(number[:17]) != number[17]:
        return IdNumberProblem.CHECK_DIGIT
    return None


def is_valid_id_number(number: str) -> bool:
    return id_number_problem(number) is None


def birth_date_of(number: str) -> date | None:
    digits = number[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def gender_digit_of(number: str) -> int | None:
    """Odd = male, even = female (position 17)."""
    return int(number[16]) if len(number) >= 17 and number[16].isdigit() else None


def is_hk_macau_taiwan_number(number: str) -> bool:
    return number[:6] in {"810000", "820000", "830000"}


def is_foreign_2023_number(number: str) -> bool:
    return len(number) == 18 and number.startswith("9")


def is_valid_foreign_2017_number(number: str) -> bool:
    """The 2017 permanent-residence number has no check digit: 3-letter country code + 12 digits."""
    return bool(FOREIGN_2017_PATTERN.match(number.strip().upper()))


# --- 统一社会信用代码 (unified social credit code) ---------------------------------------------

def uscc_check_char(first17: str) -> str:
    if len(first17) != 17 or any(c not in USCC_CHARSET for c in first17):
        raise ValueError("17 characters of the USCC charset expected")
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body (digits and A-Z)."""
    if len(first8) != 8 or not first8.isalnum() or not first8.isascii():
        raise ValueError("8 alphanumeric characters expected")
    total = sum(int(c, 36) * w for c, w in zip(first8.upper(), _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def normalise_credit_code(code: str) -> str:
    return code.strip().replace(" ", "").upper()


class CreditCodeProblem(enum.Enum):
    """Why a 统一社会信用代码 is not acceptable (the importer and the UI name it)."""

    FORMAT = "format"
    CHECK_CHARACTER = "check_character"
    ORG_CODE = "org_code"


def credit_code_problem(code: str, *, check_org_code: bool | None = None) -> CreditCodeProblem | None:
    """The one GB 32100 rule of the workstation (applicants, the catalog importer): ``None`` if acceptable.

    ``check_org_code``: also check the embedded GB 11714 organisation code. ``None`` (the default) checks it except
    for individual businesses (registration type 92), whose 主体标识码 is often not a GB 11714 code.
    """
    code = normalise_credit_code(code)
    if not _USCC_PATTERN.match(code):
        return CreditCodeProblem.FORMAT
    if uscc_check_char(code[:17]) != code[17]:
        return CreditCodeProblem.CHECK_CHARACTER
    if check_org_code is None:
        check_org_code = not code.startswith("92")
    if check_org_code and org_code_check_char(code[8:16]) != code[16]:
        return CreditCodeProblem.ORG_CODE
    return None


def is_valid_credit_code(code: str, *, check_org_code: bool | None = True) -> bool:
    """GB 32100 shape and check character, and (by default) the embedded GB 11714 organisation code
    (see ``credit_code_problem``)."""
    return credit_code_problem(code, check_org_code=check_org_code) is None
