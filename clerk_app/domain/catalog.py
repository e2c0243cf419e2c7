"""Service items (政务服务事项) and their materials, as the guide (办事指南) describes them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ItemType(enum.Enum):
    ADMINISTRATIVE_LICENCE = "行政许可"
    ADMINISTRATIVE_PENALTY = "行政处罚"
    ADMINISTRATIVE_COERCION = "行政强制"
    ADMINISTRATIVE_LEVY = "行政征收"
    ADMINISTRATIVE_PAYMENT = "行政给付"
    ADMINISTRATIVE_INSPECTION = "行政检查"
    ADMINISTRATIVE_CONFIRMATION = "行政确认"
    ADMINISTRATIVE_REWARD = "行政奖励"
    ADMINISTRATIVE_RULING = "行政裁决"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class HandlingType(enum.Enum):
    IMMEDIATE = "即办件"  # concluded on the spot
    PROMISED = "承诺件"  # promised time limit


class LimitUnit(enum.Enum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class Necessity(enum.Enum):
    REQUIRED = "必要"
    OPTIONAL = "非必要"
    CONDITIONAL = "容缺后补"  # kept for data from platforms that use it; rules use deferrable flag


class PaperForm(enum.Enum):
    ORIGINAL = "原件"
    COPY = "复印件"
    ORIGINAL_AND_COPY = "原件和复印件"
    NONE = "无"


@dataclass(frozen=True)
class TimeLimit:
    value: int
    unit: LimitUnit = LimitUnit.WORKING_DAYS
    note: str = ""


@dataclass(frozen=True)
class MaterialSpec:
    code: str
    name: str
    necessity: Necessity = Necessity.REQUIRED
    paper_form: PaperForm = PaperForm.ORIGINAL
    original_count: int = 0
    copy_count: int = 0
    electronic_accepted: bool = True
    deferrable: bool = False  # 容缺: only meaningful for required materials
    elicence_type: str | None = None  # e-licence type that replaces it (免提交)
    source_channel: str = "申请人自备"
    blank_form_ref: str | None = None
    sample_ref: str | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if self.deferrable and self.necessity is not Necessity.REQUIRED:
            raise ValueError("only required materials may be accepted with deficiency (容缺)")


@dataclass(frozen=True)
class ServiceItem:
    basic_code: str
    implementation_code: str
    name: str
    item_type: ItemType
    department: str
    handling_type: HandlingType
    legal_limit: TimeLimit | None
    promised_limit: TimeLimit | None
    materials: tuple[MaterialSpec, ...] = ()
    version: int = 1
    extra: dict[str, object] = field(default_factory=dict)
