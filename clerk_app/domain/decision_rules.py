"""Which of the four window decisions are valid for a material checklist and what the clerk recorded.

Pure rules (no I/O, no Qt), following 《行政许可法》§32 and local 容缺 practice (FACTS §3.5, §3.8):

* 受理 (accept): every required material is present (received, or replaced by a reused e-licence) and complete
  (original checked where the guide asks for an original, enough copies where it asks for copies).
* 容缺受理 (accept with deficiency): the only required materials not present are deferrable (容缺)
  ones, each recorded as deferred with a supply-by date after the acceptance day; nothing else is
  missing or defective.
* 一次性告知 (one-time notice): something required is not present or not complete. The notice lists EVERY such
  material with what the guide requires, generated from the checklist (not from what the clerk happened to
  touch), so it is complete by construction.
* 不予受理 (reject): always possible, but only with a reason type and the facts; where to apply instead only when
  the application is outside the organ's competence, the legal basis typed only when the type does not imply one.

A checklist material with no record counts as missing: silence never makes a case complete.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import HandlingType, MaterialSpec, Necessity, PaperForm, ServiceItem
from clerk_app.i18n import QT_TRANSLATE_NOOP

PRESENT_STATES = frozenset({MaterialState.RECEIVED, MaterialState.ELICENCE_REUSED})


class Shortfall(enum.Enum):
    """Why a required material stops a plain 受理."""

    MISSING = "missing"  # not brought (or no record at all)
    DEFECTIVE = "defective"  # brought, but not in legal form (clerk's note says why)
    ORIGINAL_NOT_CHECKED = "original_not_checked"  # the guide asks for the original and it was not verified
    COPIES_SHORT = "copies_short"  # fewer copies than the guide asks for
    DEFERRED = "deferred"  # 容缺: to be supplied later
    DEFERRED_NOT_ALLOWED = "deferred_not_allowed"  # marked 容缺 but the guide does not allow it
    DEFERRED_WITHOUT_DATE = "deferred_without_date"  # 容缺 with no (or a past) supply-by date


@dataclass(frozen=True)
class MaterialIssue:
    """One line of the one-time notice: the material, what is wrong, and what the guide requires."""

    code: str
    name: str
    shortfall: Shortfall
    requirement: str  # built from the guide: form, counts, notes (already Chinese domain text)
    note: str = ""  # the clerk's defect note
    supply_by: date | None = None


@dataclass(frozen=True)
class Evaluation:
    allowed: frozenset[Decision]
    issues: tuple[MaterialIssue, ...]  # every required material that is not present and complete
    deferred: tuple[MaterialIssue, ...]  # valid 容缺 lines (subset of issues)
    unknown_records: tuple[str, ...] = ()  # records for codes not on the checklist (ignored by the rules)
    reasons: Mapping[Decision, str] = field(default_factory=dict)  # why a decision is not allowed (English)

    def is_allowed(self, decision: Decision) -> bool:
        return decision in self.allowed

    @property
    def notice_lines(self) -> tuple[MaterialIssue, ...]:
        """What a one-time notice must list: every issue, deferred ones included (they are missing today)."""
        return self.issues


def requirement_text(spec: MaterialSpec) -> str:
    """What the guide requires for a material, in the words printed on the notice."""
    parts: list[str] = []
    if spec.paper_form is PaperForm.ORIGINAL:
        parts.append(f"原件{spec.original_count or 1}份")
    elif spec.paper_form is PaperForm.COPY:
        parts.append(f"复印件{spec.copy_count or 1}份")
    elif spec.paper_form is PaperForm.ORIGINAL_AND_COPY:
        parts.append(f"原件{spec.original_count or 1}份，复印件{spec.copy_count or 1}份")
    else:
        parts.append("电子材料")
    if spec.elicence_type:
        parts.append(f"可用电子证照（{spec.elicence_type}）替代")
    if spec.notes:
        parts.append(spec.notes)
    return "；".join(parts)


def _needs_original(spec: MaterialSpec) -> bool:
    return spec.paper_form in (PaperForm.ORIGINAL, PaperForm.ORIGINAL_AND_COPY)


def _copies_needed(spec: MaterialSpec) -> int:
    if spec.paper_form in (PaperForm.COPY, PaperForm.ORIGINAL_AND_COPY):
        return max(spec.copy_count, 1)
    return 0


def _shortfall(spec: MaterialSpec, record: MaterialRecord | None, today: date) -> Shortfall | None:
    if record is None:
        return Shortfall.MISSING
    state = record.state
    if state is MaterialState.ELICENCE_REUSED:
        return None
    if state is MaterialState.RECEIVED:
        if _needs_original(spec) and not record.original_verified:
            return Shortfall.ORIGINAL_NOT_CHECKED
        if record.copies_received < _copies_needed(spec):
            return Shortfall.COPIES_SHORT
        return None
    if state is MaterialState.DEFECTIVE:
        return Shortfall.DEFECTIVE
    if state is MaterialState.DEFERRED:
        if not spec.deferrable:
            return Shortfall.DEFERRED_NOT_ALLOWED
        if record.supply_by is None or record.supply_by <= today:
            return Shortfall.DEFERRED_WITHOUT_DATE
        return Shortfall.DEFERRED
    # MISSING, and NOT_APPLICABLE on a required material: the checklist (from the 情形 answers) says
    # it applies.
    return Shortfall.MISSING


def evaluate(
    checklist: Iterable[MaterialSpec],
    records: Iterable[MaterialRecord],
    today: date,
) -> Evaluation:
    """Decide which decisions are valid.

    ``today`` is the acceptance day: supply-by dates must lie after it.
    """
    specs = list(checklist)
    by_code: dict[str, MaterialRecord] = {}
    for rec in records:
        by_code[rec.material_code] = rec
    spec_codes = {s.code for s in specs}
    unknown = tuple(sorted(code for code in by_code if code not in spec_codes))

    issues: list[MaterialIssue] = []
    deferred: list[MaterialIssue] = []
    for spec in specs:
        if spec.necessity is not Necessity.REQUIRED:
            continue  # optional (and legacy 容缺后补-only) materials never block a decision
        record = by_code.get(spec.code)
        shortfall = _shortfall(spec, record, today)
        if shortfall is None:
            continue
        issue = MaterialIssue(
            code=spec.code,
            name=spec.name,
            shortfall=shortfall,
            requirement=requirement_text(spec),
            note=record.defect_note if record is not None else "",
            supply_by=record.supply_by if record is not None else None,
        )
        issues.append(issue)
        if shortfall is Shortfall.DEFERRED:
            deferred.append(issue)

    allowed = {Decision.REJECT}
    reasons: dict[Decision, str] = {}
    blocking = [i for i in issues if i.shortfall is not Shortfall.DEFERRED]
    if not issues:
        allowed.add(Decision.ACCEPT)
        reasons[Decision.ACCEPT_WITH_DEFICIENCY] = QT_TRANSLATE_NOOP("acceptance", "No material is deferred.")
        reasons[Decision.ONE_TIME_NOTICE] = QT_TRANSLATE_NOOP("acceptance", "Nothing is missing or defective.")
    else:
        allowed.add(Decision.ONE_TIME_NOTICE)
        reasons[Decision.ACCEPT] = QT_TRANSLATE_NOOP(
            "acceptance", "Required materials are missing, deferred or incomplete.")
        if blocking:
            reasons[Decision.ACCEPT_WITH_DEFICIENCY] = QT_TRANSLATE_NOOP(
                "acceptance",
                "Materials that cannot be deferred are missing or incomplete, or a deferral lacks a valid date.")
        else:
            allowed.add(Decision.ACCEPT_WITH_DEFICIENCY)
    return Evaluation(frozenset(allowed), tuple(issues), tuple(deferred), unknown, reasons)


class RejectionType(enum.Enum):
    """Why an application is not accepted; each type prints only the sentences it implies (FACTS §3.5a)."""

    NOT_REQUIRED = "not_required"  # 依法不需要申请（行政许可: §32(1)(1)）
    NOT_COMPETENT = "not_competent"  # 不属于本机关职权范围 → where to apply (行政许可: §32(1)(2))
    CONDITIONS_NOT_MET = "conditions_not_met"  # 不符合受理条件 (the item's 受理条件 / 设定依据)
    OTHER = "other"  # any other reason: the clerk names the legal basis


@dataclass(frozen=True)
class RejectionDetails:
    """不予受理: the reason type, the facts, the provision (derived from the item when the type implies one) and,
    only for lack of competence, where the applicant can apply instead."""

    reason: str
    legal_basis: str
    where_to_apply: str
    reason_type: RejectionType = RejectionType.NOT_COMPETENT

    def missing_fields(self) -> tuple[str, ...]:
        missing = []
        if not self.reason.strip():
            missing.append("reason")
        if self.reason_type is RejectionType.OTHER and not self.legal_basis.strip():
            missing.append("legal_basis")
        if self.reason_type is RejectionType.NOT_COMPETENT and not self.where_to_apply.strip():
            missing.append("where_to_apply")
        return tuple(missing)

    @property
    def complete(self) -> bool:
        return not self.missing_fields()


def concluded_on_spot(items: Iterable[ServiceItem], decision: Decision) -> bool:
    """A 即办件 accepted in full is concluded at the window; a bundle only if all its items are."""
    listed = list(items)
    return (
        decision is Decision.ACCEPT
        and bool(listed)
        and all(item.handling_type is HandlingType.IMMEDIATE for item in listed)
    )


def default_record(spec: MaterialSpec) -> MaterialRecord:
    """The record a checklist row starts with: missing (nothing assumed)."""
    return MaterialRecord(material_code=spec.code, name=spec.name, state=MaterialState.MISSING)


def received_record(spec: MaterialSpec, page_blob_ids: tuple[str, ...] = ()) -> MaterialRecord:
    """The record for "received as the guide asks" (one key at the window).

    The original counts as checked and the copies as the guide requires.
    """
    return MaterialRecord(
        material_code=spec.code,
        name=spec.name,
        state=MaterialState.RECEIVED,
        original_verified=_needs_original(spec),
        copies_received=_copies_needed(spec),
        page_blob_ids=page_blob_ids,
    )
