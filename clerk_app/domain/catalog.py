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
    material_type: str = ""
    paper_spec: str = ""
    source_note: str = ""
    acceptance_standard: str = ""
    basis: str = ""
    fill_instructions: str = ""
    # In a bundle checklist: the implementation codes of the member items that need this material.
    used_by: tuple[str, ...] = ()

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
    handling_item_code: str = ""
    keywords: tuple[str, ...] = ()
    implementing_body: ImplementingBody | None = None
    exercise_level: str = ""
    power_source: str = ""
    legal_basis: str = ""
    visits_required: int = 1
    acceptance_conditions: str = ""
    fees: Fees = field(default_factory=lambda: Fees(charged=False))
    service_objects: tuple[str, ...] = ()
    handling_forms: tuple[str, ...] = ()
    process: tuple[str, ...] = ()
    location: str = ""
    hours: str = ""
    consultation_phone: str = ""
    complaint_phone: str = ""
    scope: str = ""
    online: OnlineService = field(default_factory=lambda: OnlineService(available=False))
    result: ResultSpec | None = None
    tags: tuple[str, ...] = ()
    situations: tuple[Situation, ...] = ()
    retired: bool = False  # withdrawn from the catalog; still readable for cases that used it

    def material(self, code: str) -> MaterialSpec | None:
        return next((m for m in self.materials if m.code == code), None)


@dataclass(frozen=True)
class ImplementingBody:
    """实施主体; ``credit_code`` is its 统一社会信用代码 (checked on import).

    ``reconsideration_body`` (行政复议机关) and ``court`` are printed on its decisions; empty = the centre's
    configured default (usually the 本级人民政府, 《行政复议法》§24; vertically administered organs differ, §27)."""

    name: str
    credit_code: str = ""
    nature: str = ""
    region_code: str = ""
    reconsideration_body: str = ""
    court: str = ""


@dataclass(frozen=True)
class FeeItem:
    name: str
    standard: str
    basis: str = ""
    reducible: bool = False


@dataclass(frozen=True)
class Fees:
    charged: bool
    items: tuple[FeeItem, ...] = ()
    basis: str = ""


@dataclass(frozen=True)
class OnlineService:
    available: bool
    depth: str = ""
    url: str = ""


@dataclass(frozen=True)
class ResultSpec:
    """审批结果: name and type (证照 / 批文 / 其他 / 无)."""

    name: str
    type: str
    sample_ref: str | None = None


@dataclass(frozen=True)
class SituationOption:
    code: str
    label: str
    adds: tuple[str, ...] = ()  # material codes this answer puts on the checklist
    removes: tuple[str, ...] = ()  # material codes this answer takes off (wins over adds)
    skip_items: tuple[str, ...] = ()  # bundles only: member items not needed with this answer


@dataclass(frozen=True)
class Situation:
    """情形: a question the clerk answers; the answers decide which materials are collected.

    In a bundle, member-item questions carry ``item_code`` and the code ``"<item>::<question>"``.
    """

    code: str
    question: str
    options: tuple[SituationOption, ...]
    default: str
    description: str = ""
    item_code: str | None = None

    def option(self, code: str) -> SituationOption | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class SharedMaterial:
    """A material a bundle collects once for several items; ``covers`` = (item code, material code) pairs."""

    material: MaterialSpec
    covers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bundle:
    """"一件事": several items accepted together, with shared materials collected once."""

    code: str
    name: str
    item_codes: tuple[str, ...]
    version: int = 1
    lead_department: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    promised_limit: TimeLimit | None = None
    shared_materials: tuple[SharedMaterial, ...] = ()
    situations: tuple[Situation, ...] = ()
    retired: bool = False
