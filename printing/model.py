"""What a printed document needs: one frozen ``DocumentContext`` per document, built by the acceptance service.

The context carries display-ready values: the caller decides whether the applicant's ID number is printed in full
(acceptance documents that legally identify the applicant) or masked (``clerk_app.domain.masking``). The QR code
is made from ``case_number`` and ``verification_code`` only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from clerk_app.domain.case import Decision, MaterialState
from printing.stock import Calibration, StockTemplate


class DocumentKind(enum.Enum):
    ACCEPTANCE_NOTICE = "acceptance_notice"  # 受理通知书 (受理回执)
    ONE_TIME_NOTICE = "one_time_notice"  # 一次性告知书
    DEFICIENCY_COMMITMENT = "deficiency_commitment"  # 容缺受理承诺书
    REJECTION_NOTICE = "rejection_notice"  # 不予受理通知书
    MATERIAL_LIST = "material_list"  # 材料接收清单
    THERMAL_RECEIPT = "thermal_receipt"  # 80 mm 受理回执
    SUPPLEMENT_RECEIPT = "supplement_receipt"  # 补齐材料接收回执 (容缺 materials supplied later)
    DELIVERY_RECEIPT = "delivery_receipt"  # 送达回执 (出件: the result handed over at the window)
    CORRECTION_NOTICE = "correction_notice"  # 补正告知书 (the back office asks for 补正)
    CORRECTION_RECEIPT = "correction_receipt"  # 补正材料接收回执 (the 补正 materials received at the window)
    AGENT_BATCH_RECEIPT = "agent_batch_receipt"  # 代办批次回执 (a village agent's visit: every case it brought)
    FEE_NOTICE = "fee_notice"  # 缴费通知书 (amount, basis, payment code and its QR)
    AUTHORISATION = "authorisation"  # 授权委托书 (the principal authorises the agent recorded at acceptance)
    MAILING_LIST = "mailing_list"  # 当日寄件清单 (快递送达: the day's mailed results, for the courier)
    APPROVAL_DECISION = "approval_decision"  # 准予行政许可决定书 (other item types: 办理结果通知书)
    DENIAL_DECISION = "denial_decision"  # 不予行政许可决定书 (other item types: 不予办理决定书)
    CERTIFICATE = "certificate"  # 证照 on pre-printed stock (printing.stock: values only, at the template's places)
    ROUTING_SLIP = "routing_slip"  # 材料流转单 (按责转办: a batch of cases' paper to one department)


class Paper(enum.Enum):
    A4 = "a4"
    RECEIPT_80MM = "receipt_80mm"


TITLES: dict[DocumentKind, str] = {
    DocumentKind.ACCEPTANCE_NOTICE: "受理通知书",
    DocumentKind.ONE_TIME_NOTICE: "一次性告知书",
    DocumentKind.DEFICIENCY_COMMITMENT: "容缺受理承诺书",
    DocumentKind.REJECTION_NOTICE: "不予受理通知书",
    DocumentKind.MATERIAL_LIST: "材料接收清单",
    DocumentKind.THERMAL_RECEIPT: "受理回执",
    DocumentKind.SUPPLEMENT_RECEIPT: "补齐材料接收回执",
    DocumentKind.DELIVERY_RECEIPT: "送达回执",
    DocumentKind.CORRECTION_NOTICE: "补正告知书",
    DocumentKind.CORRECTION_RECEIPT: "补正材料接收回执",
    DocumentKind.AGENT_BATCH_RECEIPT: "代办批次回执",
    DocumentKind.FEE_NOTICE: "缴费通知书",
    DocumentKind.AUTHORISATION: "授权委托书",
    DocumentKind.MAILING_LIST: "当日寄件清单",
    DocumentKind.APPROVAL_DECISION: "准予行政许可决定书",
    DocumentKind.DENIAL_DECISION: "不予行政许可决定书",
    DocumentKind.CERTIFICATE: "证照",
    DocumentKind.ROUTING_SLIP: "材料流转单",
}
# The decisions of items that are not 行政许可 (行政确认, 行政给付, 公共服务 …) do not call themselves licences.
OTHER_TITLES: dict[DocumentKind, str] = {
    DocumentKind.APPROVAL_DECISION: "办理结果通知书",
    DocumentKind.DENIAL_DECISION: "不予办理决定书",
}


# A QR code's modules, row by row (True = dark), as ``printing.codes.qr_matrix`` makes them, and the quiet zone
# around them: here so the customer screen paints the code without loading the paper libraries.
QrModules = tuple[tuple[bool, ...], ...]
QR_QUIET = 4  # modules


def fmt_date(value: date | None) -> str:
    """A date as the papers print it (2026年3月5日); here, not with the layout, so the services can format one
    without loading reportlab."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def paper_for(kind: DocumentKind) -> Paper:
    return Paper.RECEIPT_80MM if kind is DocumentKind.THERMAL_RECEIPT else Paper.A4


