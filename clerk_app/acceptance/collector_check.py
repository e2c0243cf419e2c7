"""Who may collect a result (出件 to the right person).

The collector's identity (read from the ID card, or typed with a required reason) is compared with the applicant and
the agent recorded at acceptance. The comparison goes through the cipher's blind index (the stored applicant row keeps
only that index of the principal's number), so no ID number is compared in the clear outside this function or ever
logged. Anyone else needs a 授权委托书 scanned into the case first; without it the handover is refused.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from clerk_app.domain.applicant import Applicant, CaptureSource, LegalEntity, NaturalPerson
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class CollectorRelation(enum.Enum):
    APPLICANT = "applicant"  # 申请人本人 (or the legal representative of an entity)
    AGENT = "agent"  # the 代办人/代理人 recorded at acceptance
    AUTHORISED = "authorised"  # a third person holding a 授权委托书 scanned into the case


RELATION_TEXT = {
    CollectorRelation.APPLICANT: "申请人本人",
    CollectorRelation.AGENT: "代理人（受理时登记）",
    CollectorRelation.AUTHORISED: "受托人（凭授权委托书）",
}


class CollectorNotAuthorised(ValidationError):
    """The collector is neither the applicant nor the agent, and no 授权委托书 is in the case."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The collector is neither the applicant nor the agent recorded at acceptance: scan or import the "
        "applicant's signed power of attorney into this case before handing the result over.")


class AgentMayNotCollect(ValidationError):
    """The batch's village agent (代办员) brought the villager's application, but the villager's 授权委托书 recorded at
    acceptance does not cover 领取."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The village agent brought this application, but the villager's power of attorney recorded at "
        "acceptance does not cover collecting the result (领取): the villager collects in person, or import a power "
        "of attorney that covers it.")


class ManualCollectorWithoutReason(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "A collector's identity typed by hand needs the reason (for example: the card reader is broken).")


CollectorRefused = (CollectorNotAuthorised, AgentMayNotCollect, ManualCollectorWithoutReason)


@dataclass(frozen=True)
class CollectorCheck:
    relation: CollectorRelation
    source: str  # CaptureSource value: card_reader, manual …
    manual_reason: str = ""
    authorisation_pages: int = 0

    @property
    def relation_text(self) -> str:
        return RELATION_TEXT[self.relation]

    def as_details(self) -> dict[str, object]:
        """What the handover event and the outbox payload carry (no personal data)."""
        return {"relation": self.relation.value, "source": self.source, "manual": self.source == "manual",
                "manual_reason": self.manual_reason, "authorisation_pages": self.authorisation_pages}


def _normalised(number: str) -> str:
    return number.strip().upper()


def check_collector(applicant: Applicant, principal_index: str | None, collector: NaturalPerson,
                    blind_index: Callable[[str], str], authorisation_pages: int = 0,
                    agent_may_collect: bool = True) -> CollectorCheck:
    """Decide the collector's relation to the case or raise one of ``CollectorRefused``.

    ``agent_may_collect``: False for a 代办批次 case whose villager's authorisation does not cover 领取; the agent
    then needs a 授权委托书 imported for the collection like anyone else (``AgentMayNotCollect`` without one).

    ``principal_index``: the blind index stored with the applicant row (a natural person's ID number); a legal
    entity's principal is its credit code, so for it the legal representative's number is compared instead.
    """
    reason = (collector.manual_entry_reason or "").strip()
    if collector.source is CaptureSource.MANUAL and not reason:
        raise ManualCollectorWithoutReason()
    source = collector.source.value
    key = blind_index(_normalised(collector.id_number))
    principal = applicant.principal
    if isinstance(principal, LegalEntity):
        representative = principal.legal_representative
        principal_key = blind_index(_normalised(representative.id_number)) if representative else None
    else:
        principal_key = principal_index or blind_index(_normalised(principal.id_number))
    if principal_key is not None and key == principal_key:
        return CollectorCheck(CollectorRelation.APPLICANT, source, reason)
    agent = applicant.agent
    if agent is not None and key == blind_index(_normalised(agent.agent.id_number)):
        if agent_may_collect:
            return CollectorCheck(CollectorRelation.AGENT, source, reason)
        if authorisation_pages == 0:
            raise AgentMayNotCollect()
    if authorisation_pages > 0:
        return CollectorCheck(CollectorRelation.AUTHORISED, source, reason, authorisation_pages)
    raise CollectorNotAuthorised()
