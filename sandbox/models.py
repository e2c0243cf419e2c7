"""Request and response bodies of the platform contract (they make the published OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SHA256_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
# A 一件事 names a member item's material "<implementation code>::<code>" (about 70 characters): 64 refused every
# bundle case with its own materials (422), so bundle cases never reached the platform.
MATERIAL_CODE_MAX = 128


class ErrorBody(BaseModel):
    code: str = Field(description="stable machine code, e.g. conflict_different_content")
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class LoginRequest(BaseModel):
    account: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    machine_id: str = Field(default="", max_length=128)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=256)


class ClerkProfile(BaseModel):
    account: str
    name: str


class Session(BaseModel):
    access_token: str
    refresh_token: str
    expires_in: int = Field(description="seconds until the access token expires")
    clerk: ClerkProfile
    windows: list[str]


class MaterialEntry(BaseModel):
    model_config = ConfigDict(extra="allow")
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    name: str = ""
    state: str = ""
    original_verified: bool = False
    copies_received: int = Field(default=0, ge=0)
    supply_by: str | None = None
    files: list[str] = Field(default_factory=list, description="SHA-256 of each file of this material")


class CaseQueueTicket(BaseModel):
    """The hall queue ticket the case was served under: wait time = called_at - issued_at (queue clock), service
    time = called -> decision (workstation clock)."""

    model_config = ConfigDict(extra="allow")
    ticket_number: str = Field(min_length=1, max_length=16)
    business_code: str = Field(default="", max_length=32)
    business_name: str = Field(default="", max_length=64)
    issued_at: str
    called_at: str
    decided_at: str
    wait_seconds: float | None = Field(default=None, ge=0, description="null when the issue time was unreadable")
    service_seconds: float = Field(ge=0)


class CaseUpsert(BaseModel):
    model_config = ConfigDict(extra="allow")
    case_uuid: str = Field(pattern=UUID_PATTERN)
    case_number: str = Field(min_length=1, max_length=64)
    item_codes: list[str] = Field(default_factory=list)
    status: str = Field(min_length=1, max_length=32)
    decision: str | None = None
    centre_code: str = Field(min_length=1, max_length=32)
    window_code: str = Field(min_length=1, max_length=16)
    clerk_id: str = Field(min_length=1, max_length=64)
    created_at: str
    accepted_at: str | None = None
    promised_date: str | None = None
    legal_deadline: str | None = None
    materials: list[MaterialEntry] = Field(default_factory=list)
    decision_details: dict[str, Any] = Field(default_factory=dict)
    applicant: dict[str, Any] = Field(default_factory=dict, description="the applicant (personal data)")
    queue: CaseQueueTicket | None = Field(default=None, description="the queue ticket; null when served without one")


class CaseReceipt(BaseModel):
    case_uuid: str
    platform_number: str
    status: str
    received_at: str
    body_sha256: str


class FileState(BaseModel):
    sha256: str
    offset: int = Field(ge=0, description="bytes the platform holds")
    complete: bool
    size: int | None = None


class Binding(BaseModel):
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    files: list[str] = Field(min_length=1)


class BindRequest(BaseModel):
    materials: list[Binding]


class BindResult(BaseModel):
    case_uuid: str
    bound_files: int
    processed: bool
    body_sha256: str


class CorrectionItem(BaseModel):
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    name: str = Field(default="", max_length=500)
    requirement: str = Field(default="", max_length=500, description="what the reviewer asks for (补正要求)")


class CorrectionRequest(BaseModel):
    """补正 asked by the back office: what, and by when (sent with a ``supplement_required`` change)."""

    request_id: str = Field(min_length=1, max_length=64)
    items: list[CorrectionItem] = Field(min_length=1, max_length=100)
    due_by: str | None = Field(default=None, description="ISO date the applicant should bring the materials by")
    requested_at: str = ""


class Decision(BaseModel):
    """The back office's decision, sent with an ``approved`` / ``denied`` change."""

    decision_number: str = Field(default="", max_length=64, description="决定文号")
    decided_at: str | None = Field(default=None, max_length=40)
    deciding_body: str = Field(default="", max_length=100, description="作出决定的行政机关")
    basis: str = Field(default="", max_length=500, description="依据")
    reasons: str | None = Field(default=None, max_length=2000, description="不予批准的理由")


