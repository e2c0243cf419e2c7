"""并联 for a "一件事" bundle: the bundle's state derived from its sub-cases (docs/online.md, "并联").

One citizen-facing case (one case number, one receipt) is split by the platform into one sub-case per department
and item, each with its own number, status and deadline. The bundle is:

* **待补正** (``CORRECTION``) while any sub-case asks for 补正 — the citizen has something to bring, whatever the
  others do; the case is ``correction_requested`` (its clock stopped as for any 补正);
* **办理中** (``IN_PROGRESS``) while any sub-case is undecided (``in_review`` once any department has started,
  ``submitted`` before) — a denial of one member does not end the others' review;
* once every sub-case is decided: **办结** (``CONCLUDED``: all approved → ``approved``), **部分办结**
  (``PARTIAL``: some approved, some denied → ``approved``: the approved results are collected with the denied
  members' decisions), **不予办理** (``DENIED``: all denied → ``denied``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from clerk_app.domain.case import CaseStatus
from clerk_app.i18n import QT_TRANSLATE_NOOP

S = CaseStatus
_APPROVED = {S.APPROVED, S.READY_FOR_PICKUP, S.HANDED_OVER, S.MAILED, S.CONCLUDED}
_STARTED = {S.IN_REVIEW, S.SPECIAL_PROCEDURE, S.APPROVED, S.DENIED, S.READY_FOR_PICKUP}


class BundleState(enum.Enum):
    SUBMITTED = "submitted"
    IN_PROGRESS = "in_progress"
    CORRECTION = "correction"
    CONCLUDED = "concluded"
    PARTIAL = "partial"
    DENIED = "denied"


LABELS = {
    BundleState.SUBMITTED: QT_TRANSLATE_NOOP("tongban", "sent to the departments"),
    BundleState.IN_PROGRESS: QT_TRANSLATE_NOOP("tongban", "in progress (办理中)"),
    BundleState.CORRECTION: QT_TRANSLATE_NOOP("tongban", "待补正: a department asks for 补正"),
    BundleState.CONCLUDED: QT_TRANSLATE_NOOP("tongban", "办结: every department approved"),
    BundleState.PARTIAL: QT_TRANSLATE_NOOP("tongban", "部分办结: some approved, some denied"),
    BundleState.DENIED: QT_TRANSLATE_NOOP("tongban", "不予办理: every department denied"),
}


@dataclass(frozen=True)
class Derived:
    state: BundleState
    status: CaseStatus  # what the case's own status becomes


def derive(statuses: Iterable[CaseStatus]) -> Derived | None:
    """The bundle's state from its sub-cases' statuses (None without sub-cases)."""
    subs = [s for s in statuses if s is not S.VOIDED]
    if not subs:
        return None
    if S.CORRECTION_REQUESTED in subs:
        return Derived(BundleState.CORRECTION, S.CORRECTION_REQUESTED)
    approved = sum(s in _APPROVED for s in subs)
    denied = sum(s is S.DENIED for s in subs)
    if approved + denied == len(subs):
        if denied == 0:
            return Derived(BundleState.CONCLUDED, S.APPROVED)
        return Derived(BundleState.DENIED, S.DENIED) if approved == 0 else Derived(BundleState.PARTIAL, S.APPROVED)
    if any(s in _STARTED for s in subs):
        return Derived(BundleState.IN_PROGRESS, S.IN_REVIEW)
    return Derived(BundleState.SUBMITTED, S.SUBMITTED)
