"""代办批次: a registered village agent (村级代办员) brings several villagers' applications in one visit.

The agent is identified once (their card) when the batch opens. For each villager the desk makes a separate draft
whose applicant is the villager with the agent recorded (``AgentAuthorisation``: relation, the 授权委托书 as the
case's ``poa`` material, scanned with the villager's ID copy like any page); the agent's own ID material is the card
read. Each case is committed by the acceptance service as usual, joining the batch in its own transaction. Closing
the batch prints the 代办批次回执 listing every case, for the agent to carry back beside each villager's receipt.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.acceptance.service import AcceptanceService
from clerk_app.acceptance.session import AcceptanceSession, read_by_reader
from clerk_app.domain.applicant import AgentAuthorisation, Applicant, CaptureSource, NaturalPerson
from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.domain.decision_rules import received_record
from clerk_app.domain.masking import mask_id_number, mask_name
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import agent_batches
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from printing.model import BatchRow, DocumentContext, DocumentKind

log = logging.getLogger("onewindow.acceptance")

AGENT_RELATION = "村级代办员"
AUTHORISATION_CODE = "poa"  # 授权委托书 in the catalog's agent 情形
AGENT_ID_CODE = "agent_id"  # 代理人居民身份证
RESULT_WORDS = {Decision.ACCEPT: "受理", Decision.ACCEPT_WITH_DEFICIENCY: "容缺受理",
                Decision.ONE_TIME_NOTICE: "一次性告知", Decision.REJECT: "不予受理"}


class BatchEmpty(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The agent batch has no case yet: accept at least one villager's case.")


class AgentNotRead(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Read the village agent's ID card first: the agent is identified once, "
                                          "by the card, for the whole batch.")


@dataclass(frozen=True)
class AgentBatch:
    batch_uuid: str
    batch_number: str
    agent: NaturalPerson
    relation: str
    village: str
    opened_at: datetime


class AgentBatchDesk:
    def __init__(self, db: Database, cipher: FieldCipher, acceptance: AcceptanceService, documents: DocumentDesk,
                 *, window_code: str, clock: Callable[[], datetime]) -> None:
        self._db, self._cipher, self._acceptance, self._documents = db, cipher, acceptance, documents
        self.window_code = window_code
        self._clock = clock

    # -- the visit ----------------------------------------------------------------------------------------------
    def open(self, agent: NaturalPerson, *, village: str = "", relation: str = AGENT_RELATION) -> AgentBatch:
        """The agent identified once, by the card on the reader (a typed agent is refused: they act for others)."""
        if agent.source not in (CaptureSource.CARD_READER, CaptureSource.SIMULATED):
            raise AgentNotRead()
        now = self._clock()
        batch_uuid = str(uuid.uuid4())
        prefix = f"DB{self._acceptance.centre_code}{self.window_code}{now:%Y%m%d}"
        with self._db.transaction() as conn:
            number = f"{prefix}{agent_batches.next_batch_sequence(conn, prefix):03d}"
            agent_batches.insert_batch(
                conn, self._cipher, batch_uuid=batch_uuid, batch_number=number,
                agent={"name": agent.name, "id_type": agent.id_type.value, "id_number": agent.id_number,
                       "source": agent.source.value},
                relation=relation, village=village, window_code=self.window_code,
                clerk_id=self._acceptance.clerk_id, opened_at=now.isoformat(timespec="seconds"))
        log.info("agent batch opened")
        return AgentBatch(batch_uuid, number, agent, relation, village, now)

    def villager_session(self, batch: AgentBatch, villager: NaturalPerson) -> AcceptanceSession:
        """A separate draft for one villager: the villager is the applicant, the batch's agent acts for them (the
        signed 委托书 is the ``poa`` material). Choose the item with the agent 情形 answered, then ``prepare``."""
        session = self._acceptance.new_session()
        session.agent_batch = batch.batch_uuid
        session.set_applicant(Applicant(villager, agent=AgentAuthorisation(batch.agent, batch.relation,
                                                                           AUTHORISATION_CODE)))
        return session

    @staticmethod
    def prepare(session: AcceptanceSession) -> None:
        """After the item is chosen: the agent's ID material is the card read at the opening (original checked by
        the chip); the 委托书 and the villager's ID copy are scanned like any page."""
        applicant = session.applicant
        agent = applicant.agent.agent if applicant is not None and applicant.agent is not None else None
        if agent is None or AGENT_ID_CODE not in session.records:
            return
        if read_by_reader(Applicant(agent)) and session.record(AGENT_ID_CODE).state is MaterialState.MISSING:
            record = replace(received_record(session.spec(AGENT_ID_CODE)), source=MaterialSource.CARD_READER)
            session.records[AGENT_ID_CODE] = record

    def close(self, batch: AgentBatch) -> list[str]:
        """End the visit; returns the batch's case UUIDs (refused while it has none)."""
        record = agent_batches.get_batch(self._db, self._cipher, batch.batch_uuid)
        if not record.case_uuids:
            raise BatchEmpty()
        with self._db.transaction() as conn:
            agent_batches.close_batch(conn, batch.batch_uuid, self._clock().isoformat(timespec="seconds"))
        return list(record.case_uuids)

    # -- the paper ----------------------------------------------------------------------------------------------
    def receipt_context(self, batch_uuid: str) -> DocumentContext:
        record = agent_batches.get_batch(self._db, self._cipher, batch_uuid)
        if not record.case_uuids:
            raise BatchEmpty()
        cases = self._acceptance.cases
        rows = []
        authorisations = 0
        for key in record.case_uuids:
            stored = cases.get(key)
            principal = stored.case.applicant.principal
            identifier = getattr(principal, "id_number", None) or getattr(principal, "credit_code", "")
            decision = stored.case.decision or Decision.ACCEPT
            authorisations += any(m.material_code == AUTHORISATION_CODE and m.state is MaterialState.RECEIVED
                                  for m in stored.case.materials)
            rows.append(BatchRow(stored.case.case_number, mask_name(principal.name), mask_id_number(identifier),
                                 stored.item_names, RESULT_WORDS[decision], stored.case.promised_date))
        head = self._documents.letterhead
        opened = datetime.fromisoformat(record.opened_at)
        return DocumentContext(
            kind=DocumentKind.AGENT_BATCH_RECEIPT, case_number=record.batch_number,
            verification_code=self._acceptance.rules.verification_code(record.batch_number),
            centre_name=head.centre_name, window_name=head.window_name, clerk_name=head.clerk_name,
            applicant_name=str(record.agent["name"]), applicant_id_label="居民身份证",
            applicant_id_display=mask_id_number(str(record.agent["id_number"])),
            item_names=tuple(dict.fromkeys(n for r in rows for n in r.item_names)), accepted_at=opened,
            query_hint=head.query_hint, training=head.centre.training, batch_rows=tuple(rows),
            extra={"relation": record.relation, "village": record.village, "authorisations": str(authorisations),
                   "document_tag": batch_uuid})

    def preview_receipt(self, batch_uuid: str) -> bytes:
        return self._documents.printer.preview(self.receipt_context(batch_uuid))

    def print_receipt(self, batch_uuid: str) -> list[object]:
        """Print the batch receipt once; archived with every case of the batch (each villager's file holds it)."""
        ctx = self.receipt_context(batch_uuid)
        record = agent_batches.get_batch(self._db, self._cipher, batch_uuid)
        outcomes: list[object] = list(self._documents.printer.print_for_cases(record.case_uuids, ctx,
                                                                               self._documents.clerk_id))
        return outcomes
