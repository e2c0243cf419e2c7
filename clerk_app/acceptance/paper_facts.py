"""What the papers of a case state about its items and the centre, and where each fact comes from.

Per item (snapshotted into the case's decision details at the commit, so a 补打 years later states what was true
when the decision was made): the item type, the 设定依据, the deciding organ (实施主体) with its 行政复议机关 and
court when the catalog names them, the 法定/承诺 time limits and the phones. Per centre (configuration, read when
printing): the default 行政复议机关 and court, the local 容缺 rule, the phones, the query URL, training mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clerk_app.config import Config
from clerk_app.domain.catalog import LimitUnit, ServiceItem, TimeLimit
from printing.model import ItemFacts

_UNITS = {LimitUnit.WORKING_DAYS: "个工作日", LimitUnit.CALENDAR_DAYS: "个自然日"}


def limit_text(limit: TimeLimit | None) -> str:
    if limit is None:
        return ""
    return f"{limit.value}{_UNITS.get(limit.unit, '日')}"


def item_facts(item: ServiceItem) -> dict[str, str]:
    """The snapshot stored with the case (JSON-ready)."""
    body = item.implementing_body
    return {
        "name": item.name,
        "item_type": item.item_type.value,
        "legal_basis": item.legal_basis,
        "deciding_body": body.name if body else item.department,
        "reconsideration_body": body.reconsideration_body if body else "",
        "court": body.court if body else "",
        "legal_limit": limit_text(item.legal_limit),
        "promised_limit": limit_text(item.promised_limit) if item.promised_limit else "即办",
        "consultation_phone": item.consultation_phone,
        "complaint_phone": item.complaint_phone,
        "department": item.department,
    }


def facts_from_snapshot(data: dict[str, Any]) -> ItemFacts:
    fields = ItemFacts.__dataclass_fields__
    return ItemFacts(**{k: str(v) for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class CentrePaperSettings:
    reconsideration_body: str = ""
    court: str = ""
    deferral_rule: str = ""
    consultation_phone: str = ""
    complaint_phone: str = ""
    query_url: str = ""
    training: bool = False
    evaluation_url: str = ""  # 扫码评价 page (好差评 later on a phone); empty = no evaluation QR on the receipt

    @classmethod
    def from_config(cls, config: Config) -> CentrePaperSettings:
        return cls(
            reconsideration_body=str(config.get("papers.reconsideration_body")),
            court=str(config.get("papers.court")),
            deferral_rule=str(config.get("papers.deferral_rule")),
            consultation_phone=str(config.get("papers.consultation_phone")),
            complaint_phone=str(config.get("papers.complaint_phone")),
            query_url=str(config.get("papers.query_url")),
            training=config.is_training,
            evaluation_url=str(config.get("customer_screen.evaluation_url")),
        )
