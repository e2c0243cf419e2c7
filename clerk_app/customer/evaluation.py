"""好差评 at the window: one evaluation per case, sent to the platform through the outbox.

The payload says who handled the case ("谁办理、谁负责": case, items, centre, window, clerk) and never who the
citizen is (GB/T 39734 §4.1: the evaluator is protected). A skipped evaluation is recorded as 未评价 (no grade).
Nothing here is reachable from the clerk's widgets: only the customer screen (or an evaluator pad) calls ``record``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import outbox
from offline_cache.db import Database

GRADES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
LOW_GRADES = frozenset({1, 2})  # these open the reasons list
DEFAULT_REASONS = ("服务效率", "服务水平", "服务态度", "办事指南准确度", "办事便捷度", "廉洁自律")
NOT_EVALUATED = "未评价"
MAX_COMMENT = 2000


class AlreadyEvaluated(UserFacingError):
    message = QT_TRANSLATE_NOOP("customer", "This case has already been evaluated.")


@dataclass(frozen=True)
class CaseContext:
    """What an evaluation is about: the case and who handled it. No applicant data on purpose."""

    case_uuid: str
    case_number: str
    item_codes: tuple[str, ...]
    centre_code: str
    window_code: str
    clerk_id: str


class EvaluationDesk:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, case: CaseContext, grade: int | None, reasons: Sequence[str] = (), comment: str = "",
               channel: str = "window") -> str:
        """Store the evaluation (``grade`` None = skipped, 未评价) and queue it; returns its UUID.

        One per case: a second call for the same case raises ``AlreadyEvaluated``, inside the same transaction as
        the check, so two touches cannot both count."""
        if grade is not None and grade not in GRADES:
            raise ValueError(f"grade must be 1..5, not {grade!r}")
        reasons = tuple(reasons) if grade in LOW_GRADES else ()
        payload: dict[str, Any] = {
            "evaluation_uuid": str(uuid.uuid4()),
            "case_uuid": case.case_uuid,
            "case_number": case.case_number,
            "item_codes": list(case.item_codes),
            "centre_code": case.centre_code,
            "window_code": case.window_code,
            "clerk_id": case.clerk_id,
            "channel": channel,
            "evaluated": grade is not None,
            "score": grade,
            "grade_text": GRADES[grade] if grade is not None else NOT_EVALUATED,
            "reasons": list(reasons),
            "comment": comment.strip()[:MAX_COMMENT] if grade is not None else "",
            "at": outbox.now_iso(),
        }
        with self.db.transaction() as conn:
            if outbox.first_action(conn, case.case_uuid, "evaluation") is not None:
                raise AlreadyEvaluated()
            outbox.enqueue(conn, "evaluation", payload, case_uuid=case.case_uuid,
                           action_uuid=payload["evaluation_uuid"], clerk_id=case.clerk_id)
        return str(payload["evaluation_uuid"])

    def was_evaluated(self, case_uuid: str) -> bool:
        with self.db.transaction() as conn:
            return outbox.first_action(conn, case_uuid, "evaluation") is not None