@dataclass(frozen=True)
class MaterialRow:
    name: str
    state: MaterialState
    original_verified: bool = False
    copies_received: int = 0
    originals_received: int = 0
    pages: int = 0
    supply_by: date | None = None
    requirement: str = ""  # what is required (form, copies, seal...), for 一次性告知
    defect_note: str = ""  # what is wrong with a defective material
    supplied_late: bool = False  # 补齐 after the committed supply-by date


@dataclass(frozen=True)
class BatchRow:
    """One villager's case on a 代办批次回执 (names and numbers masked: the agent carries the paper)."""

    case_number: str
    applicant_name: str
    applicant_id: str
    item_names: tuple[str, ...]
    result: str  # 受理 / 容缺受理 / 一次性告知 / 不予受理
    promised_date: date | None = None


@dataclass(frozen=True)
class MailingRow:
    """One mailed result on a 当日寄件清单 (recipient masked; the address in full for the courier)."""

    case_number: str
    item_names: tuple[str, ...]
    recipient_masked: str
    address: str
    postcode: str
    carrier: str
    waybill: str


LICENCE = "行政许可"  # the one item type whose acceptance follows 《行政许可法》§32


@dataclass(frozen=True)
class SubItemRow:
    """并联: one member item of a 一件事 case — its department and, once the platform split the case, its sub-case."""

    name: str
    department: str
    deciding_body: str = ""
    number: str = ""  # the sub-case's own number ("" before the platform reported it)
    deadline: date | None = None


@dataclass(frozen=True)
class ItemFacts:
    """What the papers state about one item of the case, as the catalog said when the case was decided."""

    name: str
    item_type: str = ""  # 事项类型 (ItemType value, e.g. 行政许可, 行政确认, 公共服务)
    legal_basis: str = ""  # 设定依据
    deciding_body: str = ""  # 实施主体: the organ that decides and whose decision a 复议 would be against
    reconsideration_body: str = ""  # 行政复议机关 of that organ; empty = the centre's default
    court: str = ""  # 人民法院; empty = the centre's default
    legal_limit: str = ""  # 法定办结时限, display text ("20个工作日")
    promised_limit: str = ""  # 承诺办结时限, display text
    consultation_phone: str = ""
    complaint_phone: str = ""
    department: str = ""  # 承办部门 (the catalog's department), shown for the members of a 一件事
    cross_area: str = ""  # "跨域通办" when another area's body decides it (clerk_app/acceptance/tongban.py)
    delivery: str = ""  # 出件地 of a 跨域通办 result

    @property
    def is_licence(self) -> bool:
        return self.item_type == LICENCE


