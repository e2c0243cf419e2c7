"""The 授权委托书 the window prints when an agent (代办人/代理人, ``applicant.agent`` recorded at acceptance) acts for
the principal and no scanned 授权委托书 is in the case: the principal signs it on the customer screen (or by hand,
纸质签名), like the other signed papers (``clerk_app.customer.signature``).

Both people are identified with masked numbers (the paper authorises; it does not need the full numbers), the
items, the scope and the validity are stated, and the principal's signature line comes first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from clerk_app.domain.applicant import Applicant
from clerk_app.domain.case import MaterialRecord, MaterialState
from clerk_app.domain.masking import mask_id_number
from clerk_app.identity.validation import AGENT_AUTHORISATION_MATERIAL
from offline_cache.cases import StoredCase
from printing.model import DocumentContext

# Material codes under which a scanned 授权委托书 is kept with the case (the identity check's and the catalog's).
AUTHORISATION_MATERIALS = frozenset({AGENT_AUTHORISATION_MATERIAL, "poa"})

SCOPE = ("代为向受理窗口提交上述事项的申请材料，核对并确认申请信息，签收受理通知书、一次性告知书等文书，"
         "按要求补齐或补正材料，并代为领取办理结果")
VALIDITY = "自签署之日起至上述事项办结并领取办理结果之日止"


def needs_authorisation_paper(applicant: Applicant, materials: Iterable[MaterialRecord]) -> bool:
    """An agent acts for the principal and no 授权委托书 is among the case's materials (scanned, or marked received:
    the paper the agent brought is in the file either way)."""
    if applicant.agent is None:
        return False
    codes = AUTHORISATION_MATERIALS | {applicant.agent.authorisation_material_code or AGENT_AUTHORISATION_MATERIAL}
    return not any(m.material_code in codes and (m.page_blob_ids or m.state is MaterialState.RECEIVED)
                   for m in materials)


class NoAgent(LookupError):
    """The case has no agent recorded: there is nobody to authorise."""


def authorisation_context(base: DocumentContext, stored: StoredCase) -> DocumentContext:
    """The 授权委托书 of the case from its ``build_context`` (kind AUTHORISATION): principal and agent masked."""
    agent = stored.case.applicant.agent
    if agent is None:
        raise NoAgent(stored.case.case_number)
    return dataclasses.replace(base, agent_name=agent.agent.name, extra={
        "agent_id": mask_id_number(agent.agent.id_number), "relation": agent.relation,
        "scope": SCOPE, "validity": VALIDITY})

