"""Practice cases for trainers (``python main.py training seed``) and for the paper checks.

Every case goes through the real acceptance service (rules, numbering, events, outbox) on the training home, dated
today: one per decision, a 容缺 acceptance, a 容缺 acceptance with its 补齐, a one-time notice followed by a new
acceptance, and an accepted case moved on to 待领取 the way the training back office would. The applicants are
fictional (the training catalog's people); nothing here runs outside training mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from clerk_app.acceptance.service import AcceptanceService
from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.acceptance.supplement import SupplementDesk, SuppliedMaterial
from clerk_app.domain import case_states
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import CaseStatus, Decision, MaterialState
from clerk_app.domain.catalog import HandlingType, ItemType, Necessity, ServiceItem
from clerk_app.domain.decision_rules import RejectionDetails, RejectionType
from clerk_app.domain.fees import FeeStage, effective_stage
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.case_events import record_event
from offline_cache.cases import case_status, set_case_status
from offline_cache.catalog_store import CatalogStore

if TYPE_CHECKING:
    from clerk_app.catalog.service import CatalogService
    from clerk_app.context import Workstation


class PracticeServices(Protocol):
    """What the practice set needs of the composition root's ``Services`` (which imports this package)."""

    @property
    def workstation(self) -> Workstation: ...
    @property
    def catalog(self) -> CatalogService: ...
    @property
    def acceptance(self) -> AcceptanceService: ...
    @property
    def supplements(self) -> SupplementDesk: ...

# Fictional people with valid check digits (GB 11643), one per practice case.
PEOPLE = (
    ("李培训", "110105199001010011"),
    ("王演示", "110105198505050026"),
    ("赵练习", "110105197203030017"),
    ("钱学员", "110105199512120024"),
    ("孙模拟", "110105200002020016"),
    ("周示范", "110105196811110025"),
    ("吴实训", "110105198808080011"),
    ("郑样例", "110105199307070020"),
)