@dataclass(frozen=True)
class DocumentContext:
    kind: DocumentKind
    case_number: str
    verification_code: str
    centre_name: str
    window_name: str
    clerk_name: str
    applicant_name: str
    applicant_id_label: str  # e.g. "居民身份证"
    applicant_id_display: str  # full or masked, as the document legally needs
    item_names: tuple[str, ...]
    accepted_at: datetime
    materials: tuple[MaterialRow, ...] = ()
    department: str = ""  # department the item belongs to (受理部门)
    promised_date: date | None = None
    promised_certain: bool = True
    promised_warning: str | None = None
    handling_type: str = ""  # 即办件 / 承诺件
    agent_name: str = ""  # 代办人, if any
    contact_phone_display: str = ""  # masked unless needed
    decision_reason: str = ""  # 不予受理 reason / 告知 note
    legal_basis: str = ""
    apply_instead: str = ""  # where to apply instead (不予受理 for lack of competence)
    reconsideration_body: str = ""  # 行政复议机关
    litigation_court: str = ""  # 人民法院
    supply_deadline: date | None = None  # 容缺: latest supply date over all deferred materials
    query_hint: str = ""  # how to check progress (hotline, website)
    reprint: bool = False  # 补打
    printed_at: datetime | None = None  # when this copy was made; defaults to accepted_at
    extra: dict[str, str] = field(default_factory=dict)
    decision: Decision | None = None
    items: tuple[ItemFacts, ...] = ()  # one per item_names entry when known
    legal_deadline: date | None = None  # 法定办结期限
    rejection_type: str = ""  # RejectionType value of a 不予受理
    deferral_rule: str = ""  # the local 容缺受理 rule the 容缺 acceptance relies on
    consultation_phone: str = ""  # centre-level 咨询电话 (the item's own, when given, comes first)
    complaint_phone: str = ""  # centre-level 投诉电话
    training: bool = False  # training mode: every page carries "培训 · 非真实办件"
    query_url: str = ""  # what the QR opens (case number and code only); empty = the bare OW1 payload
    # The citizen's signature from the customer screen (PNG stroke image), drawn at the paper's first signature
    # line; None = not signed on the screen (signed by hand on the printed paper, or not yet).
    signature_png: bytes | None = field(default=None, repr=False)
    # 代办批次回执: the villagers' cases of the agent's visit (case_number is then the batch number)
    batch_rows: tuple[BatchRow, ...] = ()
    # 扫码评价: the page a phone opens to evaluate the service later (the QR adds the case number and code only);
    # empty = no evaluation QR. Printed on the papers a visit ends with (受理通知书/回执, 一次性告知书).
    evaluation_url: str = ""
    # 当日寄件清单: the results mailed that day (case_number is then the list's number)
    mailing_rows: tuple[MailingRow, ...] = ()
    # 邮寄送达 chosen at acceptance: the line the receipt prints (masked recipient, the address); empty = 窗口自取
    result_delivery: str = ""
    # 证照 (CERTIFICATE): the stock's layout, and the printer's correction (set by the print service for the
    # printer the job goes to); the values are ``extra`` (printing.stock.WINDOW_FIELDS and licence.<key>).
    stock: StockTemplate | None = None
    calibration: Calibration | None = None
    # 并联 of a 一件事: every member item with its department (and sub-case number once known); empty otherwise
    sub_items: tuple[SubItemRow, ...] = ()

    @property
    def deciding_body(self) -> str:
        bodies = dict.fromkeys(i.deciding_body for i in self.items if i.deciding_body)
        return "、".join(bodies) or self.department

    @property
    def cross_items(self) -> tuple[ItemFacts, ...]:
        """跨域通办 items: accepted here, decided by another area's body (the papers say who and 出件地)."""
        return tuple(i for i in self.items if i.cross_area)

    @property
    def accepted(self) -> bool:
        """Acceptance papers say 受理; the others only 收件 (nothing was accepted)."""
        return self.kind not in (DocumentKind.ONE_TIME_NOTICE, DocumentKind.REJECTION_NOTICE)

    @property
    def with_deficiency(self) -> bool:
        return self.decision is Decision.ACCEPT_WITH_DEFICIENCY or (
            self.decision is None and any(m.state is MaterialState.DEFERRED for m in self.materials))

    @property
    def title(self) -> str:
        if self.kind is DocumentKind.CERTIFICATE and self.stock is not None:
            return self.stock.title
        if self.kind in OTHER_TITLES and not (self.items and all(i.is_licence for i in self.items)):
            return OTHER_TITLES[self.kind]
        return TITLES[self.kind]

    @property
    def paper(self) -> Paper:
        return paper_for(self.kind)

    @property
    def stamp_time(self) -> datetime:
        return self.printed_at or self.accepted_at
