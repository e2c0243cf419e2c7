"""Applicants: natural persons, legal entities, and agents acting for either."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.masking import mask_id_number


class IdDocumentType(enum.Enum):
    """Identity documents the window sees. Codes of the national list differ per platform: map them in the adapter."""

    RESIDENT_ID = "resident"  # 居民身份证
    HK_MACAU_TAIWAN_PERMIT = "hk_macau_taiwan"  # 港澳台居民居住证
    FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"  # 外国人永久居留身份证 (2017)
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"  # 外国人永久居留身份证 (2023)
    SOCIAL_SECURITY = "social_security"  # 社会保障卡
    HOUSEHOLD_REGISTER = "household_register"  # 户口簿
    PASSPORT = "passport"
    OTHER = "other"


class CaptureSource(enum.Enum):
    """How the identity reached the workstation: typed data is less trustworthy than a chip read."""

    CARD_READER = "card_reader"
    SOCIAL_SECURITY_CARD = "social_security_card"
    SIMULATED = "simulated"
    MANUAL = "manual"


class Gender(enum.Enum):
    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"


@dataclass(frozen=True)
class NaturalPerson:
    name: str
    id_type: IdDocumentType
    id_number: str
    gender: Gender = Gender.UNKNOWN
    birth_date: date | None = None
    nation: str | None = None
    address: str | None = None
    phone: str | None = None
    english_name: str | None = None
    nationality: str | None = None
    issuer: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None  # None with a card read means 长期 (long-term)
    source: CaptureSource = CaptureSource.MANUAL
    manual_entry_reason: str | None = None  # required when source is MANUAL

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)


@dataclass(frozen=True)
class LegalEntity:
    name: str
    credit_code: str  # 统一社会信用代码 (GB 32100)
    legal_representative: NaturalPerson | None = None
    address: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class AgentAuthorisation:
    """An agent (代办人, e.g. a village agent) acts for the principal; the authorisation is kept as a material."""

    agent: NaturalPerson
    relation: str  # e.g. "村代办员", "亲属", "委托代理人"
    authorisation_material_code: str | None = None


Principal = NaturalPerson | LegalEntity


@dataclass(frozen=True)
class Applicant:
    principal: Principal
    agent: AgentAuthorisation | None = None
    contact_phone: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.principal.name

    @property
    def is_legal_entity(self) -> bool:
        return isinstance(self.principal, LegalEntity)