class Elicence(BaseModel):
    """The e-licence issued on approval (items whose result is a licence)."""

    identifier: str = Field(min_length=1, max_length=200, description="GB/T 36904 电子证照标识")
    licence_kind: str = Field(default="", max_length=60, description="证照类型名称 (the item's result name)")
    licence_number: str = Field(default="", max_length=64, description="证照编号")
    issued_at: str | None = Field(default=None, max_length=40)
    valid_until: str | None = Field(default=None, max_length=40)
    data: dict[str, str] = Field(default_factory=dict, description="证照数据项 printed on the certificate")


class SubCase(BaseModel):
    """并联: one department's sub-case of a 一件事 case (the change's status is this sub-case's)."""

    number: str = Field(description="the sub-case's own number: the case's platform number + -NN")
    position: int
    count: int = Field(description="how many sub-cases the case was split into")
    item_code: str
    item_name: str
    department: str
    deciding_body: str
    deadline: str = Field(description="ISO date: its department's promised limit from the receipt")


class CaseChange(BaseModel):
    seq: int
    case_uuid: str
    status: str
    note: str
    at: str
    correction: CorrectionRequest | None = None
    decision: Decision | None = None
    elicence: Elicence | None = None
    sub_case: SubCase | None = None
    decided_by: str | None = Field(default=None, description="跨域通办: the other area's body deciding the case")


class CaseChanges(BaseModel):
    changes: list[CaseChange]
    cursor: str
    has_more: bool


class CalendarDay(BaseModel):
    date: str
    kind: Literal["holiday", "workday"]
    name: str


class Calendar(BaseModel):
    year: int
    version: str
    days: list[CalendarDay]


class Handover(BaseModel):
    model_config = ConfigDict(extra="allow")
    handover_uuid: str = Field(pattern=UUID_PATTERN)
    collected_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)
    collector: dict[str, Any] = Field(default_factory=dict, description="who collected it (personal data)")


class CaseVoid(BaseModel):
    """作废 of a case committed in error at the window, approved there by a supervisor."""

    model_config = ConfigDict(extra="allow")
    void_uuid: str = Field(pattern=UUID_PATTERN)
    reason: str = Field(min_length=1, max_length=500)
    approved_by: str = Field(min_length=1, max_length=64)
    voided_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)


class Dispatch(BaseModel):
    """快递送达: the window mailed the case's result with this waybill."""

    model_config = ConfigDict(extra="allow")
    dispatch_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str = Field(pattern=UUID_PATTERN)
    carrier: str = Field(min_length=1, max_length=64)
    waybill: str = Field(min_length=6, max_length=40, pattern=r"^[0-9A-Z-]+$")
    mailed_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)


class SuppliedMaterial(BaseModel):
    model_config = ConfigDict(extra="allow")
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    name: str = ""
    state: str = "received"
    original_verified: bool = False
    copies_received: int = Field(default=0, ge=0)
    files: list[str] = Field(default_factory=list, description="SHA-256 of each file of this material")


class Supplement(BaseModel):
    """补齐 of a 容缺 case: only the materials supplied now, keyed by its own action UUID."""

    model_config = ConfigDict(extra="allow")
    supplement_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str = Field(pattern=UUID_PATTERN)
    case_number: str = Field(default="", max_length=64)
    supplied_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)
    complete: bool = Field(description="true when no deferred material remains after this supplement")
    remaining_deferred: list[str] = Field(default_factory=list)
    materials: list[SuppliedMaterial] = Field(min_length=1)


