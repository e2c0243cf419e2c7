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
    REPORTED = "上报件"  # decided by a higher authority: accepted here, reported upwards
    JOINT = "联办件"  # handled together with other bodies (联办机构)


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


class SourceChannel(enum.Enum):
    """来源渠道 of a material (the 实施清单 enumeration); the document's free text stays in ``source_channel``."""

    APPLICANT = "申请人自备"
    GOVERNMENT = "政府部门核发"
    INTERMEDIARY = "中介机构出具"
    SHARED = "共享获取"
    OTHER = "其他"

    @classmethod
    def of(cls, text: str) -> SourceChannel:
        for member in cls:
            if member.value == text:
                return member
        if "共享" in text:
            return cls.SHARED
        if "政府" in text or "部门核发" in text:
            return cls.GOVERNMENT
        if "中介" in text or "第三方" in text:
            return cls.INTERMEDIARY
        return cls.APPLICANT if "自备" in text else cls.OTHER


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
    source_kind: SourceChannel = SourceChannel.APPLICANT
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
    # 实施清单 elements beyond the guide (docs/catalog-format.md, "Implementation-list elements")
    special_procedures: tuple[SpecialProcedure, ...] = ()
    quantity_limit: QuantityLimit | None = None
    result_delivery: ResultDelivery | None = None
    intermediary_services: tuple[IntermediaryService, ...] = ()
    joint_bodies: tuple[BodyRef, ...] = ()  # 联办机构
    entrusted_department: BodyRef | None = None  # 委托部门
    deciding_body: BodyRef | None = None  # 决定机构, when it is not the 实施主体
    flags: ItemFlags = field(default_factory=lambda: ItemFlags())  # noqa: PLW0108 - defined further down
    rights_and_obligations: str = ""
    themes: tuple[str, ...] = ()  # 主题分类
    faq: tuple[Faq, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()  # 设定依据, structured; ``legal_basis`` keeps the text
    effective_from: str = ""  # ISO date the version takes effect (a later one waits in the store)

    def material(self, code: str) -> MaterialSpec | None:
        return next((m for m in self.materials if m.code == code), None)


@dataclass(frozen=True)
class SpecialProcedure:
    """特别程序 (听证, 检测, 公示, 冷静期 …): its time is not counted in the item's time limit."""

    kind: str
    name: str = ""
    time_limit: TimeLimit | None = None
    basis: str = ""


@dataclass(frozen=True)
class QuantityLimit:
    limited: bool
    description: str = ""


@dataclass(frozen=True)
class ResultDelivery:
    """结果送达: how (窗口领取, 邮政寄递, 电子送达 …) and within which time of the decision."""

    methods: tuple[str, ...] = ()
    time_limit: TimeLimit | None = None
    note: str = ""


@dataclass(frozen=True)
class IntermediaryService:
    name: str
    basis: str = ""
    provider: str = ""
    charged: bool = False
    time_limit: TimeLimit | None = None


@dataclass(frozen=True)
class BodyRef:
    name: str
    credit_code: str = ""


@dataclass(frozen=True)
class ItemFlags:
    in_hall: bool = True  # 进驻政务大厅
    appointment: bool = False  # 可预约
    self_service_terminal: bool = False  # 自助终端办理
    express_delivery: bool = False  # 物流快递
    online_payment: bool = False


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class LegalBasis:
    """One 设定依据: the law (or document), article, document number and level (法律, 行政法规 …)."""

    law: str
    article: str = ""
    document_number: str = ""
    level: str = ""


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
    stage: str = ""  # 收费环节: before_acceptance (受理前收费), before_conclusion (办结前收费), "" = not stated


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
class ProducedMaterial:
    """A material a bundle member issues (出生医学证明 …): the members that need it do not ask the applicant for it."""

    by: str  # implementation code of the member item that issues it
    covers: tuple[tuple[str, str], ...]  # (item code, material code) pairs it satisfies
    result: str = ""


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
    produced: tuple[ProducedMaterial, ...] = ()
