"""出件: handing the result of a case over at the window, recorded with who collected it and with what identity.

One transaction: the status change (ready for pickup → handed over, checked by the state machine), its event, and
a ``handover`` outbox row. The collector's identity is personal data: it travels only in ``payload_enc``
(encrypted, bound to the action), the plain payload carries the non-personal facts the platform contract names.
Handing over twice is harmless: a case already handed over returns the first record.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.domain.applicant import NaturalPerson
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import TransitionNotAllowed
from offline_cache.cases import case_status, set_case_status
from offline_cache.codec import person_to_dict
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.outbox import enqueue, first_action

log = logging.getLogger("onewindow.acceptance")

KIND = "handover"


@dataclass(frozen=True)
class HandoverRecord:
    case_uuid: str
    handover_uuid: str
    collected_at: str
    created: bool


class HandoverDesk:
    def __init__(self, db: Database, cipher: FieldCipher, rules: CaseRules, *, window_code: str,
                 clerk_id: str, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._cipher = cipher
        self._rules = rules
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock

    def hand_over(self, case_uuid: str, collector: NaturalPerson, relation: str = "本人") -> HandoverRecord:
        """Record the handover. ``relation``: the collector's relation to the applicant (本人, 代理人 …)."""
        with self._db.transaction() as conn:
            row = case_status(conn, case_uuid)
            if row is None:
                raise CaseNotFound()
            status = CaseStatus(row["status"])
            if status is CaseStatus.HANDED_OVER:
                done = first_action(conn, case_uuid, KIND)
                if done is not None:
                    collected = json.loads(done["payload"]).get("collected_at", "")
                    return HandoverRecord(case_uuid, done["action_uuid"], collected, created=False)
            if status is not CaseStatus.READY_FOR_PICKUP:
                raise TransitionNotAllowed(status, CaseStatus.HANDED_OVER)
            action = str(uuid.uuid4())
            collected_at = self._clock().isoformat(timespec="seconds")
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="handed_over", from_status=status.value,
                to_status=CaseStatus.HANDED_OVER.value, clerk_id=self.clerk_id, window_code=self._window_code,
                details={"handover_uuid": action, "collector_source": collector.source.value,
                         "relation": relation},
            )
            set_case_status(conn, case_uuid, CaseStatus.HANDED_OVER.value)
            secret = {**person_to_dict(collector), "relation": relation}
            enqueue(
                conn, KIND,
                {"handover_uuid": action, "case_uuid": case_uuid, "collected_at": collected_at,
                 "clerk_id": self.clerk_id, "window_code": self._window_code, "relation": relation,
                 "collector_id_type": collector.id_type.value, "collector_source": collector.source.value},
                case_uuid=case_uuid, action_uuid=action,
                payload_enc=self._cipher.encrypt(json.dumps(secret, ensure_ascii=False).encode("utf-8"),
                                                 f"outbox:{action}".encode()),
            )
        log.info("case handed over (collector source %s)", collector.source.value)
        return HandoverRecord(case_uuid, action, collected_at, created=True)