class FeeNotice(BaseModel):
    """A payment order from a 缴费通知书 (受理前收费 or 办结前收费), keyed by the notice's UUID."""

    model_config = ConfigDict(extra="allow")
    notice_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str = Field(pattern=UUID_PATTERN)
    case_number: str = Field(default="", max_length=64)
    stage: Literal["before_acceptance", "before_conclusion"]
    amount_fen: int = Field(gt=0, le=10**10)
    payment_code: str = Field(pattern=r"^[0-9]{20}$", description="缴款码: 20 digits, the province code first")
    items: list[dict[str, Any]] = Field(default_factory=list)
    issued_at: str
    expires_on: str | None = None
    window_code: str = Field(min_length=1, max_length=16)
    clerk_id: str = Field(min_length=1, max_length=64)


class PaymentChange(BaseModel):
    seq: int
    notice_uuid: str
    payment_code: str
    status: Literal["paid"]
    paid_at: str
    voucher: str = Field(description="the electronic payment voucher number (缴款凭证号)")


class PaymentChanges(BaseModel):
    changes: list[PaymentChange]
    cursor: str
    has_more: bool


class CorrectionSubmission(BaseModel):
    """补正 materials received at the window, answering one request; keyed by the submission's action UUID."""

    model_config = ConfigDict(extra="allow")
    submission_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str = Field(pattern=UUID_PATTERN)
    request_id: str = Field(min_length=1, max_length=64)
    case_number: str = Field(default="", max_length=64)
    submitted_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)
    materials: list[SuppliedMaterial] = Field(min_length=1)


class CorrectionReceipt(BaseModel):
    id: str
    case_uuid: str
    request_id: str
    received_at: str
    body_sha256: str
    bound_files: int
    processed: bool


class SupplementReceipt(BaseModel):
    id: str
    case_uuid: str
    received_at: str
    body_sha256: str
    bound_files: int
    processed: bool


class SignatureFile(BaseModel):
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    files: list[str] = Field(min_length=1, max_length=1)


class Signature(BaseModel):
    """The applicant's signature of one paper of a case: on the window's customer screen (the stroke image, a PNG
    uploaded like a scan) or by hand on the printed paper (``method: paper``, no file)."""

    model_config = ConfigDict(extra="allow")
    signature_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str = Field(pattern=UUID_PATTERN)
    case_number: str = Field(default="", max_length=64)
    document_kind: str = Field(min_length=1, max_length=64)
    method: Literal["screen", "paper"]
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    signed_at: str
    clerk_id: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)
    materials: list[SignatureFile] = Field(default_factory=list, max_length=1)


class Evaluation(BaseModel):
    model_config = ConfigDict(extra="allow")
    evaluation_uuid: str = Field(pattern=UUID_PATTERN)
    case_uuid: str | None = None
    score: int | None = Field(default=None, ge=1, le=5,
                              description="1 very dissatisfied ... 5 very satisfied (好差评); null = 未评价")
    evaluated: bool = Field(default=True, description="false: the citizen skipped the evaluation (未评价)")
    channel: str = Field(default="window", max_length=32)
    comment: str = Field(default="", max_length=2000)
    at: str