class NotTrainingMode(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Practice cases are made only in training mode (no configuration file).")


@dataclass(frozen=True)
class PracticeCase:
    label: str  # what the case shows (English, for the trainer's list)
    case_uuid: str
    case_number: str
    decision: str
    status: str
    item_names: tuple[str, ...]


def _applicant(index: int) -> Applicant:
    name, number = PEOPLE[index % len(PEOPLE)]
    fixed = number[:17] + _check_digit(number[:17])
    return Applicant(NaturalPerson(name, IdDocumentType.RESIDENT_ID, fixed, source=CaptureSource.MANUAL),
                     contact_phone="13800000000")


def _check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def build_session(service: AcceptanceService, catalog: Any, code: str, decision: Decision,
                  applicant: Applicant, session: AcceptanceSession | None = None) -> AcceptanceSession:
    """A draft of ``code`` (item or bundle) whose materials are recorded so that ``decision`` is valid."""
    session = session or service.new_session()
    session.set_applicant(applicant)
    checklist = tuple(catalog.checklist(code))
    bundle = None
    try:
        items: tuple[ServiceItem, ...] = (catalog.get_item(code),)
    except Exception:
        bundle = catalog.get_bundle(code)
        items = tuple(catalog.get_item(c) for c in bundle.item_codes)
    session.set_items(items, checklist, bundle_code=bundle.code if bundle else None)
    required = [s for s in checklist if s.necessity is Necessity.REQUIRED]
    for spec in checklist:
        if session.record(spec.code).state is MaterialState.MISSING:
            session.mark_received(spec.code)
    today = service.today()
    if decision is Decision.ACCEPT_WITH_DEFICIENCY:
        spec = next(s for s in required if s.deferrable)
        session.update(spec.code, state=MaterialState.DEFERRED, supply_by=today + timedelta(days=10))
    elif decision is Decision.ONE_TIME_NOTICE:
        session.update(required[-1].code, state=MaterialState.MISSING)
    elif decision is Decision.REJECT:
        for spec in checklist:
            session.update(spec.code, state=MaterialState.MISSING)
    return session


def deferrable(item: ServiceItem) -> bool:
    """Whether the item's default checklist (no 情形 answers) has a required material that may be deferred."""
    from clerk_app.catalog.checklist import item_checklist

    return any(m.deferrable and m.necessity is Necessity.REQUIRED for m in item_checklist(item, {}))


def catalog_items(workstation: Workstation, catalog: CatalogService) -> list[ServiceItem]:
    """Every current item of the catalog, in code order."""
    return [catalog.get_item(code) for code in CatalogStore(workstation.db).current_item_codes()]


def pick(items: list[ServiceItem], *, item_type: ItemType | None = None, handling: HandlingType | None = None,
         with_deferrable: bool = False) -> ServiceItem:
    for item in items:
        if effective_stage([item]) is FeeStage.BEFORE_ACCEPTANCE:  # its acceptance would wait for a payment
            continue
        if item_type is not None and item.item_type is not item_type:
            continue
        if handling is not None and item.handling_type is not handling:
            continue
        if with_deferrable and not deferrable(item):
            continue
        return item
    raise LookupError("no such item in the training catalog")


def _ready_for_pickup(workstation: Workstation, case_uuid: str) -> str:
    """The training back office's path for an accepted case: sent, reviewed, approved, ready for pickup."""
    steps = (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.READY_FOR_PICKUP)
    with workstation.db.transaction() as conn:
        row = case_status(conn, case_uuid)
        assert row is not None, "the practice case was just committed"
        current = CaseStatus(row["status"])
        for target in steps:
            record_event(conn, case_uuid, case_states.EventKind.STATUS_CHANGED, current, target,
                         "training", row["window_code"], {"practice": True})
            current = target
        set_case_status(conn, case_uuid, current.value)
    return current.value


def seed(services: PracticeServices) -> list[PracticeCase]:
    """Make the practice set with the workstation's services (training mode only) and return it in order. The
    catalog must be loaded (``services.catalog.ensure_training_catalog()``)."""
    workstation, catalog = services.workstation, services.catalog
    if not workstation.is_training:
        raise NotTrainingMode()
    service = services.acceptance
    made: list[PracticeCase] = []

    def commit(label: str, session: AcceptanceSession, decision: Decision,
               rejection: RejectionDetails | None = None) -> PracticeCase:
        result = service.commit(session, decision, rejection)
        stored = service.cases.get(result.case_uuid)
        case = PracticeCase(label, result.case_uuid, result.case_number, decision.value, result.status,
                            stored.item_names)
        made.append(case)
        return case

    items = catalog_items(workstation, catalog)
    licence = pick(items, item_type=ItemType.ADMINISTRATIVE_LICENCE, handling=HandlingType.PROMISED)
    confirmation = pick(items, item_type=ItemType.ADMINISTRATIVE_CONFIRMATION)
    immediate = pick(items, handling=HandlingType.IMMEDIATE)
    with_deficiency = pick(items, with_deferrable=True)
    payment = next((i for i in items if "最低生活保障" in i.name), None) or pick(
        items, item_type=ItemType.ADMINISTRATIVE_PAYMENT)

    def session(index: int, item: ServiceItem, decision: Decision) -> AcceptanceSession:
        return build_session(service, catalog, item.implementation_code, decision, _applicant(index))

    commit("accepted", session(0, licence, Decision.ACCEPT), Decision.ACCEPT)
    commit("accepted on the spot (即办件)", session(1, immediate, Decision.ACCEPT), Decision.ACCEPT)
    commit("accepted with deficiency (容缺)", session(2, with_deficiency, Decision.ACCEPT_WITH_DEFICIENCY),
           Decision.ACCEPT_WITH_DEFICIENCY)
    supplied = commit("容缺 then supplied (补齐)", session(3, with_deficiency, Decision.ACCEPT_WITH_DEFICIENCY),
                      Decision.ACCEPT_WITH_DEFICIENCY)
    desk = services.supplements
    draft = desk.new_draft(supplied.case_uuid)
    for code in [m.material_code for m in service.cases.get(supplied.case_uuid).case.materials
                 if m.state is MaterialState.DEFERRED]:
        draft.set(SuppliedMaterial(code, original_verified=True, copies_received=1))
    result = desk.commit(draft)
    made[-1] = PracticeCase(supplied.label, supplied.case_uuid, supplied.case_number, supplied.decision,
                            result.status, supplied.item_names)
    noticed = commit("one-time notice (一次性告知)", session(4, confirmation, Decision.ONE_TIME_NOTICE),
                     Decision.ONE_TIME_NOTICE)
    follow = service.follow_up_session(noticed.case_uuid)
    build_session(service, catalog, service.follow_up_item(noticed.case_uuid), Decision.ACCEPT,
                  follow.applicant or _applicant(4), follow)
    commit("follow-up acceptance after the notice", follow, Decision.ACCEPT)
    commit("not accepted: not this organ's competence", session(5, licence, Decision.REJECT), Decision.REJECT,
           RejectionDetails("申请人户籍不在本辖区，该事项由户籍所在地机关办理", "", "户籍所在地的公安机关",
                            RejectionType.NOT_COMPETENT))
    commit("not accepted: conditions not met", session(6, payment, Decision.REJECT), Decision.REJECT,
           RejectionDetails("申请人家庭人均收入高于当地最低生活保障标准", "", "",
                            RejectionType.CONDITIONS_NOT_MET))
    pickup = commit("ready for pickup (待领取)", session(7, licence, Decision.ACCEPT), Decision.ACCEPT)
    status = _ready_for_pickup(workstation, pickup.case_uuid)
    made[-1] = PracticeCase(pickup.label, pickup.case_uuid, pickup.case_number, pickup.decision, status,
                            pickup.item_names)
    return made

