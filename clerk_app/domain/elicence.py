"""The 电子证照 identifier (GB/T 36904-2018 电子证照 标识规范, as issuing systems write it; FACTS §3.7):

``1.2.156.3005.2.<证照类型代码>.<颁证单位代码>.<证照编号>.<版本>.<校验位>``

* 证照类型代码 = the defining authority's 统一社会信用代码 (18) + a 3-digit type number;
* 颁证单位代码 = the issuing organ's 统一社会信用代码 (18);
* 证照编号 = the issuer's serial of the licence (letters and digits);
* 版本 = 3 digits; 校验位 = one character.

What is checked: the fixed OID arc, both credit codes with their GB 32100 check characters (the embedded
组织机构代码 is not required to check out: government organs' codes often do not), the type number, the serial, the
version and that the last part is one check character. The algorithm of that last character (Epoint's
CertCheckUtil) was not found (FACTS §3.7 and §6), so it is not recomputed: a wrong character there is not caught.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from clerk_app.domain.checkdigits import credit_code_problem

ARC = "1.2.156.3005.2"
_SERIAL = re.compile(r"^[0-9A-Za-z]{1,64}$")
_TYPE_NUMBER = re.compile(r"^\d{3}$")
_VERSION = re.compile(r"^\d{3}$")
_CHECK = re.compile(r"^[0-9A-Z]$")
MAX_LENGTH = 200


class ElicenceProblem(enum.Enum):
    """Why a text is not an e-licence identifier (the UI and the pull name the part)."""

    FORMAT = "format"  # not ten dot-separated parts, or too long
    ARC = "arc"  # does not start with 1.2.156.3005.2
    TYPE_CODE = "type_code"  # the 证照类型代码 is not a credit code + 3 digits
    ISSUER = "issuer"  # the 颁证单位 is not a valid credit code
    SERIAL = "serial"
    VERSION = "version"
    CHECK = "check"  # the last part is not one check character


@dataclass(frozen=True)
class ElicenceId:
    authority: str  # the defining authority's credit code (first 18 characters of the type code)
    type_number: str  # 3 digits
    issuer: str  # the issuing organ's credit code
    serial: str
    version: str
    check: str

    @property
    def type_code(self) -> str:
        return self.authority + self.type_number

    def __str__(self) -> str:
        return ".".join((ARC, self.type_code, self.issuer, self.serial, self.version, self.check))


def _parts(text: str) -> tuple[list[str] | None, ElicenceProblem | None]:
    if not isinstance(text, str) or not text or len(text) > MAX_LENGTH:
        return None, ElicenceProblem.FORMAT
    parts = text.strip().split(".")
    if len(parts) != 10:
        return None, ElicenceProblem.FORMAT
    if ".".join(parts[:5]) != ARC:
        return None, ElicenceProblem.ARC
    return parts, None


def elicence_id_problem(text: str) -> ElicenceProblem | None:
    """``None`` when ``text`` is a well-formed identifier (see the module's note on the last character)."""
    parts, problem = _parts(text)
    if parts is None:
        return problem
    type_code, issuer, serial, version, check = parts[5:]
    if len(type_code) != 21 or not _TYPE_NUMBER.match(type_code[18:]) or credit_code_problem(
            type_code[:18], check_org_code=False) is not None:
        return ElicenceProblem.TYPE_CODE
    if credit_code_problem(issuer, check_org_code=False) is not None:
        return ElicenceProblem.ISSUER
    if not _SERIAL.match(serial):
        return ElicenceProblem.SERIAL
    if not _VERSION.match(version):
        return ElicenceProblem.VERSION
    if not _CHECK.match(check):
        return ElicenceProblem.CHECK
    return None


def parse_elicence_id(text: str) -> ElicenceId:
    """The parts of a well-formed identifier; ``ValueError`` naming the problem otherwise."""
    problem = elicence_id_problem(text)
    if problem is not None:
        raise ValueError(f"not an e-licence identifier ({problem.value})")
    parts = text.strip().split(".")
    return ElicenceId(parts[5][:18], parts[5][18:], parts[6], parts[7], parts[8], parts[9])