class RoutedPaper(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["原件", "复印件"]
    copies: int = Field(ge=1, le=1000)
    pages: int = Field(ge=0, le=100_000)


class RoutedCase(BaseModel):
    model_config = ConfigDict(extra="allow")
    case_uuid: str = Field(pattern=UUID_PATTERN)
    case_number: str = Field(min_length=1, max_length=64)
    item_names: list[str] = Field(default_factory=list)
    paper: list[RoutedPaper] = Field(min_length=1)


class RoutingSlip(BaseModel):
    """A 材料流转单: one batch of cases' paper to one back-office department (按责转办), keyed by the slip's UUID."""

    model_config = ConfigDict(extra="allow")
    slip_uuid: str = Field(pattern=UUID_PATTERN)
    slip_number: str = Field(pattern=r"^[0-9]{14}$")
    department: str = Field(min_length=1, max_length=200)
    window_code: str = Field(min_length=1, max_length=16)
    clerk_id: str = Field(min_length=1, max_length=64)
    created_at: str
    cases: list[RoutedCase] = Field(min_length=1, max_length=500)


class RoutingReceipt(BaseModel):
    """The department's receipt of a slip, recorded at the window by scanning the slip's barcode."""

    model_config = ConfigDict(extra="allow")
    slip_uuid: str = Field(pattern=UUID_PATTERN)
    slip_number: str = Field(pattern=r"^[0-9]{14}$")
    received_at: str
    recorded_by: str = Field(min_length=1, max_length=64)
    window_code: str = Field(min_length=1, max_length=16)


class WriteReceipt(BaseModel):
    id: str
    received_at: str
    body_sha256: str


class OnlineFile(BaseModel):
    sha256: str = Field(pattern=SHA256_PATTERN)
    name: str = Field(default="", max_length=200, description="the file name the citizen uploaded")
    size: int = Field(ge=0)
    media_type: str = Field(default="application/octet-stream", max_length=100)


class ElicenceRef(BaseModel):
    licence_type: str = Field(min_length=1, max_length=64, description="e-licence type, e.g. 居民身份证")
    licence_number: str = Field(min_length=1, max_length=64, description="the licence's number on the platform")


class OnlineMaterial(BaseModel):
    material_code: str = Field(min_length=1, max_length=MATERIAL_CODE_MAX)
    name: str = Field(default="", max_length=200)
    files: list[OnlineFile] = Field(default_factory=list, description="files uploaded online (already held)")
    elicence: ElicenceRef | None = Field(default=None, description="an e-licence reference instead of files")


class OnlineApplicant(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    id_type: str = Field(default="resident_id", max_length=32)
    id_number: str = Field(min_length=6, max_length=32)
    phone: str = Field(default="", max_length=32)


class PreApplicationSubmit(BaseModel):
    """What the citizen submits in the online hall (网上申报), keyed by its own UUID (idempotent)."""

    pre_application_id: str = Field(pattern=UUID_PATTERN)
    centre_code: str = Field(min_length=1, max_length=32)
    item_code: str = Field(min_length=1, max_length=128)
    applicant: OnlineApplicant
    form: dict[str, str] = Field(default_factory=dict, description="the online form's fields (label → value)")
    answers: dict[str, str] = Field(default_factory=dict, description="情形 answers: question code → option code")
    materials: list[OnlineMaterial] = Field(default_factory=list)


class MissingMaterial(BaseModel):
    material_code: str
    name: str
    reason: str = ""


class PreReview(BaseModel):
    result: Literal["passed", "needs_correction"] = Field(description="预审通过 / 需补正")
    missing: list[MissingMaterial] = Field(default_factory=list, description="what must still be supplied")
    note: str = ""
    reviewed_at: str


class PreApplication(BaseModel):
    pre_application_id: str
    number: str = Field(description="the number the citizen shows (QR / barcode on the phone)")
    status: Literal["prereviewed", "accepted"]
    case_uuid: str | None = Field(default=None, description="the window case that took it, once accepted")
    submitted_at: str
    centre_code: str
    item_code: str
    applicant: OnlineApplicant
    form: dict[str, str]
    answers: dict[str, str]
    materials: list[OnlineMaterial]
    prereview: PreReview


class PreApplicationSearch(BaseModel):
    id_number: str = Field(min_length=6, max_length=32, description="the applicant's ID number (from the card)")


class PreApplicationSummary(BaseModel):
    pre_application_id: str
    number: str
    item_code: str
    submitted_at: str
    prereview_result: str


class PreApplicationList(BaseModel):
    pre_applications: list[PreApplicationSummary]
