"""出件: handing the result of a case over at the window, to the right person, recorded with who collected it.

The collector is checked first (``collector_check``): the applicant, the agent recorded at acceptance, or a third
person whose 授权委托书 has been scanned into the case (``attach_authorisation``: pages in ``case_blobs`` with role
``authorisation``); anyone else is refused. The check result goes on the ``handed_over`` event and in the outbox
payload (relation, card or manual, the reason, the authorisation's page count; no personal data).

One transaction: the status change (ready for pickup → handed over, checked by the state machine), its event, and
a ``handover`` outbox row. The collector's identity is personal data: it travels only in ``payload_enc``
(encrypted, bound to the action), the plain payload carries the non-personal facts the platform contract names.
Handing over twice is harmless: a case already handed over returns the first record.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clerk_app.acceptance.collector_check import CollectorCheck, check_collector
from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.domain.applicant import NaturalPerson
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import TransitionNotAllowed
from clerk_app.domain.masking import mask_id_number, mask_name
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import agent_batches
from offline_cache.blobs import BlobStore
from offline_cache.cases import (
    CaseRepository,
    PageRef,
    case_applicant_row,
    case_blob_count,
    case_status,
    set_case_status,
)
from offline_cache.codec import applicant_from_dict, person_to_dict
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.outbox import enqueue, first_action

log = logging.getLogger("onewindow.acceptance")

KIND = "handover"
MEDIA_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}
AUTHORISATION_ROLE = "authorisation"  # case_blobs role of the 授权委托书 pages of a handover


class UnsupportedAuthorisationFile(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "{name} is not a JPEG, PNG or PDF file: import the power of attorney as a "
                                "scan or a PDF.")


@dataclass(frozen=True)
class HandoverRecord:
    case_uuid: str
    handover_uuid: str
    collected_at: str
    created: bool
    check: CollectorCheck | None = None  # None for a record made before the collector check existed


class HandoverDesk:
    def __init__(self, db: Database, cipher: FieldCipher, rules: CaseRules, *, window_code: str,
                 clerk_id: str, clock: Callable[[], datetime], blobs: BlobStore | None = None,
                 holds: tuple[Callable[[sqlite3.Connection, str], None], ...] = ()) -> None:
        self._db = db
        self._holds = holds  # what must be settled before 出件 (办结前收费: FeeDesk.hold_handover); each may refuse
        self._blobs = blobs
        self._cipher = cipher
        self._rules = rules
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock

    def attach_authorisation(self, case_uuid: str, pages: list[PageRef] | tuple[PageRef, ...]) -> int:
        """Put the scanned/imported 授权委托书 into the case (pages already in the BlobStore); returns the page count
        of the case's authorisation now. Allowed until the result is handed over."""
        if not pages:
            return self.authorisation_pages(case_uuid)
        with self._db.transaction() as conn:
            row = case_status(conn, case_uuid)
            if row is None:
                raise CaseNotFound()
            if CaseStatus(row["status"]) is CaseStatus.HANDED_OVER:
                raise TransitionNotAllowed(CaseStatus.HANDED_OVER, CaseStatus.HANDED_OVER)
            start = _authorisation_count(conn, case_uuid)
            for offset, ref in enumerate(pages):
                CaseRepository.link_blob(conn, case_uuid, ref, AUTHORISATION_ROLE, material_code=None,
                                         position=start + offset,
                                         details={"kind": "authorisation", "purpose": "handover"})
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="authorisation_attached", from_status=row["status"],
                to_status=row["status"], clerk_id=self.clerk_id, window_code=self._window_code,
                details={"pages": len(pages)})
            return _authorisation_count(conn, case_uuid)

    def import_authorisation(self, case_uuid: str, files: list[Path]) -> int:
        """File import of a 授权委托书 (JPEG/PNG scans or a PDF): each file is stored encrypted in the BlobStore,
        then attached as one page. Returns the case's authorisation page count."""
        if self._blobs is None:
            raise RuntimeError("the handover desk was made without a blob store")
        refs = []
        for path in files:
            media = MEDIA_TYPES.get(path.suffix.lower())
            if media is None:
                raise UnsupportedAuthorisationFile(name=path.name)
            data = path.read_bytes()
            refs.append(PageRef(self._blobs.put(data), len(data), media))
        return self.attach_authorisation(case_uuid, refs)

    def authorisation_pages(self, case_uuid: str) -> int:
        with self._db.transaction() as conn:
            return _authorisation_count(conn, case_uuid)

    def check(self, case_uuid: str, collector: NaturalPerson) -> CollectorCheck:
        """The collector check alone (the UI shows its result before the clerk confirms); raises the refusal."""
        with self._db.transaction() as conn:
            return self._check(conn, case_uuid, collector)

    def _check(self, conn: sqlite3.Connection, case_uuid: str, collector: NaturalPerson) -> CollectorCheck:
        row = case_applicant_row(conn, case_uuid)
        if row is None:
            raise CaseNotFound()
        plain = self._cipher.decrypt(row["payload_enc"], f"applicant:{row['applicant_uuid']}".encode())
        applicant = applicant_from_dict(json.loads(plain))
        principal_index = row["id_index"] if row["kind"] == "person" else None
        # 代办批次: the agent collects only as far as the villager's authorisation recorded at acceptance allows
        may_collect = agent_batches.agent_collects(conn, case_uuid) is not False
        return check_collector(applicant, principal_index, collector, self._cipher.blind_index,
                               _authorisation_count(conn, case_uuid), agent_may_collect=may_collect)

    def hand_over(self, case_uuid: str, collector: NaturalPerson, relation: str = "") -> HandoverRecord:
        """Check the collector and record the handover. ``relation``: an optional free description the clerk adds
        (亲属 …); the relation that counts is the check's (applicant / agent / authorised)."""
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
            for hold in self._holds:
                hold(conn, case_uuid)
            check = self._check(conn, case_uuid, collector)
            action = str(uuid.uuid4())
            collected_at = self._clock().isoformat(timespec="seconds")
            described = relation or check.relation_text
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="handed_over", from_status=status.value,
                to_status=CaseStatus.HANDED_OVER.value, clerk_id=self.clerk_id, window_code=self._window_code,
                details={"handover_uuid": action, "collector_source": collector.source.value,
                         "relation": described, "collector_check": check.as_details(),
                         # masked only: what the 送达回执 prints (and reprints)
                         "collector_name_masked": mask_name(collector.name),
                         "collector_id_masked": mask_id_number(collector.id_number),
                         "collected_at": collected_at},
            )
            set_case_status(conn, case_uuid, CaseStatus.HANDED_OVER.value)
            secret = {**person_to_dict(collector), "relation": described}
            enqueue(
                conn, KIND,
                {"handover_uuid": action, "case_uuid": case_uuid, "collected_at": collected_at,
                 "clerk_id": self.clerk_id, "window_code": self._window_code, "relation": described,
                 "collector_id_type": collector.id_type.value, "collector_source": collector.source.value,
                 "collector_check": check.as_details()},
                case_uuid=case_uuid, action_uuid=action, clerk_id=self.clerk_id,
                payload_enc=self._cipher.encrypt(json.dumps(secret, ensure_ascii=False).encode("utf-8"),
                                                 f"outbox:{action}".encode()),
            )
        log.info("case handed over (collector %s, source %s)", check.relation.value, collector.source.value)
        return HandoverRecord(case_uuid, action, collected_at, created=True, check=check)


def _authorisation_count(conn: sqlite3.Connection, case_uuid: str) -> int:
    return case_blob_count(conn, case_uuid, AUTHORISATION_ROLE)
